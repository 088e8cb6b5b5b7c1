/** The customers capability: its routes and what it registers. */
import type { Capability } from '../../app/capability.ts';
import { registerCustomerPermissions } from './customers.permissions.ts';
import { customerRoutes } from './customers.routes.ts';

export const customersCapability: Capability = {
  name: 'customers',
  routes: customerRoutes,
  register() {
    registerCustomerPermissions();
  },
};
