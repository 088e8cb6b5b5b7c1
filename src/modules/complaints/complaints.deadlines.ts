/**
 * CS-1 complaint deadlines as durable timers: each of a complaint's three deadlines (acknowledge,
 * respond to the customer, resolve) is a timer scheduled with the complaint; when it fires and
 * the step is still not done, the miss is written to the complaint's history and an escalation
 * starts on the region's ladder, as for an order (SL-2): the owner (or the receiver) first, then
 * the area manager and upwards at the ladder's minutes, until the step is done or someone
 * acknowledges it.
 */
import type { AppContext } from '../../app/context.ts';
import { registerTimerHandler, scheduleTimer } from '../../jobs/timers.ts';
import { registerEscalationSettled, startEscalation } from '../escalation/escalation.service.ts';
import { recordHistory } from '../history/history.service.ts';
import type { ComplaintTable } from './complaints.tables.ts';

export const COMPLAINT_DUE_TIMER = 'complaint.due';
const STEPS = ['acknowledge', 'respond', 'resolve'] as const;
type DueStep = (typeof STEPS)[number];

const LABEL: Record<DueStep, { 'zh-CN': string; en: string }> = {
  acknowledge: { 'zh-CN': '受理', en: 'acknowledge' },
  respond: { 'zh-CN': '答复客户', en: 'answer the customer' },
  resolve: { 'zh-CN': '解决', en: 'resolve' },
};

/** Schedules the three deadline timers of a new complaint, in its transaction. */
export async function scheduleComplaintDeadlines(tx: AppContext, c: ComplaintTable): Promise<void> {
  const due: Record<DueStep, string> = {
    acknowledge: c.acknowledge_due,
    respond: c.respond_due,
    resolve: c.resolve_due,
  };
  for (const step of STEPS) {
    await scheduleTimer(tx, {
      kind: COMPLAINT_DUE_TIMER,
      dueAt: due[step],
      payload: { complaintId: c.id, step },
      dedupeKey: `complaint:${c.id}:${step}`,
    });
  }
}

/** Whether the step was done (a later step counts: a resolved complaint was answered). */
function done(c: ComplaintTable, step: DueStep): boolean {
  if (c.state === 'closed') return true;
  if (step === 'acknowledge') return c.acknowledged_at !== null || c.state !== 'open';
  if (step === 'respond') return c.responded_at !== null;
  return c.resolved_at !== null;
}

/** Registers the handler (called from the capability's register). */
export function registerComplaintDeadlines(): void {
  registerComplaintEscalations();
  registerTimerHandler(COMPLAINT_DUE_TIMER, {
    async run(tx, timer) {
      const id = String(timer.payload.complaintId);
      const step = String(timer.payload.step) as DueStep;
      const c = await tx.db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
      if (!c || !STEPS.includes(step) || done(c, step)) return;
      const actor = { system: 'complaint-deadlines' };
      await recordHistory(tx, actor, {
        entityType: 'complaint',
        entityId: c.id,
        action: 'deadline_missed',
        changes: { deadline: [null, step] },
      });
      await startEscalation(tx, {
        kind: 'breach',
        subjectType: 'complaint',
        subjectId: c.id,
        clockId: `${c.id}:${step}`,
        regionId: c.region_id,
        ownerId: c.owner_id ?? c.created_by,
        // The ladder's minutes count from the missed deadline, not from when the sweep noticed.
        startedAt: timer.dueAt,
        title: {
          'zh-CN': `投诉 ${c.number} 已超过${LABEL[step]['zh-CN']}时限`,
          en: `Complaint ${c.number} is past its deadline to ${LABEL[step].en}`,
        },
        body: { 'zh-CN': c.summary, en: c.summary },
      });
    },
  });
}

/** A complaint's escalation stops climbing once its missed step is done. */
function registerComplaintEscalations(): void {
  registerEscalationSettled('complaint', async (tx, esc) => {
    const [id, step] = (esc.clock_id ?? '').split(':') as [string, DueStep | undefined];
    const c = await tx.db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
    return !c || !step || !STEPS.includes(step) || done(c, step);
  });
}
