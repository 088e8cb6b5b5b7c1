/** The customer-link capability: its routes (it registers nothing). */
import type { Capability } from '../../app/capability.ts';
import { customerLinkRoutes } from './customer-link.routes.ts';

export const customerLinkCapability: Capability = {
  name: 'customer-link',
  routes: customerLinkRoutes,
};
