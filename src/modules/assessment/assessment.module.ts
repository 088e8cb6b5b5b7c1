/** Vendor assessment (VA-1, VA-2): indicators per partner, region and month. */
import type { Capability } from '../../app/capability.ts';
import { grant } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';
import { assessmentRoutes } from './assessment.routes.ts';

export const assessmentCapability: Capability = {
  name: 'assessment',
  routes: assessmentRoutes,
  register() {
    // Managers of the operator and of a partner (scoped to that partner's own figures).
    grant('assessment.read', [...MANAGER_ROLES, 'auditor', 'admin']);
  },
};
