/**
 * RS-5 inspections: plans per site or equipment class recur (monthly, quarterly or a cron
 * expression) and make their inspections on time through a durable timer per occurrence. Each
 * occurrence's timer makes that occurrence's inspections and then schedules the next one after
 * the occurrence itself — not after "now" — so servers that were down over several periods make
 * every missed period's inspections on start, each once (unique per plan, occurrence, target).
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { registerTimerHandler, scheduleTimer } from '../../jobs/timers.ts';
import { AppError, forbidden, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { everyPage } from '../../shared/paging.ts';
import type { Actor, HistoryActor, Scope } from '../access/policy.ts';
import { EVERYTHING, isScoped } from '../access/principal.ts';
import { listEquipment } from '../equipment/equipment.service.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import { getPartner } from '../partners/partners.service.ts';
import { getRegion, regionPathOf } from '../regions/regions.service.ts';
import { getSite, listSites } from '../sites/sites.service.ts';
import { createOrder } from '../work-orders/work-orders.service.ts';
import * as repo from './inspections.repository.ts';
import {
  type ChecklistEntry,
  type ChecklistResult,
  checklistProblems,
  cronOf,
  nextAfter,
  resultProblems,
} from './inspections.rules.ts';
import type {
  InspectionChecklistTable,
  InspectionPlanTable,
  InspectionTable,
  PlanTarget,
  Recurrence,
} from './inspections.tables.ts';

const SYSTEM: HistoryActor = { system: 'inspections' };
export const OCCURRENCE_TIMER = 'inspections.occurrence';

/** A referenced record the actor cannot see becomes a 422 naming the field. */
const asFieldProblem = (field: string, zh: string, en: string) => (e: unknown) => {
  throw e instanceof AppError && e.status === 404 ? invalid([problem(field, zh, en)]) : e;
};

export const parseItems = (c: InspectionChecklistTable): ChecklistEntry[] =>
  JSON.parse(c.items_json) as ChecklistEntry[];

/** Sets the checklist of an equipment class (what every inspection of that class answers). */
export function putChecklist(
  ctx: AppContext,
  actor: HistoryActor,
  equipmentClass: string,
  items: ChecklistEntry[],
): Promise<InspectionChecklistTable> {
  // Checklists are the organisation's: a partner's manager holding the permission still may not.
  if (isScoped(actor)) return Promise.reject(forbidden());
  const problems = checklistProblems(items);
  if (problems.length) return Promise.reject(invalid(problems));
  return inTransaction(ctx, async (tx) => {
    const before = await repo.lockChecklist(tx.db, tx.kit, equipmentClass);
    const at = tx.clock.now().toISOString();
    const row: InspectionChecklistTable = {
      id: before?.id ?? newId(),
      equipment_class: equipmentClass,
      items_json: JSON.stringify(items),
      created_at: before?.created_at ?? at,
      updated_at: at,
    };
    if (before?.items_json === row.items_json) return before;
    await repo.saveChecklist(tx.db, row, !!before);
    await recordHistory(tx, actor, {
      entityType: 'inspection_checklist',
      entityId: row.id,
      action: before ? 'update' : 'create',
      changes: { equipmentClass, items: { from: before ? parseItems(before) : null, to: items } },
    });
    return row;
  });
}

export const listChecklists = (ctx: AppContext) => repo.checklists(ctx.db);

/** Schedules the timer of the plan's next occurrence (deduplicated per plan version and instant). */
async function scheduleOccurrence(tx: AppContext, plan: InspectionPlanTable): Promise<void> {
  if (!plan.active || !plan.next_at) return;
  await scheduleTimer(tx, {
    kind: OCCURRENCE_TIMER,
    dueAt: plan.next_at,
    payload: { planId: plan.id, version: plan.version, occurrence: plan.next_at },
    dedupeKey: `inspection-plan:${plan.id}:${plan.version}:${plan.next_at}`,
  });
}

export interface PlanInput {
  name: string;
  target: PlanTarget;
  siteId?: string | null | undefined;
  regionId?: string | null | undefined;
  equipmentClass: string;
  partnerId?: string | null | undefined;
  recurrence: Recurrence;
  cron?: string | null | undefined;
}

