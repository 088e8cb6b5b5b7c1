/**
 * MO-13 after completion: the PDF completion report, stored as an attachment of the operation in
 * the completing transaction, and the leftovers as tracked items (owner, due date, a durable
 * timer reminding the owner) that are closed one by one with a note.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { forbidden, problem } from '../../shared/errors.ts';
import { type Actor, can, type HistoryActor } from '../access/policy.ts';
import { addAttachment } from '../attachments/attachments.service.ts';
import { getPerson } from '../people/people.service.ts';
import { addRecord, getOperation, lockVisible, refuse, siteClocks } from './operations.context.ts';
import { COMPLETION_TITLE, type CompletionReport, renderCompletionPdf } from './operations.report.ts';
import * as repo from './operations.repository.ts';
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
  const of = (kind: string) => records.filter((r) => r.kind === kind).map(body);
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

export interface LeftoverView {
  id: string;
  description: string;
  ownerId: string;
  ownerName: string;
  dueOn: string;
  closedAt: string | null;
  closedNote: string | null;
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
  const out: LeftoverView[] = [];
  for (const r of records.filter((x) => x.kind === 'leftover')) {
    const b = body(r);
    const closed = closures.get(r.id);
    out.push({
      id: r.id,
      description: String(b.description),
      ownerId: String(b.ownerId),
      ownerName: await nameOf(ctx, String(b.ownerId)),
      dueOn: String(b.dueOn),
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
