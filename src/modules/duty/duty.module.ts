/** The duty roster (DP-1 "on duty"), and the dispatch check that reads it. */
import type { Capability } from '../../app/capability.ts';
import { entityNames, registerMessages } from '../../http/messages.ts';
import { grant } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';
import { registerCandidateCheck } from '../dispatch/dispatch.checks.ts';
import { dutyRoutes } from './duty.routes.ts';
import { dutyCheck } from './duty.service.ts';

export const dutyCapability: Capability = {
  name: 'duty',
  routes: dutyRoutes,
  register() {
    grant('duty.read', ['admin', 'dispatcher', 'call_center', 'auditor', ...MANAGER_ROLES]);
    grant('duty.manage', ['admin', 'dispatcher', ...MANAGER_ROLES]);
    registerMessages(
      {
        duty_conflict: { 'zh-CN': '与值班表上已有的安排冲突', en: 'conflicts with the duty roster' },
      },
      {
        invalid_clock_time: {
          'zh-CN': '应为 24 小时制时间，如 08:30',
          en: 'must be a 24-hour time such as 08:30',
        },
      },
    );
    entityNames.duty_shift = { 'zh-CN': '班次', en: 'shift' };
    entityNames.leave = { 'zh-CN': '休假', en: 'leave' };
    registerCandidateCheck('duty', dutyCheck);
  },
};
