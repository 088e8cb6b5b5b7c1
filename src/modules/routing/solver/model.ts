/**
 * The routing problem the solver takes (DP-2): vehicles (engineers) and jobs (orders) over a
 * travel matrix. Units are whatever the caller uses, consistently: the benchmark uses Solomon
 * units, the product seconds and metres. Plain data so it crosses a worker_threads boundary.
 */

/** A half-open-or-closed time window [start, end] in which service may START. */
export type Window = readonly [number, number];

export interface VehicleSpec {
  /** Matrix indices of where the vehicle starts and ends. */
  start: number;
  end: number;
  /** Shift window: leaves the start no earlier than shift[0], back at the end by shift[1]. */
  shift: Window;
  capacity: number;
  /** Skills held (small integers < 31). */
  skills?: readonly number[];
  /** Cost of using the vehicle at all (added when its route is not empty); default 0. */
  fixedCost?: number;
}

export interface JobSpec {
  /** Matrix index of the job's location. */
  location: number;
  /** Service may start inside one of these windows (sorted, disjoint); none = any time in the shift. */
  windows?: readonly Window[];
  service: number;
  demand: number;
  /** Skills required (all of them). */
  skills?: readonly number[];
  /** Higher means more important to place; weights the cost of leaving it out. Default 0. */
  priority?: number;
  /** Soft deadline for the END of service; lateness beyond it costs `latenessWeight` per unit. */
  deadline?: number;
  latenessWeight?: number;
  /** Must be placed today: leaving it out costs far more than anything else. */
  mustDo?: boolean;
  /** Pinned to this vehicle (index), e.g. an assignment the dispatcher locked. */
  lockedVehicle?: number;
}

export interface Problem {
  /** Square matrices, row-major, size L×L (L = number of distinct locations). */
  size: number;
  distance: ArrayLike<number>;
  /** Travel time; the distance matrix is used when left out (the benchmark's convention). */
  duration?: ArrayLike<number>;
  vehicles: readonly VehicleSpec[];
  jobs: readonly JobSpec[];
}

/** What may be asked of a run. */
export interface SolveOptions {
  seed?: number;
  /** Wall-clock budget in milliseconds. */
  timeLimitMs?: number;
  /** Iteration budget; with a seed and no time limit the run is fully reproducible. */
  maxIterations?: number;
  /** Share of the budget spent on removing vehicles first (hierarchical objective); default 0.5. */
  fleetShare?: number;
  /** Called now and then with a 0…1 fraction and the best solution's figures. */
  onProgress?: (p: Progress) => void;
  /** A starting solution (routes of job indices per vehicle), e.g. a plan being re-optimised. */
  initial?: readonly (readonly number[])[];
}

export interface Progress {
  fraction: number;
  vehicles: number;
  distance: number;
  unassigned: number;
  iterations: number;
}

/** Why a job was left out. */
export type UnplacedReason = 'no_skilled_vehicle' | 'over_capacity' | 'window_unreachable' | 'no_room';

export interface RouteResult {
  vehicle: number;
  jobs: number[];
  /** Service start time at each job. */
  starts: number[];
  distance: number;
  duration: number;
  load: number;
  /** Sum over the route of weighted lateness past soft deadlines. */
  lateness: number;
}

export interface Solution {
  routes: RouteResult[];
  unassigned: { job: number; reason: UnplacedReason }[];
  vehicles: number;
  distance: number;
  lateness: number;
  iterations: number;
  /** Milliseconds. */
  elapsed: number;
}
