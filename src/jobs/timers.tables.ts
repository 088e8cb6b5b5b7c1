/**
 * Row types of durable timers (domain.md §3). `DB` in src/db/schema.ts extends `TimerTables`.
 * Times are ISO-8601 UTC text, flags 0/1, JSON as text, on both databases.
 */

export interface TimerTable {
  id: string;
  kind: string;
  /** JSON text handed to the handler. */
  payload: string;
  due_at: string;
  /** While set and in the future, a sweeper holds the timer (lease). */
  locked_until: string | null;
  /** Which sweeper holds or last held the lease. */
  locked_by: string | null;
  attempts: number;
  last_error: string | null;
  fired_at: string | null;
  /** Set when the timer gave up after its last retry; it is then out of the sweep. */
  dead_at: string | null;
  /** Unique when given: scheduling the same thing twice makes one timer. */
  dedupe_key: string | null;
  created_at: string;
}

/** Every table of this capability. */
export interface TimerTables {
  timers: TimerTable;
}
