/** The wording capability (CW-1…CW-4): the check, its lexicon, and the guard on every customer notice. */
import type { Capability } from '../../app/capability.ts';
import { entityNames, registerMessages } from '../../http/messages.ts';
import { grant } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';
import { setCustomerTextGuard } from '../work-orders/work-orders.service.ts';
import { wordingRoutes } from './wording.routes.ts';
import { guardCustomerTexts } from './wording.service.ts';

export const wordingCapability: Capability = {
  name: 'wording',
  routes: wordingRoutes,
  register() {
    grant('wording.check', ['call_center', 'dispatcher', 'engineer', 'auditor', 'admin', ...MANAGER_ROLES]);
    grant('wording.admin', ['admin', 'after_sales_director']);
    // Supervisors: the people who may send a blocked text anyway, with a reason.
    grant('wording.override', [...MANAGER_ROLES]);
    entityNames.wording_expression = { 'zh-CN': '用语规范词条', en: 'wording expression' };
    registerMessages({
      wording_blocked: {
        'zh-CN': '文字中有不能发给客户的用语，请按建议修改；确需发送的，由主管填写理由后发送。',
        en: 'The text contains wording that cannot go to a customer. Rephrase it as suggested, or have a supervisor send it with a reason.',
      },
      wording_override_forbidden: {
        'zh-CN': '只有主管可以在填写理由后发送未通过用语检查的文字。',
        en: 'Only a supervisor may send a text that failed the wording check, with a reason.',
      },
    });
    // CW-1: every notice to a customer passes the check before it is recorded or sent.
    setCustomerTextGuard((tx, actor, order, texts, override) =>
      guardCustomerTexts(tx, actor, texts, { entityType: 'work_order', entityId: order.id }, override),
    );
  },
};
