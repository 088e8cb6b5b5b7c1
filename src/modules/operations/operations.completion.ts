/**
 * MO-13 after completion: the PDF completion report, stored as an attachment of the operation in
 * the completing transaction, and the leftovers as tracked items — each with an owner, a due date
 * and its own deadline clock (the deadlines module warns, breaches and escalates it like an
 * order's) — closed one by one with a note, which stops the clock.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { forbidden, problem } from '../../shared/errors.ts';
import { type Actor, can, type HistoryActor } from '../access/policy.ts';
import { addAttachment } from '../attachments/attachments.service.ts';
import { subjectClocks } from '../deadlines/deadlines.service.ts';
import { endOfDueDay, startDueClock, stopSubjectClock } from '../deadlines/deadlines.subjects.ts';
import { getPerson } from '../people/people.service.ts';
import { addRecord, getOperation, lockVisible, refuse, siteClocks } from './operations.context.ts';
import type { Leftover } from './operations.execution.ts';
import { COMPLETION_TITLE, type CompletionReport, renderCompletionPdf } from './operations.report.ts';
import * as repo from './operations.repository.ts';
import type { OperationRecordKind } from './operations.rules.ts';
import type { OperationRecordTable, OperationTable } from './operations.tables.ts';

const body = (r: OperationRecordTable) => JSON.parse(r.body) as Record<string, unknown>;

async function nameOf(ctx: AppContext, personId: string | null): Promise<string> {
  if (!personId) return '—';
  // Names printed on the operation's own report: whoever sees the operation sees who worked on it.
  return getPerson(ctx, { kind: 'all' }, personId).then(
    (p) => p.display_name,
    () => '—',
  );
}

/** Assembles the report from the operation's evidence; the caller holds the operation's lock. */
async function assemble(tx: AppContext, op: OperationTable, summary: string): Promise<CompletionReport> {
  const sites = await siteClocks(tx, await repo.siteIdsOf(tx.db, op.id));
  const records = await repo.recordsOf(tx.db, op.id);
  const of = (kind: OperationRecordKind) => records.filter((r) => r.kind === kind).map(body);
  const approvals = [];
  for (const a of await repo.approvalsOf(tx.db, op.id))
    approvals.push({ role: a.role, name: await nameOf(tx, a.person_id), at: a.approved_at });
  const leftovers = (await leftoverViews(tx, op.id)).map((l) => ({
    description: l.description,
    owner: l.ownerName,
    dueOn: l.dueOn,
  }));
  const passed = of('verification').filter((v) => v.passed === true);
  const v = passed[passed.length - 1];
  const now = tx.clock.now().toISOString();
  return {
    organisation: 'Onsite 现场服务',
    title: op.title,
    kind: op.kind,
    timeZone: sites[0]?.timeZone ?? 'Asia/Shanghai',
    generatedAt: now,
    sites: sites.map((s) => s.name),
    lead: await nameOf(tx, op.lead_id),
    windowStart: op.window_start,
    windowEnd: op.window_end,
    startedAt: op.started_at,
    completedAt: now,
    planVersion: op.plan_version,
    approvals,
    steps: (await repo.stepsOf(tx.db, op.id)).map((s) => ({
      title: s.title,
      state: s.state,
      result: s.result,
      unplanned: s.plan_step === null,
    })),
    backups: of('backup').map((b) => ({
      fileName: String(b.fileName),
      location: String(b.location),
      sha256: String(b.sha256),
    })),
    verification: v
      ? {
          callTests: String(v.callTests),
          billingRecords: String(v.billingRecords),
          callLoss: String(v.callLoss),
          alarms: String(v.alarms),
        }
      : null,
    duty: of('duty').map((d) => ({ names: d.names as string[], from: String(d.from), to: String(d.to) })),
    emergencies: records
      .filter((r) => r.kind === 'emergency')
      .map((r) => ({ note: String(body(r).description), at: r.recorded_at })),
    summary,
    leftovers,
  };
}

/** MO-13: renders the completion report and stores it on the operation; returns the attachment id. */
export async function storeCompletionReport(
  tx: AppContext,
  actor: HistoryActor,
  op: OperationTable,
  summary: string,
): Promise<string> {
  const pdf = await renderCompletionPdf(await assemble(tx, op, summary));
  const file = await addAttachment(tx, actor, {
    ownerType: 'operation',
    ownerId: op.id,
    kind: 'report',
    fileName: `${op.title}-${COMPLETION_TITLE['zh-CN']}.pdf`,
    mimeType: 'application/pdf',
    bytes: pdf,
  });
  return file.id;
}

/** The clock kind of a leftover in the deadlines module. */
export const LEFTOVER_CLOCK = 'leftover';

export interface LeftoverView {
  id: string;
  description: string;
  ownerId: string;
  ownerName: string;
  dueOn: string;
  /** The end of the due day at the operation's site: when its clock runs out (null: recorded before clocks). */
  dueAt: string | null;
  /** When its clock ran out while it was still open. */
  overdueAt: string | null;
  closedAt: string | null;
  closedNote: string | null;
}