/** RS-5: a plan for a site or for an equipment class in a region; the first occurrence is the next one. */
export function createPlan(ctx: AppContext, actor: Actor, input: PlanInput): Promise<InspectionPlanTable> {
  return inTransaction(ctx, async (tx) => {
    const scope = actor.scope;
    const schedule = cronOf(input.recurrence, input.cron);
    if ('field' in schedule) throw invalid([schedule]);
    let regionId: string;
    if (input.target === 'site') {
      if (!input.siteId)
        throw invalid([problem('siteId', '按站点巡检需要选择站点', 'a site plan needs its site')]);
      const site = await getSite(tx, scope, input.siteId).catch(
        asFieldProblem('siteId', '站点不存在', 'no such site'),
      );
      regionId = site.region_id;
    } else {
      if (!input.regionId)
        throw invalid([
          problem('regionId', '按设备类别巡检需要选择区域', 'an equipment-class plan needs its region'),
        ]);
      regionId = input.regionId;
    }
    const region = await getRegion(tx, scope, regionId).catch(
      asFieldProblem('regionId', '区域不存在', 'no such region'),
    );
    const partnerId = scope.kind === 'partner' ? scope.partnerId : (input.partnerId ?? null);
    if (scope.kind === 'partner' && input.partnerId && input.partnerId !== scope.partnerId)
      throw invalid([
        problem('partnerId', '只能为本单位制定巡检计划', 'you may plan only your own inspections'),
      ]);
    if (partnerId)
      await getPartner(tx, scope, partnerId).catch(
        asFieldProblem('partnerId', '合作方不存在', 'no such partner'),
      );
    if (!(await repo.checklistOf(tx.db, input.equipmentClass)))
      throw invalid([
        problem(
          'equipmentClass',
          '此设备类别还没有巡检检查表，请先制定检查表',
          'this equipment class has no inspection checklist yet; set one first',
        ),
      ]);
    const now = tx.clock.now().toISOString();
    const plan: InspectionPlanTable = {
      id: newId(),
      name: input.name,
      target: input.target,
      site_id: input.target === 'site' ? (input.siteId ?? null) : null,
      equipment_class: input.equipmentClass,
      region_id: regionId,
      partner_id: partnerId,
      recurrence: input.recurrence,
      cron: schedule.cron,
      time_zone: region.time_zone,
      active: 1,
      version: 1,
      next_at: nextAfter(schedule.cron, region.time_zone, now),
      created_by: actor.personId,
      created_at: now,
      updated_at: now,
    };
    await repo.insertPlan(tx.db, plan);
    await recordHistory(tx, actor, {
      entityType: 'inspection_plan',
      entityId: plan.id,
      action: 'create',
      changes: diffRecords(null, plan),
    });
    await scheduleOccurrence(tx, plan);
    return plan;
  });
}

export interface PlanPatch {
  active?: boolean | undefined;
  recurrence?: Recurrence | undefined;
  cron?: string | null | undefined;
  reason?: string | undefined;
}

/**
 * Pauses, resumes or re-times a plan. The version moves on, so the timer of the old schedule
 * finds nothing to do; the next occurrence counts from now.
 */
export function updatePlan(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: PlanPatch,
): Promise<InspectionPlanTable> {
  return inTransaction(ctx, async (tx) => {
    if (!(await repo.findVisiblePlan(tx.db, actor.scope, id))) throw notFound('inspection_plan');
    const before = await repo.lockPlan(tx.db, tx.kit, id);
    if (!before) throw notFound('inspection_plan');
    const recurrence = patch.recurrence ?? before.recurrence;
    const schedule =
      patch.recurrence || patch.cron !== undefined
        ? cronOf(recurrence, patch.cron ?? (recurrence === 'cron' ? before.cron : null))
        : { cron: before.cron };
    if ('field' in schedule) throw invalid([schedule]);
    const active = patch.active === undefined ? before.active : patch.active ? 1 : 0;
    const now = tx.clock.now().toISOString();
    const timing = active !== before.active || schedule.cron !== before.cron;
    if (!timing) return before;
    const after: InspectionPlanTable = {
      ...before,
      recurrence,
      cron: schedule.cron,
      active,
      version: before.version + 1,
      next_at: active ? nextAfter(schedule.cron, before.time_zone, now) : null,
      updated_at: now,
    };
    await repo.savePlan(tx.db, after);
    await recordHistory(tx, actor, {
      entityType: 'inspection_plan',
      entityId: id,
      action: 'update',
      changes: diffRecords(before, after),
      reason: patch.reason,
    });
    await scheduleOccurrence(tx, after);
    return after;
  });
}

