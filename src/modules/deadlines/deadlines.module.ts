/** The deadlines capability: its routes and what it registers. */
import type { Capability } from '../../app/capability.ts';
import { registerDeadlineOrderHooks } from './deadlines.orders.ts';
import { registerDeadlinePolicy } from './deadlines.policy.ts';
import { deadlineRoutes } from './deadlines.routes.ts';
import { registerDeadlineTimers } from './deadlines.service.ts';

export const deadlinesCapability: Capability = {
  name: 'deadlines',
  routes: deadlineRoutes,
  register() {
    registerDeadlinePolicy();
    registerDeadlineTimers();
    registerDeadlineOrderHooks();
  },
};
