/** The partners capability: its routes and what it registers. */
import type { Capability } from '../../app/capability.ts';
import { partnerRoutes, registerPartnerMessages } from './partners.routes.ts';

export const partnersCapability: Capability = {
  name: 'partners',
  routes: partnerRoutes,
  register() {
    registerPartnerMessages();
  },
};
