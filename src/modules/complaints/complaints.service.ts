/**
 * Complaints (CS-1): intake from the hotline, the customer's link, an operator or an engineer;
 * links to order, engineer, partner and region; deadlines from the category × severity policy;
 * repeat detection; owner, root cause, corrective actions tracked to closure; the reply to the
 * customer through a template and the wording check (CW-1, CW-3). Every change is one
 * transaction with its history (RC-1), decided after locking the complaint.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { AppError, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { type Actor, type HistoryActor, regionInScope, type Scope } from '../access/policy.ts';
import { personIdOf } from '../access/principal.ts';
import { addBusinessMinutes, alwaysOn } from '../calendars/calendars.rules.ts';
import { loadCalendar, withinCalendar } from '../calendars/calendars.service.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import { queueDirectMessage } from '../notifications/notifications.service.ts';
import { findTemplateByCode, renderBoth } from '../templates/templates.service.ts';
import { guardCustomerTexts, type WordingOverride } from '../wording/wording.service.ts';
import { getOrder, loadForChange, recordCustomerNotice } from '../work-orders/work-orders.service.ts';
import { scheduleComplaintDeadlines } from './complaints.deadlines.ts';
import * as repo from './complaints.repository.ts';
import {
  type ComplaintCategory,
  type ComplaintSeverity,
  type ComplaintSource,
  type ComplaintStep,
  complaintNumber,
  nextState,
  overdue,
  repeatWindowStart,
  type StepRefusal,
  stepRefusal,
} from './complaints.rules.ts';
import type { ComplaintActionTable, ComplaintPolicyTable, ComplaintTable } from './complaints.tables.ts';

export interface ComplaintInput {
  source: ComplaintSource;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  summary: string;
  orderId?: string | undefined;
  regionId?: string | undefined;
  customerId?: string | undefined;
  engineerId?: string | undefined;
  partnerId?: string | undefined;
  ownerId?: string | undefined;
  contactName?: string | undefined;
  contactPhone?: string | undefined;
}

/** Receives a complaint. `scope` is the receiver's (null for the customer's own link). */
export async function createComplaint(
  ctx: AppContext,
  actor: HistoryActor,
  scope: Scope | null,
  input: ComplaintInput,
): Promise<ComplaintTable> {
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const links = {
      region_id: input.regionId ?? null,
      partner_id: input.partnerId ?? null,
      customer_id: input.customerId ?? null,
      engineer_id: input.engineerId ?? null,
    };
    let contact = { name: input.contactName ?? null, phone: input.contactPhone ?? null };
    if (input.orderId) {
      if (scope) await getOrder(tx, scope, input.orderId);
      const o = await repo.orderLinks(tx.db, input.orderId);
      if (!o) throw notFound('work_order');
      links.region_id = o.region_id;
      links.partner_id = o.partner_id;
      links.customer_id = o.customer_id;
      links.engineer_id = input.engineerId ?? o.engineer_id;
      contact = { name: contact.name ?? o.contact_name, phone: contact.phone ?? o.contact_phone };
    } else if (!links.region_id) {
      throw invalid([
        problem('regionId', '没有关联工单时必须填写区域', 'a region is required when no order is linked'),
      ]);
    } else if (scope) {
      const region = await tx.db
        .selectFrom('regions')
        .select('path')
        .where('id', '=', links.region_id)
        .executeTakeFirst();
      if (!region || !regionInScope(scope, region.path)) throw notFound('region');
    }
    const policy = await repo.policyFor(tx.db, input.category, input.severity);
    if (!policy)
      throw invalid([
        problem(
          'category',
          '该类别和严重程度没有时限规则',
          'there is no deadline policy for this category and severity',
        ),
      ]);
    const earlier = await repo.earlierComplaint(
      tx.db,
      { orderId: input.orderId ?? null, customerId: links.customer_id },
      repeatWindowStart(now),
    );
    const id = newId(now.getTime());
    const row: ComplaintTable = {
      id,
      number: complaintNumber(now, id),
      source: input.source,
      category: input.category,
      severity: input.severity,
      state: 'open',
      summary: input.summary,
      contact_name: contact.name,
      contact_phone: contact.phone,
      order_id: input.orderId ?? null,
      customer_id: links.customer_id,
      engineer_id: links.engineer_id,
      partner_id: links.partner_id,
      region_id: links.region_id!,
      // First responsibility (首问负责): whoever receives it owns it unless someone is named.
      owner_id: input.ownerId ?? personIdOf(actor),
      root_cause: null,
      repeat_of_id: earlier?.id ?? null,
      ...(await policyDueTimes(tx, policy, now, 'category')),
      acknowledged_at: null,
      responded_at: null,
      resolved_at: null,
      closed_at: null,
      reply_text: null,
      created_by: personIdOf(actor),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    await repo.insertComplaint(tx.db, row);
    await scheduleComplaintDeadlines(tx, row);
    await recordHistory(tx, actor, {
      entityType: 'complaint',
      entityId: id,
      action: 'create',
      changes: diffRecords(null, row, ['created_at', 'updated_at']),
    });
    if (row.order_id) {
      await recordHistory(tx, actor, {
        entityType: 'work_order',
        entityId: row.order_id,
        action: 'complaint_received',
        changes: { complaint: [null, row.number] },
      });
    }
    return row;
  });
}

