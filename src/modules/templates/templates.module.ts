/** The templates capability (CW-3): standard customer texts with typed variables. */
import type { Capability } from '../../app/capability.ts';
import { entityNames, registerMessages } from '../../http/messages.ts';
import { grant } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';
import { setNoticeRenderer } from '../work-orders/work-orders.service.ts';
import { templateRoutes } from './templates.routes.ts';
import { findTemplateByCode, renderBoth } from './templates.service.ts';

export const templatesCapability: Capability = {
  name: 'templates',
  routes: templateRoutes,
  register() {
    grant('templates.read', ['call_center', 'dispatcher', 'engineer', 'auditor', 'admin', ...MANAGER_ROLES]);
    grant('templates.send', ['call_center', 'dispatcher', 'engineer', ...MANAGER_ROLES]);
    grant('templates.manage', ['admin', 'after_sales_director']);
    entityNames.message_template = { 'zh-CN': '消息模板', en: 'message template' };
    // CW-3: the system's own customer notices (late notice, rescheduled visit) come from templates.
    setNoticeRenderer(async (tx, code, values) => renderBoth(await findTemplateByCode(tx, code), values));
    registerMessages({
      template_values: {
        'zh-CN': '模板变量的值不完整或有误，请补全后再发送。',
        en: 'The values for the template are incomplete or wrong; complete them before sending.',
      },
    });
  },
};
