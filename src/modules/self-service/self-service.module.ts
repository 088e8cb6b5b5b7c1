import type { Capability } from '../../app/capability.ts';
import { grant } from '../access/policy.ts';
import { CUSTOMER_ROLES } from '../access/roles.ts';
import { selfServiceRoutes } from './self-service.routes.ts';

/**
 * Self-service for the customer's side (issue 17 item 7): a subscriber, an escort or network
 * monitoring sees their own customer's orders and reports a fault in plain words.
 */
export const selfServiceCapability: Capability = {
  name: 'self-service',
  routes: selfServiceRoutes,
  register: () => {
    grant('self_service.use', CUSTOMER_ROLES);
  },
};
