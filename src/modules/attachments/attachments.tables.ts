/** Row types of stored files (photos, documents, generated reports). Kept forever (RC-3). */

export interface AttachmentTable {
  id: string;
  /** What the file belongs to, e.g. work_order, knowledge_entry; see attachments.owners.ts. */
  owner_type: string;
  owner_id: string;
  /** photo | document | report | signature */
  kind: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  /** Hex SHA-256 of the content; also the file's name on disk (content-addressed). */
  sha256: string;
  caption: string | null;
  uploaded_by: string | null;
  created_at: string;
}

/** The attachment tables. */
export interface AttachmentTables {
  attachments: AttachmentTable;
}
