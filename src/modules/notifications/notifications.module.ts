/** The notifications capability: its routes and what it registers. */
import type { Capability } from '../../app/capability.ts';
import { notificationRoutes } from './notifications.routes.ts';
import { registerNotificationTimers } from './notifications.service.ts';

export const notificationsCapability: Capability = {
  name: 'notifications',
  routes: notificationRoutes,
  register() {
    registerNotificationTimers();
  },
};