export async function getPlan(ctx: AppContext, scope: Scope, id: string): Promise<InspectionPlanTable> {
  const row = await repo.findVisiblePlan(ctx.db, scope, id);
  if (!row) throw notFound('inspection_plan');
  return row;
}

export const listPlans = (ctx: AppContext, scope: Scope, page: { limit: number; offset: number }) =>
  repo.listPlans(ctx.db, scope, page);

type Target = { siteId: string; equipmentId: string | null; regionId: string };

/** What one occurrence inspects: the plan's site, or every piece of its class under its region. */
async function targetsOf(tx: AppContext, plan: InspectionPlanTable): Promise<Target[]> {
  if (plan.target === 'site' && plan.site_id) {
    const site = await getSite(tx, EVERYTHING, plan.site_id);
    return [{ siteId: site.id, equipmentId: null, regionId: site.region_id }];
  }
  const sites = await everyPage(
    async (page) => (await listSites(tx, EVERYTHING, { regionId: plan.region_id }, page)).items,
  );
  const regionOfSite = new Map(sites.map((s) => [s.id, s.region_id]));
  const equipment = await everyPage(
    async (page) => (await listEquipment(tx, EVERYTHING, { product: plan.equipment_class }, page)).items,
  );
  return equipment
    .filter((e) => regionOfSite.has(e.site_id))
    .map((e) => ({ siteId: e.site_id, equipmentId: e.id, regionId: regionOfSite.get(e.site_id)! }));
}

/** Makes one occurrence's inspections, due when the next occurrence comes. */
async function runOccurrence(
  tx: AppContext,
  plan: InspectionPlanTable,
  occurrence: string,
): Promise<string | null> {
  const due = nextAfter(plan.cron, plan.time_zone, occurrence);
  if (!due) return null;
  const now = tx.clock.now().toISOString();
  const paths = new Map<string, string>();
  const rows: InspectionTable[] = [];
  for (const t of await targetsOf(tx, plan)) {
    if (!paths.has(t.regionId)) paths.set(t.regionId, (await regionPathOf(tx, t.regionId)) ?? '');
    rows.push({
      id: newId(),
      plan_id: plan.id,
      occurrence,
      due_at: due,
      site_id: t.siteId,
      equipment_id: t.equipmentId,
      target_key: t.equipmentId ?? t.siteId,
      region_id: t.regionId,
      region_path: paths.get(t.regionId) ?? '',
      partner_id: plan.partner_id,
      equipment_class: plan.equipment_class,
      state: 'open',
      results_json: null,
      completed_by: null,
      completed_at: null,
      created_at: now,
    });
  }
  for (const made of await repo.insertInspections(tx.db, rows))
    await recordHistory(tx, SYSTEM, {
      entityType: 'inspection',
      entityId: made.id,
      action: 'create',
      changes: diffRecords(null, made),
    });
  return due;
}

/** The occurrence timer: stale ones (plan paused or re-timed since) do nothing. */
export function registerOccurrenceTimer(): void {
  registerTimerHandler(OCCURRENCE_TIMER, {
    async run(tx, timer) {
      const plan = await repo.lockPlan(tx.db, tx.kit, String(timer.payload.planId));
      const occurrence = String(timer.payload.occurrence);
      if (!plan?.active || plan.version !== timer.payload.version || plan.next_at !== occurrence) return;
      const next = await runOccurrence(tx, plan, occurrence);
      const after = { ...plan, next_at: next, updated_at: tx.clock.now().toISOString() };
      await repo.savePlan(tx.db, after);
      await scheduleOccurrence(tx, after);
    },
  });
}

