/** The calendars capability: its routes (it registers nothing). */
import type { Capability } from '../../app/capability.ts';
import { calendarRoutes } from './calendars.routes.ts';

export const calendarsCapability: Capability = {
  name: 'calendars',
  routes: calendarRoutes,
};
