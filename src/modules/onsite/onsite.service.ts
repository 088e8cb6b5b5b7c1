/**
 * On-site work (WO-6, WO-7, WO-8): check-in/out, the signed service request, consents, the
 * checklist, daily logs and weekly reports. Each change: load and lock the order (scope checked)
 * → rules → writes + history on the order, in one transaction.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { registerMessages } from '../../http/messages.ts';
import { AppError, type FieldProblem, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor, HistoryActor } from '../access/policy.ts';
import { isPerson } from '../access/principal.ts';
import { decodeBase64 } from '../attachments/attachments.rules.ts';
import { addAttachment } from '../attachments/attachments.service.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import { localDate } from '../work-orders/local-time.ts';
import { stateLabels } from '../work-orders/work-orders.rules.ts';
import {
  assertMayAct,
  loadForChange,
  recordCustomerNotice,
  renderNotice,
  transition,
  type WorkOrderEvent,
  type WorkOrderRow,
} from '../work-orders/work-orders.service.ts';
import * as repo from './onsite.repository.ts';
import {
  CHECK_IN_STATES,
  type ConsentItem,
  checklistFor,
  checkOutProblems,
  consentLabels,
  dailyLogProblems,
  ON_SITE_STATES,
  placeCheck,
  WEEKLY_REPORT_DAYS,
  weeklyReportsOwed,
} from './onsite.rules.ts';
import type {
  ChecklistItemTable,
  DailyLogTable,
  DeviceConsentTable,
  ServiceRequestTable,
  SiteVisitTable,
  WeeklyReportTable,
} from './onsite.tables.ts';

/** The on-site error code. Called from the capability's `register`. */
export function registerOnsiteMessages(): void {
  registerMessages({
    onsite_refused: {
      'zh-CN': '现场作业规则不允许此操作，请按提示处理。',
      en: 'The on-site rules do not allow this; see the details.',
    },
  });
}

/** 409 with the rule problems. */
export function refused(problems: FieldProblem[]): AppError {
  return new AppError(409, 'onsite_refused', {}, problems);
}

/** Refuses unless the order is in one of `states`, naming the state it is in. */
export function requireState(
  order: WorkOrderRow,
  states: readonly string[],
  what: { zh: string; en: string },
): void {
  if (states.includes(order.state)) return;
  const label = stateLabels[order.state];
  throw refused([
    problem(
      'state',
      `工单处于“${label['zh-CN']}”状态，不能${what.zh}`,
      `the work order is ${label.en}; you cannot ${what.en} now`,
    ),
  ]);
}

/** The time zone an order's local dates use. */
export async function timeZoneOf(ctx: AppContext, order: WorkOrderRow): Promise<string> {
  return (await repo.orderTimeZone(ctx.db, order)) ?? ctx.config.defaultTimeZone;
}

/** Loads, locks and authorises an order for an on-site change. */
export async function orderForWork(tx: AppContext, actor: Actor, orderId: string): Promise<WorkOrderRow> {
  const order = await loadForChange(tx, actor, orderId);
  await assertMayAct(tx, actor, order);
  return order;
}

export async function requireCheckedIn(
  tx: AppContext,
  order: WorkOrderRow,
  actor: Actor,
): Promise<SiteVisitTable> {
  const visit = await repo.openVisit(tx.db, order.id, actor.personId);
  if (!visit) {
    throw refused([problem('checkIn', '请先在现场签到（WO-6）', 'check in on site first (WO-6)')]);
  }
  return visit;
}

/** Position given at check-in or check-out. */
export interface Position {
  lat?: number | null | undefined;
  lng?: number | null | undefined;
  /** The GPS accuracy radius in metres the phone reported with the position. */
  accuracyM?: number | null | undefined;
}

