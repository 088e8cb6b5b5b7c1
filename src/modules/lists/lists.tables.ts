/** Saved views: a person's named filters and sort for a list page, kept on the server. */
export interface SavedViewTable {
  id: string;
  person_id: string;
  /** Which list the view belongs to (see `VIEW_PAGES`). */
  page: string;
  name: string;
  /** The list's URL query, e.g. `state=new&q=13800`, checked against the page's known keys. */
  query: string;
  created_at: string;
  updated_at: string;
}

export interface ListTables {
  saved_views: SavedViewTable;
}