/** One complaint the scope may see (404 otherwise), with its actions and missed deadlines. */
export async function getComplaint(ctx: AppContext, scope: Scope, id: string) {
  const row = await repo.findVisible(ctx.db, scope, id);
  if (!row) throw notFound('complaint');
  return withDetail(ctx, row);
}

async function withDetail(ctx: AppContext, row: ComplaintTable) {
  const actions = await repo.actionsOf(ctx.db, row.id);
  return { complaint: row, actions, overdue: overdue(row, ctx.clock.now().toISOString()) };
}

export const listComplaints = (
  ctx: AppContext,
  scope: Scope,
  f: repo.ComplaintFilter,
  page: { limit: number; offset: number },
) => repo.listComplaints(ctx.db, scope, f, page);

/** Locks a complaint the actor may see, inside the transaction. */
async function loadForChangeC(tx: AppContext, actor: Actor, id: string): Promise<ComplaintTable> {
  if (!(await repo.findVisible(tx.db, actor.scope, id))) throw notFound('complaint');
  const row = await repo.lockComplaint(tx.db, tx.kit, id);
  if (!row) throw notFound('complaint');
  return row;
}

/** Root cause, owner, category, severity or summary; the change and its reason go to history. */
export async function updateComplaint(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: Partial<Pick<ComplaintTable, 'root_cause' | 'owner_id' | 'category' | 'severity' | 'summary'>>,
  reason: string | undefined,
) {
  return inTransaction(ctx, async (tx) => {
    const before = await loadForChangeC(tx, actor, id);
    if (before.state === 'closed') throw new AppError(409, 'complaint_closed');
    const after = {
      ...before,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    } as ComplaintTable;
    const changes = diffRecords(before, after, ['updated_at']);
    if (Object.keys(changes).length === 0) return withDetail(tx, before);
    after.updated_at = tx.clock.now().toISOString();
    await repo.updateComplaint(tx.db, id, after);
    await recordHistory(tx, actor, {
      entityType: 'complaint',
      entityId: id,
      action: 'update',
      changes,
      reason,
    });
    return withDetail(tx, after);
  });
}

const REFUSALS = {
  wrong_state: [
    'state',
    '投诉当前的状态不能进行这一步',
    'the complaint is not in a state that allows this step',
  ],
  no_root_cause: ['rootCause', '解决前须填写根本原因', 'a root cause is required before resolving'],
  no_reply: ['reply', '解决前须先答复客户', 'the customer must be answered before resolving'],
  open_actions: [
    'actions',
    '还有未完成的整改措施，不能关闭',
    'corrective actions are still open; the complaint cannot close',
  ],
} as const;

function refuse(refusal: StepRefusal | null): void {
  if (!refusal) return;
  const [field, zh, en] = REFUSALS[refusal];
  throw invalid([problem(field, zh, en)], 'complaint_step_refused');
}

