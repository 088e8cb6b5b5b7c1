/** The access capability: its routes (it registers nothing). */
import type { Capability } from '../../app/capability.ts';
import { accessRoutes } from './access.routes.ts';

export const accessCapability: Capability = {
  name: 'access',
  routes: accessRoutes,
};