/** An open visit starting now, at the position given (if any). */
function newVisit(
  order: { id: string; site_id: string | null },
  personId: string,
  now: string,
  pos: Position,
): SiteVisitTable {
  return {
    id: newId(),
    order_id: order.id,
    person_id: personId,
    site_id: order.site_id,
    check_in_at: now,
    check_in_lat: pos.lat ?? null,
    check_in_lng: pos.lng ?? null,
    check_in_accuracy_m: pos.accuracyM ?? null,
    check_out_at: null,
    check_out_lat: null,
    check_out_lng: null,
    check_out_accuracy_m: null,
    check_out_note: null,
    open: 1,
    created_at: now,
  };
}

/** WO-6: arrival. Records the check-in; the first arrival moves an en-route order to on site. */
export async function checkIn(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  pos: Position,
): Promise<SiteVisitTable> {
  return inTransaction(ctx, async (tx) => {
    const order = await orderForWork(tx, actor, orderId);
    requireState(order, CHECK_IN_STATES, { zh: '签到', en: 'check in' });
    if (order.site_id) await repo.lockSite(tx.db, tx.kit, order.site_id);
    if (await repo.openVisit(tx.db, order.id, actor.personId)) {
      throw refused([
        problem('checkIn', '您已在此工单签到，尚未签退', 'you are already checked in on this order'),
      ]);
    }
    const now = tx.clock.now().toISOString();
    const visit = newVisit(order, actor.personId, now, pos);
    await repo.insertVisit(tx.db, visit);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'onsite:check_in',
      changes: {
        visitId: visit.id,
        at: now,
        lat: visit.check_in_lat,
        lng: visit.check_in_lng,
        accuracyM: visit.check_in_accuracy_m,
      },
    });
    if (order.state === 'en_route') await transition(tx, actor, order.id, 'on_site');
    return visit;
  });
}

/**
 * WO-7/WO-8: leaving the site. Refused while the site has an unrestored critical fault and
 * nobody else is checked in, and until the day's log is written.
 */
export async function checkOut(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  input: Position & { note?: string | null | undefined },
): Promise<SiteVisitTable> {
  return inTransaction(ctx, async (tx) => {
    const order = await orderForWork(tx, actor, orderId);
    if (order.site_id) await repo.lockSite(tx.db, tx.kit, order.site_id);
    const visit = await requireCheckedIn(tx, order, actor);
    const now = tx.clock.now().toISOString();
    const date = localDate(now, await timeZoneOf(tx, order));
    const where = { siteId: order.site_id, orderId: order.id };
    const problems = [
      ...checkOutProblems({
        unrestoredCritical: await repo.unrestoredCriticalFaults(tx.db, where),
        othersCheckedIn: await repo.othersCheckedIn(tx.db, where, actor.personId),
      }),
      ...dailyLogProblems(Boolean(await repo.findDailyLog(tx.db, order.id, actor.personId, date)), date),
    ];
    if (problems.length) throw refused(problems);
    const patch: Partial<SiteVisitTable> = {
      check_out_at: now,
      check_out_lat: input.lat ?? null,
      check_out_lng: input.lng ?? null,
      check_out_accuracy_m: input.accuracyM ?? null,
      check_out_note: input.note ?? null,
      open: null,
    };
    await repo.closeVisit(tx.db, visit.id, patch);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'onsite:check_out',
      changes: {
        visitId: visit.id,
        at: now,
        lat: patch.check_out_lat,
        lng: patch.check_out_lng,
        accuracyM: patch.check_out_accuracy_m,
        note: patch.check_out_note,
      },
    });
    return { ...visit, ...patch };
  });
}

/** Stores a signature image given as base64 (PNG or JPEG, checked by its bytes) with the order. */
export async function storeSignature(
  tx: AppContext,
  actor: HistoryActor,
  order: WorkOrderRow,
  base64: string,
  field: string,
  name: string,
) {
  const bytes = decodeBase64(base64);
  if (!bytes)
    throw invalid([
      problem(field, '签名图片不是有效的 Base64 编码', 'the signature image is not valid base64'),
    ]);
  const mimeType = bytes[0] === 0xff ? 'image/jpeg' : 'image/png';
  try {
    return await addAttachment(tx, actor, {
      ownerType: 'work_order',
      ownerId: order.id,
      kind: 'signature',
      fileName: `${order.number}-signature-${name}.${mimeType === 'image/png' ? 'png' : 'jpg'}`,
      mimeType,
      bytes,
    });
  } catch (err) {
    // Name the caller's field, not the attachment upload's.
    if (err instanceof AppError && err.status === 422)
      throw invalid(err.details.map((d) => ({ field, message: d.message })));
    throw err;
  }
}

