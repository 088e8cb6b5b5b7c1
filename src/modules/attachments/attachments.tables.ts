/** Row types of stored files (photos, documents, generated reports). Kept forever (RC-3). */

import type { AttachmentKind } from './attachments.rules.ts';

export interface AttachmentTable {
  id: string;
  /**
   * What the file belongs to, e.g. work_order, knowledge_entry. Open: each owning capability
   * registers its type (attachments.owners.ts), so no list here.
   */
  owner_type: string;
  owner_id: string;
  kind: AttachmentKind;
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
