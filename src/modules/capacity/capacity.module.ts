/** Capacity against the staffing ratios (RS-4) as a capability. */
import type { Capability } from '../../app/capability.ts';
import { entityNames } from '../../http/messages.ts';
import { grant } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';
import { CAPACITY_MANAGE, CAPACITY_READ, capacityRoutes } from './capacity.routes.ts';

export const capacityCapability: Capability = {
  name: 'capacity',
  routes: capacityRoutes,
  register() {
    grant(CAPACITY_READ, ['dispatcher', 'auditor', 'admin', ...MANAGER_ROLES]);
    grant(CAPACITY_MANAGE, ['dispatcher', 'admin', ...MANAGER_ROLES]);
    // The ratios are the organisation's, so only its administrators change them.
    grant('capacity.rules', ['admin']);
    Object.assign(entityNames, {
      capacity_rule: { 'zh-CN': '配置比例', en: 'staffing ratio' },
      capacity_hotline: { 'zh-CN': '值守热线', en: 'hotline' },
    });
  },
};