/** WO-6: the customer responsible signs the service request before equipment is touched. */
export async function recordServiceRequest(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  input: {
    scopeOfWork: string;
    signerName: string;
    signerTitle?: string | null | undefined;
    signaturePngBase64: string;
  },
): Promise<ServiceRequestTable> {
  return inTransaction(ctx, async (tx) => {
    const order = await orderForWork(tx, actor, orderId);
    requireState(order, ON_SITE_STATES, { zh: '登记服务申请', en: 'record a service request' });
    await requireCheckedIn(tx, order, actor);
    const sig = await storeSignature(
      tx,
      actor,
      order,
      input.signaturePngBase64,
      'signaturePngBase64',
      'request',
    );
    const now = tx.clock.now().toISOString();
    const row: ServiceRequestTable = {
      id: newId(),
      order_id: order.id,
      scope_of_work: input.scopeOfWork,
      signer_name: input.signerName,
      signer_title: input.signerTitle ?? null,
      signature_attachment_id: sig.id,
      signed_at: now,
      recorded_by: actor.personId,
      created_at: now,
    };
    await repo.insertServiceRequest(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'onsite:service_request',
      changes: {
        serviceRequestId: row.id,
        signerName: row.signer_name,
        signerTitle: row.signer_title,
        signatureAttachmentId: sig.id,
        scopeOfWork: row.scope_of_work,
      },
    });
    return row;
  });
}

/** WO-6: consent for a customer PC, USB disk, phone or tools; only after the service request is signed. */
export async function recordConsent(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  input: { item: ConsentItem; description: string; consentedBy: string },
): Promise<DeviceConsentTable> {
  return inTransaction(ctx, async (tx) => {
    const order = await orderForWork(tx, actor, orderId);
    requireState(order, ON_SITE_STATES, { zh: '登记使用许可', en: 'record a consent' });
    await requireCheckedIn(tx, order, actor);
    if ((await repo.serviceRequestsOf(tx.db, order.id)).length === 0) {
      const label = consentLabels[input.item];
      throw refused([
        problem(
          'serviceRequest',
          `使用${label['zh-CN']}前须先有客户签字的现场技术服务申请（WO-6）`,
          `a signed service request is needed before using the ${label.en} (WO-6)`,
        ),
      ]);
    }
    const row: DeviceConsentTable = {
      id: newId(),
      order_id: order.id,
      item: input.item,
      description: input.description,
      consented_by: input.consentedBy,
      recorded_by: actor.personId,
      recorded_at: tx.clock.now().toISOString(),
    };
    await repo.insertConsent(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'onsite:consent',
      changes: {
        consentId: row.id,
        item: row.item,
        description: row.description,
        consentedBy: row.consented_by,
      },
    });
    return row;
  });
}

/** The checklist of an order with each item's mark. */
export async function checklistOf(ctx: AppContext, order: WorkOrderRow) {
  const items = checklistFor(await repo.checklistItems(ctx.db), order.type);
  const marks = new Map((await repo.marksOf(ctx.db, order.id)).map((m) => [m.item_id, m]));
  return items.map((item) => ({ item, mark: marks.get(item.id) ?? null }));
}

