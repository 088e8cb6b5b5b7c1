import type { Capability } from '../../app/capability.ts';
import { trainingRoutes } from './training.routes.ts';

/** WO-9 on-site training records (routes only; permissions are the work-order ones). */
export const trainingCapability: Capability = { name: 'training', routes: trainingRoutes };
