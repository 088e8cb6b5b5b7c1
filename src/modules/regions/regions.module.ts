/** The regions capability: its routes (it registers nothing). */
import type { Capability } from '../../app/capability.ts';
import { regionRoutes } from './regions.routes.ts';

export const regionsCapability: Capability = {
  name: 'regions',
  routes: regionRoutes,
};
