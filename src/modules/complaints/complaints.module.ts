/** The complaints capability (CS-1). */
import type { Capability } from '../../app/capability.ts';
import { entityNames, registerMessages } from '../../http/messages.ts';
import { grant } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';
import { registerComplaintDeadlines } from './complaints.deadlines.ts';
import { complaintRoutes } from './complaints.routes.ts';

export const complaintsCapability: Capability = {
  name: 'complaints',
  routes: complaintRoutes,
  register() {
    grant('complaints.read', ['call_center', 'dispatcher', 'engineer', 'auditor', 'admin', ...MANAGER_ROLES]);
    grant('complaints.write', ['call_center', 'dispatcher', ...MANAGER_ROLES]);
    grant('complaints.manage', ['admin', 'after_sales_director']);
    entityNames.complaint = { 'zh-CN': '投诉', en: 'complaint' };
    entityNames.complaint_action = { 'zh-CN': '整改措施', en: 'corrective action' };
    entityNames.complaint_policy = { 'zh-CN': '投诉时限规则', en: 'complaint deadline policy' };
    registerComplaintDeadlines();
    registerMessages({
      complaint_step_refused: {
        'zh-CN': '投诉暂时不能进行这一步。',
        en: 'The complaint cannot take this step yet.',
      },
      complaint_closed: {
        'zh-CN': '投诉已关闭，不能再修改。',
        en: 'The complaint is closed and cannot change.',
      },
      complaint_action_done: { 'zh-CN': '该整改措施已完成。', en: 'This corrective action is already done.' },
    });
  },
};
