/** Inspections (RS-5) as a capability: permissions, the occurrence timer, the assessment source. */
import type { Capability } from '../../app/capability.ts';
import { entityNames, registerMessages } from '../../http/messages.ts';
import { grant } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';
import { registerIndicatorSource } from '../assessment/assessment.sources.ts';
import {
  INSPECTIONS_CHECKLISTS,
  INSPECTIONS_PLAN,
  INSPECTIONS_READ,
  INSPECTIONS_WORK,
  inspectionsRoutes,
} from './inspections.routes.ts';
import { completionCounts, registerOccurrenceTimer } from './inspections.service.ts';

export const inspectionsCapability: Capability = {
  name: 'inspections',
  routes: inspectionsRoutes,
  register() {
    grant(INSPECTIONS_READ, ['dispatcher', 'engineer', 'auditor', 'admin', ...MANAGER_ROLES]);
    grant(INSPECTIONS_PLAN, ['dispatcher', 'admin', ...MANAGER_ROLES]);
    grant(INSPECTIONS_WORK, ['engineer', 'dispatcher', 'admin']);
    grant(INSPECTIONS_CHECKLISTS, ['admin', ...MANAGER_ROLES]);
    registerMessages({
      inspection_completed: {
        'zh-CN': '此次巡检已完成，不能再次提交',
        en: 'This inspection is already completed',
      },
    });
    Object.assign(entityNames, {
      inspection_plan: { 'zh-CN': '巡检计划', en: 'inspection plan' },
      inspection: { 'zh-CN': '巡检', en: 'inspection' },
      inspection_checklist: { 'zh-CN': '巡检检查表', en: 'inspection checklist' },
    });
    registerOccurrenceTimer();
    // VA-1 "inspection completion": completed as planned out of planned, per partner.
    registerIndicatorSource('inspection_completion', async (ctx, w) => {
      const byPartner = new Map<string | null, { count: number; total: number }>();
      for (const r of await completionCounts(ctx, w.scope, w)) {
        const acc = byPartner.get(r.partner_id) ?? { count: 0, total: 0 };
        acc.count += Number(r.done);
        acc.total += Number(r.planned);
        byPartner.set(r.partner_id, acc);
      }
      return [...byPartner.entries()].map(([partnerId, v]) => ({ partnerId, ...v }));
    });
  },
};
