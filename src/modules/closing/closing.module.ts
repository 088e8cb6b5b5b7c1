/** The closing capability: its routes and what it registers. */
import type { Capability } from '../../app/capability.ts';
import { closingRoutes, registerClosing, registerClosingLinkSection } from './closing.routes.ts';

export const closingCapability: Capability = {
  name: 'closing',
  routes: closingRoutes,
  register() {
    registerClosing();
    registerClosingLinkSection();
  },
};