/** Acknowledge, resolve or close (CS-1): a complaint cannot close with an open corrective action. */
export async function takeStep(
  ctx: AppContext,
  actor: Actor,
  id: string,
  step: Exclude<ComplaintStep, 'respond'>,
  note?: string,
) {
  return inTransaction(ctx, async (tx) => {
    const before = await loadForChangeC(tx, actor, id);
    const open = (await repo.actionsOf(tx.db, id)).filter((a) => a.state === 'open').length;
    refuse(stepRefusal(before, step, open));
    const now = tx.clock.now().toISOString();
    const stamp = { acknowledge: 'acknowledged_at', resolve: 'resolved_at', close: 'closed_at' }[
      step
    ] as 'acknowledged_at';
    const after: ComplaintTable = { ...before, state: nextState(step), [stamp]: now, updated_at: now };
    await repo.updateComplaint(tx.db, id, after);
    await recordHistory(tx, actor, {
      entityType: 'complaint',
      entityId: id,
      action: step,
      changes: { state: [before.state, after.state] },
      reason: note,
    });
    return withDetail(tx, after);
  });
}

/**
 * The reply to the customer (CW-1, CW-3): a template rendered with the complaint's values, the
 * wording check (a supervisor may override with a reason), a customer notice on the linked order
 * and, for SMS templates, the message queued — all in one transaction.
 */
export async function reply(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: {
    templateCode: string;
    values: Record<string, string>;
    wordingOverride?: WordingOverride | undefined;
  },
) {
  return inTransaction(ctx, async (tx) => {
    const before = await loadForChangeC(tx, actor, id);
    refuse(stepRefusal(before, 'respond', 0));
    const t = await findTemplateByCode(tx, input.templateCode);
    const auto: Record<string, string> = { complaintNumber: before.number };
    if (before.contact_name) auto.customerName = before.contact_name;
    const declared: string[] = JSON.parse(t.variables);
    const text = renderBoth(t, {
      ...Object.fromEntries(Object.entries(auto).filter(([k]) => declared.includes(k))),
      ...input.values,
    });
    if (before.order_id) {
      const order = await loadForChange(tx, actor, before.order_id);
      await recordCustomerNotice(tx, actor, order, {
        kind: 'complaint_reply',
        channel: t.channel === 'sms' ? 'sms' : 'phone',
        body: text,
        field: 'values',
        wordingOverride: input.wordingOverride,
      });
    } else {
      await guardCustomerTexts(
        tx,
        actor,
        [
          { field: 'values', text: text['zh-CN'] },
          { field: 'values', text: text.en },
        ],
        { entityType: 'complaint', entityId: id },
        input.wordingOverride,
      );
    }
    if (t.channel === 'sms' && before.contact_phone) {
      await queueDirectMessage(tx, {
        channel: 'sms',
        to: before.contact_phone,
        subject: '',
        body: text['zh-CN'],
      });
    }
    const now = tx.clock.now().toISOString();
    const after: ComplaintTable = {
      ...before,
      state: 'responded',
      responded_at: before.responded_at ?? now,
      reply_text: text['zh-CN'],
      updated_at: now,
    };
    await repo.updateComplaint(tx.db, id, after);
    await recordHistory(tx, actor, {
      entityType: 'complaint',
      entityId: id,
      action: 'reply',
      changes: { state: [before.state, 'responded'], reply: [before.reply_text, text['zh-CN']] },
    });
    return withDetail(tx, after);
  });
}

/** A corrective action with its owner and due date (CS-1). */
export async function addAction(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { description: string; ownerId: string; dueDate: string },
) {
  return inTransaction(ctx, async (tx) => {
    const c = await loadForChangeC(tx, actor, id);
    if (c.state === 'closed') throw new AppError(409, 'complaint_closed');
    const owner = await tx.db
      .selectFrom('people')
      .select(['id', 'active'])
      .where('id', '=', input.ownerId)
      .executeTakeFirst();
    if (owner?.active !== 1)
      throw invalid([problem('ownerId', '责任人不存在或已停用', 'the owner does not exist or is inactive')]);
    const row: ComplaintActionTable = {
      id: newId(),
      complaint_id: id,
      description: input.description,
      owner_id: input.ownerId,
      due_date: input.dueDate,
      state: 'open',
      done_at: null,
      done_note: null,
      created_at: tx.clock.now().toISOString(),
    };
    await repo.insertAction(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'complaint',
      entityId: id,
      action: 'action_added',
      changes: {
        action: [
          null,
          { id: row.id, description: row.description, ownerId: row.owner_id, dueDate: row.due_date },
        ],
      },
    });
    return withDetail(tx, c);
  });
}

