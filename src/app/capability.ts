/**
 * The shape of a capability (one folder under src/modules): the routes it serves and what it
 * registers with the rest of the system. Registration happens only through `register`, called
 * once per process in the fixed order of `CAPABILITIES` (src/app/modules.ts) by
 * `registerCapabilities` — never as a side effect of importing a file.
 */
import type { RouteDef } from '../http/route.ts';

export interface Capability {
  /** The folder name under src/modules. */
  name: string;
  /** Every API route of the capability. */
  routes: RouteDef[];
  /**
   * Grants, error messages, transition guards, work-order listeners, timer handlers, recurring
   * jobs, customer-link sections, due checks, attachment owners. Must be safe to call once.
   */
  register?: () => void;
}
