/** The work-orders capability: its routes and what it registers. */
import type { Capability } from '../../app/capability.ts';
import { registerWorkOrderPolicy } from './work-orders.policy.ts';
import { workOrderRoutes } from './work-orders.routes.ts';
import { registerBuiltInGuards } from './work-orders.service.ts';

export const workOrdersCapability: Capability = {
  name: 'work-orders',
  routes: workOrderRoutes,
  register() {
    registerWorkOrderPolicy();
    registerBuiltInGuards();
  },
};