/** WO-6: marks one checklist item done (or not) on the order. */
export async function markChecklist(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  itemId: string,
  input: { done: boolean; note?: string | null | undefined },
) {
  return inTransaction(ctx, async (tx) => {
    const order = await orderForWork(tx, actor, orderId);
    requireState(order, ON_SITE_STATES, { zh: '填写检查表', en: 'fill in the checklist' });
    await requireCheckedIn(tx, order, actor);
    const entry = (await checklistOf(tx, order)).find((c) => c.item.id === itemId);
    if (!entry) throw notFound('checklist_item');
    const now = tx.clock.now().toISOString();
    const mark = {
      id: entry.mark?.id ?? newId(),
      order_id: order.id,
      item_id: itemId,
      done: input.done ? 1 : 0,
      note: input.note ?? null,
      marked_by: actor.personId,
      marked_at: now,
    };
    await repo.upsertMark(tx.db, mark);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'onsite:checklist',
      changes: {
        item: entry.item.code,
        done: [entry.mark ? entry.mark.done === 1 : null, input.done],
        note: mark.note,
      },
    });
    return { item: entry.item, mark };
  });
}

/** WO-8: the engineer's log of today's work on the order (one per person and local day; rewriting keeps history). */
export async function writeDailyLog(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  input: { workDone: string; nextSteps?: string | null | undefined },
): Promise<DailyLogTable> {
  return inTransaction(ctx, async (tx) => {
    const order = await orderForWork(tx, actor, orderId);
    requireState(order, [...ON_SITE_STATES, 'resolved'], { zh: '填写现场日志', en: 'write a site log' });
    const visits = (await repo.visitsOf(tx.db, order.id)).filter((v) => v.person_id === actor.personId);
    if (visits.length === 0) {
      throw refused([
        problem(
          'checkIn',
          '只有到过现场的人可以写现场日志',
          'only someone who was on site can write its log',
        ),
      ]);
    }
    const now = tx.clock.now().toISOString();
    const date = localDate(now, await timeZoneOf(tx, order));
    const existing = await repo.findDailyLog(tx.db, order.id, actor.personId, date);
    if (existing) {
      const after = {
        ...existing,
        work_done: input.workDone,
        next_steps: input.nextSteps ?? null,
        updated_at: now,
      };
      const changes = diffRecords(existing, after);
      if (Object.keys(changes).length === 0) return existing;
      await repo.updateDailyLog(tx.db, existing.id, after);
      await recordHistory(tx, actor, {
        entityType: 'work_order',
        entityId: order.id,
        action: 'onsite:daily_log_update',
        changes: { dailyLogId: existing.id, date, ...changes },
      });
      return after;
    }
    const row: DailyLogTable = {
      id: newId(),
      order_id: order.id,
      person_id: actor.personId,
      log_date: date,
      work_done: input.workDone,
      next_steps: input.nextSteps ?? null,
      created_at: now,
      updated_at: now,
    };
    await repo.insertDailyLog(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'onsite:daily_log',
      changes: { dailyLogId: row.id, date, workDone: row.work_done, nextSteps: row.next_steps },
    });
    return row;
  });
}

/** WO-8: whether the order owes weekly reports, how many, and since when work has gone on. */
export async function weeklyReportStatus(ctx: AppContext, order: WorkOrderRow) {
  const first = await repo.firstCheckIn(ctx.db, order.id);
  const owed = weeklyReportsOwed(first, ctx.clock.now().toISOString());
  const made = (await repo.weeklyReportsOf(ctx.db, order.id)).filter(
    (r) => r.reason === 'on_schedule',
  ).length;
  return { firstCheckIn: first, owed, made, due: owed > made };
}

/**
 * WO-8: a weekly report to the customer, compiled from the daily logs of the period (the last
 * seven local days, or since the last report). `customer_request` makes one sooner.
 */
