/** Row type of kept answers to requests sent with an Idempotency-Key. `DB` extends `ReplayTables`. */

/** The first answer to one person's request under one key; a replay gets it back unchanged. */
export interface RequestReplayTable {
  person_id: string;
  key: string;
  /** SHA-256 of method, path and body: the same key with another request is refused. */
  request_hash: string;
  status: number;
  /** The JSON answer as sent the first time. */
  response: string;
  created_at: string;
}

export interface ReplayTables {
  request_replays: RequestReplayTable;
}
