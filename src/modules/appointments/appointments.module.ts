/** The appointments capability: its routes (it registers nothing). */
import type { Capability } from '../../app/capability.ts';
import { appointmentRoutes } from './appointments.routes.ts';

export const appointmentsCapability: Capability = {
  name: 'appointments',
  routes: appointmentRoutes,
};
