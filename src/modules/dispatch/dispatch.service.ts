/** DP-1: ranking candidates for an order and assigning the lead engineer and helpers. */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { AppError, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { type Actor, can } from '../access/policy.ts';
import { partnerIdOf } from '../access/principal.ts';
import { recordHistory } from '../history/history.service.ts';
import { eligibilityGaps } from '../people/people.rules.ts';
import { localDate } from '../work-orders/local-time.ts';
import { findOrder } from '../work-orders/work-orders.queries.ts';
import type { AssignmentRole } from '../work-orders/work-orders.rules.ts';
import {
  activeAssignments,
  addAssignment,
  getOrder,
  loadForChange,
  recordCustomerNotice,
  releaseAssignment,
  renderNotice,
  setOrderPartner,
  transition,
  type WorkOrderRow,
} from '../work-orders/work-orders.service.ts';
import { runCandidateChecks } from './dispatch.checks.ts';
import * as repo from './dispatch.repository.ts';
import {
  assignmentProblems,
  type CandidateFacts,
  coversRegion,
  type DispatchGap,
  haversineKm,
  isEligible,
  rankCandidates,
} from './dispatch.rules.ts';

interface Place {
  orderId: string;
  path: string;
  regionName: string;
  product: string | null;
  lat: number | null;
  lng: number | null;
  tz: string;
}

async function placeOf(ctx: AppContext, orderId: string): Promise<Place> {
  const p = await repo.orderPlace(ctx.db, orderId);
  if (!p) throw notFound('work_order');
  return {
    orderId,
    path: p.path,
    regionName: p.region_name,
    product: p.product,
    lat: p.lat,
    lng: p.lng,
    tz: p.site_tz ?? p.region_tz,
  };
}

/** Eligibility facts for engineers (all in scope, or the given ids) against one order's place. */
async function factsFor(
  ctx: AppContext,
  place: Place,
  filter: { ids?: readonly string[]; partnerId?: string | undefined; at?: string | undefined },
): Promise<CandidateFacts[]> {
  const people = await repo.engineers(ctx.db, filter);
  const ids = people.map((p) => p.id);
  const [roles, certs, regions, loads] = await Promise.all([
    repo.rolesOf(ctx.db, ids),
    repo.certificationsOf(ctx.db, ids),
    repo.regionPathsOf(ctx.db, ids),
    repo.openLoads(ctx.db, ids),
  ]);
  const today = localDate(ctx.clock.now(), place.tz);
  // DP-1: someone booked elsewhere during this order's appointment cannot keep it.
  const window = await repo.appointmentInForce(ctx.db, place.orderId);
  const booked = window
    ? new Set(
        (await repo.bookedDuring(ctx.db, ids, place.orderId, window.window_start, window.window_end)).map(
          (r) => r.person_id,
        ),
      )
    : new Set<string>();
  // The registered checks (duty roster, instruments …) judge the moment the work is expected.
  // The moment the work is expected: a planned start (DP-2 daily plan), else the appointment, else now.
  const at = filter.at ?? window?.window_start ?? ctx.clock.now().toISOString();
  const findings = await runCandidateChecks(ctx.db, ids, {
    orderId: place.orderId,
    product: place.product,
    regionPath: place.path,
    day: localDate(at, place.tz),
    at,
  });
  return people.map((p) => {
    const gaps: DispatchGap[] = eligibilityGaps(
      {
        active: p.active === 1,
        roles: roles.filter((r) => r.person_id === p.id).map((r) => r.role),
        profile:
          p.profile_id && p.employment
            ? {
                employment: p.employment,
                workCardNo: p.work_card_no,
                workCardExpiresOn: p.work_card_expires_on,
              }
            : null,
        certifications: certs
          .filter((c) => c.person_id === p.id)
          .map((c) => ({ product: c.product, expiresOn: c.expires_on, revokedAt: c.revoked_at ?? null })),
      },
      place.product ?? '',
      today,
    ).filter((g) => place.product !== null || (g !== 'not_certified' && g !== 'certification_expired'));
    const paths = regions.filter((r) => r.person_id === p.id).map((r) => r.path);
    if (!coversRegion(paths, place.path)) gaps.push('region_not_covered');
    if (booked.has(p.id)) gaps.push('booked_at_appointment');
    const distanceKm =
      p.last_lat !== null && p.last_lng !== null && place.lat !== null && place.lng !== null
        ? haversineKm({ lat: p.last_lat, lng: p.last_lng }, { lat: place.lat, lng: place.lng })
        : null;
    return {
      personId: p.id,
      name: p.display_name,
      gaps,
      openLoad: Number(loads.find((l) => l.person_id === p.id)?.n ?? 0),
      distanceKm,
      product: place.product,
      regionName: place.regionName,
      findings: findings.get(p.id) ?? [],
    };
  });
}

/** DP-1: ranked candidates with reasons. A partner's dispatcher sees only the partner's engineers. */
export async function candidates(ctx: AppContext, actor: Actor, orderId: string) {
  await getOrder(ctx, actor.scope, orderId);
  const place = await placeOf(ctx, orderId);
  const facts = await factsFor(ctx, place, {
    partnerId: partnerIdOf(actor),
  });
  return rankCandidates(facts);
}

/** What an assignment asks for. */
export interface AssignInput {
  leadEngineerId?: string | undefined;
  helperIds?: string[] | undefined;
  overrideReason?: string | null | undefined;
  /** When the work is planned to start (the daily plan, DP-2); on-duty checks judge that moment. */
  plannedAt?: string | undefined;
}

/**
 * DP-1: assigns a lead engineer and helpers. Anyone ineligible (RS-3 certification or work card,
 * region) is refused unless a manager overrides with a reason, which is recorded on the assignment.
 * Assigning leaves the owner unchanged (WO-3). An accepted order becomes dispatched.
 */
export async function assign(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  input: AssignInput,
): Promise<WorkOrderRow> {
  const helperIds = [...new Set(input.helperIds ?? [])];
  if (!input.leadEngineerId && helperIds.length === 0) {
    throw invalid([
      problem('leadEngineerId', '请指定主责工程师或协助工程师', 'name a lead engineer or helpers'),
    ]);
  }
  if (input.leadEngineerId && helperIds.includes(input.leadEngineerId)) {
    throw invalid([
      problem('helperIds', '主责工程师不能同时是协助工程师', 'the lead cannot also be a helper'),
    ]);
  }
  return inTransaction(ctx, async (tx) => {
    const order = await loadForChange(tx, actor, orderId);
    if (order.state === 'received') {
      throw new AppError(409, 'illegal_transition', {}, [
        problem(
          'state',
          '工单需先被接单（确定责任人）才能派工',
          'the order must be accepted (given an owner) before dispatch',
        ),
      ]);
    }
    if (order.state === 'closed' || order.state === 'cancelled') {
      throw new AppError(409, 'illegal_transition', {}, [
        problem('state', '已结束的工单不能派工', 'a finished order cannot be dispatched'),
      ]);
    }
    const place = await placeOf(tx, orderId);
    const ids = [...(input.leadEngineerId ? [input.leadEngineerId] : []), ...helperIds];
    // A partner's dispatcher names only its own engineers; others do not exist for it.
    const facts = await factsFor(tx, place, {
      ids,
      at: input.plannedAt,
      partnerId: partnerIdOf(actor),
    });
    const missing = ids.filter((id) => !facts.some((f) => f.personId === id));
    if (missing.length) {
      throw invalid(
        missing.map((id) =>
          problem(
            id === input.leadEngineerId ? 'leadEngineerId' : 'helperIds',
            '人员不存在',
            'no such person',
          ),
        ),
      );
    }
    const checks = facts.map((f) => ({
      field: f.personId === input.leadEngineerId ? 'leadEngineerId' : 'helperIds',
      name: f.name,
      gaps: f.gaps,
      findings: f.findings,
    }));
    const problems = assignmentProblems(checks, {
      reason: input.overrideReason,
      mayOverride: can(actor, 'work_orders.override'),
    });
    if (problems.length) throw new AppError(422, 'not_eligible', {}, problems);
    const now = tx.clock.now().toISOString();
    const current = await activeAssignments(tx, orderId);
    const overridden = (id: string) => {
      const f = facts.find((x) => x.personId === id);
      return f !== undefined && !isEligible(f);
    };
    const added: { personId: string; role: string; override: string | null }[] = [];
    const released: string[] = [];
    if (input.leadEngineerId) {
      for (const a of current.filter((a) => a.role === 'lead' && a.person_id !== input.leadEngineerId)) {
        await releaseAssignment(tx, a.id, now);
        released.push(a.person_id);
      }
    }
    const wanted: { id: string; role: AssignmentRole }[] = [
      ...(input.leadEngineerId ? [{ id: input.leadEngineerId, role: 'lead' as const }] : []),
      ...helperIds.map((id) => ({ id, role: 'helper' as const })),
    ];
    for (const w of wanted) {
      const existing = current.find((a) => a.person_id === w.id && a.role === w.role);
      if (existing) continue;
      const override = overridden(w.id) ? (input.overrideReason?.trim() ?? null) : null;
      await addAssignment(tx, {
        id: newId(),
        order_id: orderId,
        person_id: w.id,
        role: w.role,
        assigned_at: now,
        assigned_by: actor.personId,
        released_at: null,
        override_reason: override,
        override_by: override ? actor.personId : null,
        note: null,
      });
      added.push({ personId: w.id, role: w.role, override });
    }
    let partnerId = order.partner_id;
    if (input.leadEngineerId) {
      const [lead] = await repo.engineers(tx.db, { ids: [input.leadEngineerId] });
      partnerId = lead?.partner_id ?? null;
      if (partnerId !== order.partner_id) {
        await setOrderPartner(tx, orderId, partnerId, now);
      }
    }
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: orderId,
      action: 'assigned',
      changes: {
        assignments: [released.length ? { released } : null, added],
        ...(partnerId !== order.partner_id ? { partner_id: [order.partner_id, partnerId] } : {}),
      },
      reason: added.some((a) => a.override) ? `override: ${input.overrideReason}` : null,
    });
    if (released.length > 0 && input.leadEngineerId) {
      // WO-4: a change of the engineer in charge is told to the customer contact.
      const name = facts.find((f) => f.personId === input.leadEngineerId)?.name ?? '';
      await recordCustomerNotice(tx, actor, order, {
        kind: 'engineer_changed',
        body: await renderNotice(tx, 'engineer.changed', { orderNumber: order.number, engineerName: name }),
      });
    }
    if (order.state === 'accepted' && input.leadEngineerId) {
      return transition(tx, actor, orderId, 'dispatched', { skipActorCheck: true });
    }
    return (await findOrder(tx.db, orderId)) as WorkOrderRow;
  });
}

/** Releases one engineer from an order (the owner stays). */
export async function unassign(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  personId: string,
  reason: string,
) {
  return inTransaction(ctx, async (tx) => {
    await loadForChange(tx, actor, orderId);
    const current = await activeAssignments(tx, orderId);
    const mine = current.filter((a) => a.person_id === personId);
    if (mine.length === 0) throw notFound('person');
    const now = tx.clock.now().toISOString();
    for (const a of mine) await releaseAssignment(tx, a.id, now);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: orderId,
      action: 'unassigned',
      changes: { assignments: [mine.map((a) => ({ personId, role: a.role })), null] },
      reason,
    });
  });
}
