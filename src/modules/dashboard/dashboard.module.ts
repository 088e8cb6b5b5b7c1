/** The dashboard capability: its routes and what it registers. */
import type { Capability } from '../../app/capability.ts';
import { dashboardRoutes, registerDashboardGrants } from './dashboard.routes.ts';

export const dashboardCapability: Capability = {
  name: 'dashboard',
  routes: dashboardRoutes,
  register() {
    registerDashboardGrants();
  },
};
