/** The escalation capability: its routes and what it registers. */
import type { Capability } from '../../app/capability.ts';
import { escalationRoutes } from './escalation.routes.ts';
import { registerEscalationTimers } from './escalation.service.ts';

export const escalationCapability: Capability = {
  name: 'escalation',
  routes: escalationRoutes,
  register() {
    registerEscalationTimers();
  },
};
