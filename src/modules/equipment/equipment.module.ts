/** The equipment capability: its routes (it registers nothing). */
import type { Capability } from '../../app/capability.ts';
import { equipmentRoutes } from './equipment.routes.ts';

export const equipmentCapability: Capability = {
  name: 'equipment',
  routes: equipmentRoutes,
};
