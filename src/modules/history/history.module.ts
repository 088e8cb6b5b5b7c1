/** The history capability: its routes and what it registers. */
import type { Capability } from '../../app/capability.ts';
import { auditRoutes } from './history.routes.ts';
import { registerHistoryFlusher } from './history.service.ts';

export const historyCapability: Capability = {
  name: 'history',
  routes: auditRoutes,
  register() {
    registerHistoryFlusher();
  },
};
