/**
 * CS-1 complaint deadlines as durable timers: each of a complaint's three deadlines (acknowledge,
 * respond to the customer, resolve) is a timer scheduled with the complaint; when it fires and
 * the step is still not done, the owner (and, without an owner, the area's managers' inbox via
 * the receiver) is told in the inbox, and the miss is written to the complaint's history.
 */
import type { AppContext } from '../../app/context.ts';
import { registerTimerHandler, scheduleTimer } from '../../jobs/timers.ts';
import { recordHistory } from '../history/history.service.ts';
import { notify } from '../notifications/notifications.service.ts';
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
      const to = c.owner_id ?? c.created_by;
      if (!to) return;
      await notify(tx, {
        personIds: [to],
        kind: 'complaint_overdue',
        title: {
          'zh-CN': `投诉 ${c.number} 已超过${LABEL[step]['zh-CN']}时限`,
          en: `Complaint ${c.number} is past its deadline to ${LABEL[step].en}`,
        },
        body: { 'zh-CN': c.summary, en: c.summary },
        subjectType: 'complaint',
        subjectId: c.id,
      });
    },
  });
}
