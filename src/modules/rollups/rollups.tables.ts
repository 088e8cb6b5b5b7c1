/**
 * Rollup tables (issue 11 item 2): additive parts of the dashboard and assessment figures per
 * rollup day × the order's region × the order's partner ('' for the operator's own staff).
 * Kept by triggers (rollups.triggers.ts); rebuilt by `onsite rollups rebuild`.
 */

interface Cell {
  /** 'YYYY-MM-DD' in China Standard Time (rollups.rules.ts). */
  day: string;
  region_id: string;
  /** The order's partner id, '' for own staff (a key column cannot be null). */
  partner_key: string;
}

/** Decided clocks by the day they started, with the clock's own region and partner (the dashboard groups by those). */
export interface RollupClocksTable extends Cell {
  clock_region_id: string;
  clock_partner_key: string;
  /** The clock's kind: open like order_clocks.kind (capabilities register kinds for their records). */
  kind: string;
  decided: number;
  breached: number;
}

/** Durations: a histogram of minutes per measure (a timed clock kind, or 'installation'). */
export interface RollupMinutesTable extends Cell {
  measure: string;
  /** Lower bound of the bucket in minutes (rollups.rules.ts BUCKET_STEPS). */
  bucket: number;
  n: number;
  minutes: number;
}

/** Plain counts per measure ('received'). */
export interface RollupCountsTable extends Cell {
  measure: string;
  n: number;
}

/** Ratings by the day they were recorded (CS-2). */
export interface RollupRatingsTable extends Cell {
  rated: number;
  good: number;
  score_sum: number;
  refused: number;
}

export interface RollupTables {
  rollup_clocks: RollupClocksTable;
  rollup_minutes: RollupMinutesTable;
  rollup_counts: RollupCountsTable;
  rollup_ratings: RollupRatingsTable;
}