export async function getInspection(ctx: AppContext, scope: Scope, id: string): Promise<InspectionTable> {
  const row = await repo.findVisibleInspection(ctx.db, scope, id);
  if (!row) throw notFound('inspection');
  return row;
}

export const listInspections = (ctx: AppContext, scope: Scope, f: repo.InspectionFilter) =>
  repo.listInspections(ctx.db, scope, f);

export async function inspectionDetail(ctx: AppContext, scope: Scope, id: string) {
  const row = await getInspection(ctx, scope, id);
  const checklist = await repo.checklistOf(ctx.db, row.equipment_class);
  return {
    row,
    checklist: checklist ? parseItems(checklist) : [],
    findings: await repo.findingsOf(ctx.db, id),
  };
}

export interface Completion {
  results: ChecklistResult[];
  contactName?: string | undefined;
  contactPhone?: string | undefined;
}

/**
 * RS-5: completes an inspection with an answer for every checklist item. Each fault found
 * becomes a fault work order, channel "found by an engineer", linked to the inspection as a
 * finding; all of it in one transaction, so a refused order leaves the inspection open.
 */
export function completeInspection(ctx: AppContext, actor: Actor, id: string, input: Completion) {
  return inTransaction(ctx, async (tx) => {
    await getInspection(tx, actor.scope, id);
    const row = await repo.lockInspection(tx.db, tx.kit, id);
    if (!row) throw notFound('inspection');
    if (row.state === 'completed') throw new AppError(409, 'inspection_completed');
    const checklist = await repo.checklistOf(tx.db, row.equipment_class);
    const items = checklist ? parseItems(checklist) : [];
    const problems = resultProblems(items, input.results);
    const faults = input.results.filter((r) => r.fault);
    if (faults.length && !input.contactName)
      problems.push(problem('contactName', '报故障需要现场联系人', 'a fault needs the contact on site'));
    if (faults.length && !input.contactPhone)
      problems.push(problem('contactPhone', '报故障需要联系电话', 'a fault needs the contact phone'));
    if (problems.length) throw invalid(problems);
    const now = tx.clock.now().toISOString();
    const site = row.site_id ? await getSite(tx, EVERYTHING, row.site_id) : null;
    const orders: string[] = [];
    for (const f of faults) {
      const label = items.find((i) => i.key === f.key)?.label ?? f.key;
      const order = await createOrder(tx, actor, {
        type: 'fault_repair',
        channel: 'engineer_found',
        customerId: site?.customer_id,
        siteId: row.site_id,
        regionId: row.region_id,
        equipmentId: row.equipment_id,
        product: row.equipment_id ? null : row.equipment_class,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        occurredAt: now,
        symptom: `巡检发现：${label}${f.reading ? `（读数 ${f.reading}）` : ''}：${f.note ?? ''}`,
        foundHow: `巡检 ${row.occurrence.slice(0, 10)}`,
      });
      await repo.insertFinding(tx.db, {
        id: newId(),
        inspection_id: id,
        item_key: f.key,
        note: f.note ?? '',
        work_order_id: order.id,
        created_at: now,
      });
      orders.push(order.id);
    }
    const patch = {
      results_json: JSON.stringify(input.results),
      completed_by: actor.personId,
      completed_at: now,
    };
    await repo.completeInspection(tx.db, id, patch);
    await recordHistory(tx, actor, {
      entityType: 'inspection',
      entityId: id,
      action: 'complete',
      changes: { state: { from: 'open', to: 'completed' }, results: input.results, faultOrders: orders },
    });
    return { ...row, ...patch, state: 'completed' as const };
  });
}

/** Planned and completed-as-planned inspections per region and partner for a window. */
export const completionCounts = (
  ctx: AppContext,
  scope: Scope,
  w: { from: string; to: string; regionPath: string | null },
) => repo.completionCounts(ctx.db, scope, w);