/** Marks a corrective action done, with what was done. */
export async function completeAction(
  ctx: AppContext,
  actor: Actor,
  id: string,
  actionId: string,
  note: string,
) {
  return inTransaction(ctx, async (tx) => {
    const c = await loadForChangeC(tx, actor, id);
    const action = (await repo.actionsOf(tx.db, id)).find((a) => a.id === actionId);
    if (!action) throw notFound('complaint_action');
    if (action.state === 'done') throw new AppError(409, 'complaint_action_done');
    await repo.updateAction(tx.db, actionId, {
      state: 'done',
      done_at: tx.clock.now().toISOString(),
      done_note: note,
    });
    await recordHistory(tx, actor, {
      entityType: 'complaint',
      entityId: id,
      action: 'action_done',
      changes: { action: [actionId, 'done'] },
      reason: note,
    });
    return withDetail(tx, c);
  });
}

/** Complaints per group and category for the satisfaction aggregate (CS-2), in the scope. */
export const complaintCounts = (
  ctx: AppContext,
  scope: Scope,
  ...args: [
    Parameters<typeof repo.complaintCountsBy>[2],
    Parameters<typeof repo.complaintCountsBy>[3],
    Parameters<typeof repo.complaintCountsBy>[4],
  ]
) => repo.complaintCountsBy(ctx.db, scope, ...args);

export const listPolicies = (ctx: AppContext) => repo.policies(ctx.db);

/**
 * The three due instants of a complaint received at `at`: the policy's minutes counted on its
 * business calendar (the deadlines module's calendars, so holidays and working hours count as
 * they do for orders). Minutes the calendar cannot hold answer 422 naming `field`.
 */
async function policyDueTimes(
  ctx: AppContext,
  policy: ComplaintPolicyTable,
  at: Date,
  field: string,
): Promise<{ acknowledge_due: string; respond_due: string; resolve_due: string }> {
  const cal = policy.calendar_id ? await calendarOf(ctx, policy.calendar_id) : alwaysOn();
  const due = (m: number) => withinCalendar(field, () => addBusinessMinutes(cal, at, m).toISOString());
  return {
    acknowledge_due: due(policy.acknowledge_minutes),
    respond_due: due(policy.respond_minutes),
    resolve_due: due(policy.resolve_minutes),
  };
}

/** A policy's calendar; an unknown id names the field instead of answering 404. */
async function calendarOf(ctx: AppContext, id: string) {
  try {
    return await loadCalendar(ctx, id);
  } catch (err) {
    if (!(err instanceof AppError && err.status === 404)) throw err;
    throw invalid([problem('calendarId', '没有这个工作日历', 'there is no such calendar')]);
  }
}

/** Changes the minutes (and calendar) of one category × severity; applies to complaints received afterwards. */
export async function setPolicy(
  ctx: AppContext,
  actor: Actor,
  key: { category: ComplaintCategory; severity: ComplaintSeverity },
  minutes: { acknowledge: number; respond: number; resolve: number; calendarId?: string | undefined },
) {
  if (!(minutes.acknowledge <= minutes.respond && minutes.respond <= minutes.resolve))
    throw invalid([
      problem(
        'resolveMinutes',
        '时限须满足：受理 ≤ 答复 ≤ 解决',
        'limits must satisfy acknowledge ≤ respond ≤ resolve',
      ),
    ]);
  return inTransaction(ctx, async (tx) => {
    const before = await repo.policyFor(tx.db, key.category, key.severity);
    if (!before) throw notFound('complaint_policy');
    const after = {
      ...before,
      acknowledge_minutes: minutes.acknowledge,
      respond_minutes: minutes.respond,
      resolve_minutes: minutes.resolve,
      calendar_id: minutes.calendarId ?? before.calendar_id,
      updated_at: tx.clock.now().toISOString(),
    };
    // What cannot be computed is refused now, not at the next complaint's intake (issue 10, defect 4).
    await policyDueTimes(tx, after, tx.clock.now(), 'resolveMinutes');
    await repo.updatePolicy(tx.db, after);
    await recordHistory(tx, actor, {
      entityType: 'complaint_policy',
      entityId: `${key.category}:${key.severity}`,
      action: 'update',
      changes: diffRecords(before, after, ['updated_at']),
    });
    return after;
  });
}