export async function createWeeklyReport(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  input: { reason: 'on_schedule' | 'customer_request'; summary?: string | null | undefined },
): Promise<WeeklyReportTable> {
  return inTransaction(ctx, async (tx) => {
    const order = await orderForWork(tx, actor, orderId);
    requireState(order, [...ON_SITE_STATES, 'resolved'], { zh: '编写周报', en: 'write a weekly report' });
    const status = await weeklyReportStatus(tx, order);
    if (input.reason === 'on_schedule' && !status.due) {
      throw refused([
        problem(
          'reason',
          `同一站点工作满 ${WEEKLY_REPORT_DAYS} 天后才需要定期周报；客户要求时请选择“客户要求”`,
          `a scheduled weekly report is due only after ${WEEKLY_REPORT_DAYS} days on the site; choose customer_request when the customer asks`,
        ),
      ]);
    }
    const tz = await timeZoneOf(tx, order);
    const now = tx.clock.now().toISOString();
    const previous = (await repo.weeklyReportsOf(tx.db, order.id)).at(-1);
    const periodEnd = localDate(now, tz);
    const periodStart =
      previous?.period_end ??
      localDate(
        status.firstCheckIn ?? new Date(Date.parse(now) - WEEKLY_REPORT_DAYS * 86_400_000).toISOString(),
        tz,
      );
    const logs = (await repo.dailyLogsOf(tx.db, order.id)).filter(
      (l) => l.log_date >= periodStart && l.log_date <= periodEnd,
    );
    const names = await repo.namesOf(tx.db, [...new Set(logs.map((l) => l.person_id))]);
    const compiled = logs
      .map(
        (l) =>
          `${l.log_date} ${names.get(l.person_id) ?? ''}: ${l.work_done}${l.next_steps ? ` → ${l.next_steps}` : ''}`,
      )
      .join('\n');
    const summary = [input.summary?.trim(), compiled].filter(Boolean).join('\n\n');
    if (!summary) {
      throw invalid([
        problem(
          'summary',
          '本周期没有现场日志，请填写周报内容',
          'there are no site logs in this period; write the summary',
        ),
      ]);
    }
    const row: WeeklyReportTable = {
      id: newId(),
      order_id: order.id,
      period_start: periodStart,
      period_end: periodEnd,
      summary,
      reason: input.reason,
      created_by: actor.personId,
      created_at: now,
    };
    await repo.insertWeeklyReport(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'onsite:weekly_report',
      changes: { weeklyReportId: row.id, periodStart, periodEnd, reason: row.reason },
    });
    // WO-8: the weekly report goes to the customer; the notice records what was sent and to whom.
    await recordCustomerNotice(tx, actor, order, {
      kind: 'weekly_report',
      channel: 'email',
      body: await renderNotice(tx, 'weekly.report', {
        orderNumber: order.number,
        periodStart,
        periodEnd,
        summary,
      }),
    });
    return row;
  });
}

// ---------------------------------------------------------------------------------------------
// Checklist configuration (administrators)

/** Every configured checklist item. */
export function listChecklistItems(ctx: AppContext) {
  return repo.checklistItems(ctx.db);
}

/** Adds a checklist item for one order type ('*' for all). */
export async function createChecklistItem(
  ctx: AppContext,
  actor: Actor,
  input: {
    orderType: string;
    code: string;
    labelZh: string;
    labelEn: string;
    required: boolean;
    position: number;
  },
): Promise<ChecklistItemTable> {
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const row: ChecklistItemTable = {
      id: newId(),
      order_type: input.orderType,
      code: input.code,
      label_zh: input.labelZh,
      label_en: input.labelEn,
      required: input.required ? 1 : 0,
      position: input.position,
      active: 1,
      created_at: now,
      updated_at: now,
    };
    await repo.insertChecklistItem(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'checklist_item',
      entityId: row.id,
      action: 'create',
      changes: diffRecords(null, row),
    });
    return row;
  });
}

