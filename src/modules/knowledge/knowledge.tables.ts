/** Row types of the knowledge base (WO-12). `DB` in src/db/schema.ts extends this interface. */

export interface KnowledgeEntryTable {
  id: string;
  symptom: string;
  cause: string;
  fix: string;
  product: string | null;
  version: string | null;
  /** The resolved work order the entry was learned from, when there was one. */
  source_order_id: string | null;
  /** Lower-cased symptom, cause, fix, product and version: what search matches against. */
  search_text: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** The knowledge tables. The SQLite FTS5 index is maintained by triggers and is not queried through Kysely types. */
export interface KnowledgeTables {
  knowledge_entries: KnowledgeEntryTable;
}
