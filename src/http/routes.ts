/** Every API route of the server: the routes of each capability, in the order of `CAPABILITIES`. */
import { CAPABILITIES } from '../app/modules.ts';
import type { RouteDef } from './route.ts';

export const apiRoutes: RouteDef[] = CAPABILITIES.flatMap((c) => c.routes);
