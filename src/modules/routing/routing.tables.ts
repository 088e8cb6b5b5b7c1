/** Row types of the daily plan (DP-2). Times are ISO-8601 UTC text; dates YYYY-MM-DD; JSON is text. */

export const PLAN_STATES = ['building', 'ready', 'failed', 'published', 'superseded'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

export interface RoutePlanTable {
  id: string;
  region_id: string;
  day: string;
  state: PlanState;
  /** 0…1 while building. */
  progress: number;
  /** Bumped on every change, so a stale edit can be refused. */
  version: number;
  input: string;
  result: string | null;
  error: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  published_by: string | null;
}

export interface TravelMatrixTable {
  id: string;
  region_id: string;
  day: string;
  points_key: string;
  provider: string;
  data: string;
  created_at: string;
}

export interface RoutingTables {
  route_plans: RoutePlanTable;
  travel_matrices: TravelMatrixTable;
}
