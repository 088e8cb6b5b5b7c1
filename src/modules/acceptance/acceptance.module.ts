/** Engineering acceptance (RS-6) as a capability. */
import type { Capability } from '../../app/capability.ts';
import { entityNames, registerMessages } from '../../http/messages.ts';
import { grant } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';
import { ACCEPTANCE_READ, ACCEPTANCE_WORK, acceptanceRoutes } from './acceptance.routes.ts';

export const acceptanceCapability: Capability = {
  name: 'acceptance',
  routes: acceptanceRoutes,
  register() {
    grant(ACCEPTANCE_READ, ['dispatcher', 'engineer', 'auditor', 'admin', ...MANAGER_ROLES]);
    grant(ACCEPTANCE_WORK, ['engineer', 'dispatcher', 'admin', 'engineering_manager', 'project_manager']);
    registerMessages({
      acceptance_refused: {
        'zh-CN': '验收记录不能这样修改',
        en: 'The acceptance record cannot change this way',
      },
    });
    Object.assign(entityNames, {
      acceptance_memo: { 'zh-CN': '遗留问题', en: 'leftover item' },
    });
  },
};
