/** The dispatch capability: its routes (it registers nothing). */
import type { Capability } from '../../app/capability.ts';
import { dispatchRoutes } from './dispatch.routes.ts';

export const dispatchCapability: Capability = {
  name: 'dispatch',
  routes: dispatchRoutes,
};
