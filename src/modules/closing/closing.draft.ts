/**
 * WO-9: the service report drafted from what was recorded — symptom, cause, the daily logs as
 * the work done, parts consumed, the checklist, restore and resolve times, the engineer's
 * signature — before anyone signs, so the customer signs the report that will be issued and the
 * dispatcher only edits it.
 */
import type { AppContext } from '../../app/context.ts';
import type { Scope } from '../access/policy.ts';
import { onsiteRecord } from '../onsite/onsite.service.ts';
import { partsOfOrder } from '../parts/parts.service.ts';
import type { WorkOrderRow } from '../work-orders/work-orders.service.ts';
import { currentEngineerSignature } from './closing.engineer.ts';
import { draftWorkDone } from './closing.rules.ts';

export interface ReportDraft {
  symptom: string;
  cause: string | null;
  workDone: string;
  partsUsed: { name: string; code: string | null; quantity: number }[];
  checklist: { labelZh: string; labelEn: string; done: boolean }[];
  restoredAt: string | null;
  resolvedAt: string | null;
  engineerSignature: { name: string; signedAt: string } | null;
}

export async function draftReport(ctx: AppContext, scope: Scope, order: WorkOrderRow): Promise<ReportDraft> {
  const [record, parts, signed] = await Promise.all([
    onsiteRecord(ctx, order),
    partsOfOrder(ctx, scope, order.id),
    currentEngineerSignature(ctx, order.id),
  ]);
  return {
    symptom: order.symptom,
    cause: order.suspected_cause,
    workDone: draftWorkDone(
      record.logs.map((l) => ({
        date: l.log_date,
        engineer: record.names.get(l.person_id) ?? '',
        workDone: l.work_done,
      })),
    ),
    partsUsed: parts
      .filter((p) => p.consumed > 0)
      .map((p) => ({ name: p.partName, code: p.partCode || null, quantity: p.consumed })),
    checklist: record.checklist.map((c) => ({
      labelZh: c.item.label_zh,
      labelEn: c.item.label_en,
      done: c.mark?.done === 1,
    })),
    restoredAt: order.restored_at,
    resolvedAt: order.resolved_at,
    engineerSignature: signed ? { name: signed.display_name, signedAt: signed.signed_at } : null,
  };
}