/**
 * MO-13: records one leftover of a completing operation (the caller holds its lock) and starts
 * its deadline clock, due at the end of its due day where the operation's sites are (the earliest
 * such instant when sites lie in different time zones). A due day already past is refused.
 */
export async function trackLeftover(
  tx: AppContext,
  actor: Actor,
  op: OperationTable,
  l: Leftover,
  index: number,
): Promise<void> {
  const zones = (await siteClocks(tx, await repo.siteIdsOf(tx.db, op.id))).map((s) => s.timeZone);
  const dueAt = endOfDueDay(l.dueOn, zones, tx.clock.now());
  if (!dueAt)
    refuse(
      [problem(`leftovers.${index}.dueOn`, '到期日不能早于今天', 'the due date cannot be before today')],
      422,
    );
  const clock = await startDueClock(tx, actor, {
    subjectType: 'operation',
    subjectId: op.id,
    kind: LEFTOVER_CLOCK,
    label: `${op.title} · ${l.description}`,
    regionId: op.region_id,
    partnerId: op.partner_id,
    ownerId: l.ownerId,
    dueAt,
  });
  await addRecord(tx, actor, op, 'leftover', { ...l, clockId: clock.id });
}

/** The leftovers of a visible operation with whether each is closed (closures are appended records). */
export async function leftoversOf(ctx: AppContext, actor: Actor, id: string): Promise<LeftoverView[]> {
  const op = await getOperation(ctx, actor, id);
  return leftoverViews(ctx, op.id);
}

async function leftoverViews(ctx: AppContext, operationId: string): Promise<LeftoverView[]> {
  const records = await repo.recordsOf(ctx.db, operationId);
  const closures = new Map(
    records.filter((r) => r.kind === 'leftover_closed').map((r) => [String(body(r).leftoverId), r]),
  );
  const clocks = new Map((await subjectClocks(ctx, 'operation', operationId)).map((c) => [c.id, c]));
  const out: LeftoverView[] = [];
  for (const r of records.filter((x) => x.kind === 'leftover')) {
    const b = body(r);
    const closed = closures.get(r.id);
    const clock = typeof b.clockId === 'string' ? clocks.get(b.clockId) : undefined;
    out.push({
      id: r.id,
      description: String(b.description),
      ownerId: String(b.ownerId),
      ownerName: await nameOf(ctx, String(b.ownerId)),
      dueOn: String(b.dueOn),
      dueAt: clock?.dueAt ?? null,
      overdueAt: clock?.breachedAt ?? null,
      closedAt: closed?.recorded_at ?? null,
      closedNote: closed ? String(body(closed).note) : null,
    });
  }
  // Records written in the same instant have no order of their own: soonest due first.
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.description.localeCompare(b.description));
}

/** Whether a leftover was closed, so its due reminder stays silent. */
export async function leftoverClosed(ctx: AppContext, operationId: string, leftoverId: string) {
  return (await leftoverViews(ctx, operationId)).some((l) => l.id === leftoverId && l.closedAt !== null);
}

/**
 * MO-13: closes a leftover with what was done. Its owner or whoever may run the operation closes
 * it; a leftover is closed once (the second attempt is refused naming the leftover).
 */
export async function closeLeftover(
  ctx: AppContext,
  actor: Actor,
  id: string,
  leftoverId: string,
  note: string,
): Promise<LeftoverView> {
  return inTransaction(ctx, async (tx) => {
    const op = await lockVisible(tx, actor, id);
    const current = (await leftoverViews(tx, op.id)).find((l) => l.id === leftoverId);
    if (!current)
      refuse([problem('leftoverId', '该操作没有这个遗留问题', 'this operation has no such leftover')], 422);
    if (current.ownerId !== actor.personId && !can(actor, 'operations.run')) throw forbidden();
    if (current.closedAt) refuse([problem('leftoverId', '遗留问题已关闭', 'the leftover is already closed')]);
    await addRecord(tx, actor, op, 'leftover_closed', { leftoverId, note });
    const record = (await repo.recordsOf(tx.db, op.id, 'leftover')).find((r) => r.id === leftoverId);
    const clockId = record ? body(record).clockId : undefined;
    // Leftovers recorded before they had clocks have none to stop.
    if (typeof clockId === 'string') await stopSubjectClock(tx, actor, 'operation', clockId);
    return { ...current, closedAt: tx.clock.now().toISOString(), closedNote: note };
  });
}

/** The completion report's attachment id, once the operation is completed. */
export async function completionReportOf(ctx: AppContext, actor: Actor, id: string): Promise<string | null> {
  const op = await getOperation(ctx, actor, id);
  const done = (await repo.recordsOf(ctx.db, op.id, 'completion')).map(body);
  const last = done[done.length - 1];
  return last && typeof last.reportAttachmentId === 'string' ? last.reportAttachmentId : null;
}
