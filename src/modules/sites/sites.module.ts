/** The sites capability: its routes (it registers nothing). */
import type { Capability } from '../../app/capability.ts';
import { siteRoutes } from './sites.routes.ts';

export const sitesCapability: Capability = {
  name: 'sites',
  routes: siteRoutes,
};