/** Changes a checklist item's wording, whether it is required, its position, or retires it (active=false). */
export async function updateChecklistItem(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: { labelZh?: string; labelEn?: string; required?: boolean; position?: number; active?: boolean },
  reason?: string,
): Promise<ChecklistItemTable> {
  return inTransaction(ctx, async (tx) => {
    await tx.kit.lockRow(tx.db, 'checklist_items', id);
    const before = await repo.findChecklistItem(tx.db, id);
    if (!before) throw notFound('checklist_item');
    const after: ChecklistItemTable = {
      ...before,
      label_zh: patch.labelZh ?? before.label_zh,
      label_en: patch.labelEn ?? before.label_en,
      required: patch.required === undefined ? before.required : patch.required ? 1 : 0,
      position: patch.position ?? before.position,
      active: patch.active === undefined ? before.active : patch.active ? 1 : 0,
      updated_at: tx.clock.now().toISOString(),
    };
    const changes = diffRecords(before, after);
    if (Object.keys(changes).length === 0) return before;
    await repo.updateChecklistItem(tx.db, id, after);
    await recordHistory(tx, actor, {
      entityType: 'checklist_item',
      entityId: id,
      action: 'update',
      changes,
      reason,
    });
    return after;
  });
}

/** Everything recorded on site for an order, for its page and its report. */
export async function onsiteRecord(ctx: AppContext, order: WorkOrderRow) {
  const [visits, requests, consents, checklist, logs, weekly, site] = await Promise.all([
    repo.visitsOf(ctx.db, order.id),
    repo.serviceRequestsOf(ctx.db, order.id),
    repo.consentsOf(ctx.db, order.id),
    checklistOf(ctx, order),
    repo.dailyLogsOf(ctx.db, order.id),
    repo.weeklyReportsOf(ctx.db, order.id),
    repo.sitePin(ctx.db, order.site_id),
  ]);
  const names = await repo.namesOf(ctx.db, [
    ...new Set([...visits.map((v) => v.person_id), ...logs.map((l) => l.person_id)]),
  ]);
  return {
    // WO-6: how far from the site each check-in and check-out was, for the dispatcher.
    visits: visits.map((v) => ({
      ...v,
      checkIn: placeCheck(
        { lat: v.check_in_lat, lng: v.check_in_lng, accuracyM: v.check_in_accuracy_m },
        site,
      ),
      checkOut: placeCheck(
        { lat: v.check_out_lat, lng: v.check_out_lng, accuracyM: v.check_out_accuracy_m },
        site,
      ),
    })),
    requests,
    consents,
    checklist,
    logs,
    weekly,
    names,
    weeklyStatus: await weeklyReportStatus(ctx, order),
  };
}

/**
 * WO-6: an arrival moved by the generic state change is a check-in too (without a position),
 * so "on site" always has a check-in behind it, whichever way the engineer recorded it.
 */
export async function checkInOnArrival(
  tx: AppContext,
  actor: HistoryActor,
  event: WorkOrderEvent,
): Promise<void> {
  if (event.kind !== 'transitioned' || event.to !== 'on_site' || !isPerson(actor)) return;
  if (await repo.openVisit(tx.db, event.order.id, actor.personId)) return;
  const now = tx.clock.now().toISOString();
  const visit = newVisit(event.order, actor.personId, now, {});
  await repo.insertVisit(tx.db, visit);
  await recordHistory(tx, actor, {
    entityType: 'work_order',
    entityId: event.order.id,
    action: 'onsite:check_in',
    changes: { visitId: visit.id, at: now, lat: null, lng: null },
  });
}

/** A configured checklist item, or 404. */
export async function getChecklistItem(ctx: AppContext, id: string): Promise<ChecklistItemTable> {
  const row = await repo.findChecklistItem(ctx.db, id);
  if (!row) throw notFound('checklist_item');
  return row;
}

/** WO-10: when the engineer last left the order's site (the latest check-out), or null. */
export function lastLeftSite(ctx: AppContext, orderId: string): Promise<string | null> {
  return repo.lastLeftSite(ctx.db, orderId);
}

/** What a service report prints of the on-site work: the visits, the service requests and the names of who was there. */
export async function visitsForReport(ctx: AppContext, order: WorkOrderRow) {
  const [visits, requests] = await Promise.all([
    repo.visitsOf(ctx.db, order.id),
    repo.serviceRequestsOf(ctx.db, order.id),
  ]);
  const names = await repo.namesOf(ctx.db, [...new Set([...visits.map((v) => v.person_id), order.owner_id])]);
  return { visits, requests, names };
}
