/** DP-1 duty roster: shifts and leave per person, and the "on duty" check dispatch asks. */
import type { Kysely } from 'kysely';
import { type AppContext, inTransaction } from '../../app/context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor, Scope } from '../access/policy.ts';
import type { CandidateFinding, CandidatePlace } from '../dispatch/dispatch.checks.ts';
import { recordHistory } from '../history/history.service.ts';
import { scopedPeople } from '../people/people.queries.ts';
import * as repo from './duty.repository.ts';
import { addDays, dutyFindings, rosterDays, shiftSpan } from './duty.rules.ts';
import type { DutyShiftTable, LeaveKind } from './duty.tables.ts';

export interface ShiftsInput {
  personId: string;
  from: string;
  to: string;
  /** ISO weekdays the shift is worked (1 = Monday); every day when left out. */
  weekdays?: number[] | undefined;
  start: string;
  end: string;
  note?: string | undefined;
}

/** A person the actor may see, locked for the change, or 404. */
async function lockVisiblePerson(tx: AppContext, scope: Scope, personId: string) {
  const visible = await scopedPeople(tx.db, scope)
    .select('people.id')
    .where('people.id', '=', personId)
    .executeTakeFirst();
  if (!visible) throw notFound('person');
  const row = await repo.lockPerson(tx.db, tx.kit, personId);
  if (!row) throw notFound('person');
  return row;
}

/** Puts a person on duty on the chosen days of a range; a day already rostered is refused by name. */
export async function addShifts(ctx: AppContext, actor: Actor, input: ShiftsInput) {
  const { days, problems } = rosterDays(input.from, input.to, input.weekdays ?? [1, 2, 3, 4, 5, 6, 7]);
  if (problems.length) throw invalid(problems);
  return inTransaction(ctx, async (tx) => {
    const person = await lockVisiblePerson(tx, actor.scope, input.personId);
    const tz = person.time_zone ?? tx.config.defaultTimeZone;
    const taken = await repo.standingShiftsOn(tx.db, input.personId, days);
    if (taken.length) {
      const list = taken.map((t) => t.day).join(', ');
      throw new AppError(409, 'duty_conflict', {}, [
        problem('from', `这些日期已有班次：${list}`, `already on the roster on: ${list}`),
      ]);
    }
    const now = tx.clock.now().toISOString();
    const rows: DutyShiftTable[] = [];
    for (const day of days) {
      const span = shiftSpan(day, input.start, input.end, tz);
      if ('field' in span) throw invalid([span]);
      rows.push({
        id: newId(),
        person_id: input.personId,
        day,
        start_time: input.start,
        end_time: input.end,
        time_zone: tz,
        starts_at: span.startsAt,
        ends_at: span.endsAt,
        note: input.note ?? null,
        created_by: actor.personId,
        created_at: now,
        cancelled_at: null,
        cancelled_by: null,
        cancel_reason: null,
      });
    }
    await repo.insertShifts(tx.db, rows);
    await recordHistory(tx, actor, {
      entityType: 'person',
      entityId: input.personId,
      action: 'duty_shifts_added',
      changes: { shifts: [null, { days, start: input.start, end: input.end, timeZone: tz }] },
      reason: input.note ?? null,
    });
    return rows;
  });
}

/** Takes one shift off the roster, with a reason (history). */
export async function cancelShift(ctx: AppContext, actor: Actor, id: string, reason: string) {
  return inTransaction(ctx, async (tx) => {
    const before = await repo.findShift(tx.db, id);
    if (!before) throw notFound('duty_shift');
    await lockVisiblePerson(tx, actor.scope, before.person_id).catch(() => {
      throw notFound('duty_shift');
    });
    const shift = await repo.findShift(tx.db, id);
    if (!shift || shift.cancelled_at) throw notFound('duty_shift');
    await repo.cancelShift(tx.db, id, actor.personId, tx.clock.now().toISOString(), reason);
    await recordHistory(tx, actor, {
      entityType: 'person',
      entityId: shift.person_id,
      action: 'duty_shift_cancelled',
      changes: { shift: [{ day: shift.day, start: shift.start_time, end: shift.end_time }, null] },
      reason,
    });
  });
}

export interface LeaveInput {
  personId: string;
  from: string;
  to: string;
  kind: LeaveKind;
  reason?: string | undefined;
}

/** Records leave; overlapping standing leave is refused so each day has one reason. */
export async function addLeave(ctx: AppContext, actor: Actor, input: LeaveInput) {
  if (input.to < input.from) throw invalid([problem('to', '结束日期早于开始日期', 'ends before it starts')]);
  if (input.to > addDays(input.from, 365)) {
    throw invalid([problem('to', '一次请假最长一年', 'leave may run at most one year at a time')]);
  }
  return inTransaction(ctx, async (tx) => {
    await lockVisiblePerson(tx, actor.scope, input.personId);
    const overlap = await repo.standingLeaveOverlapping(tx.db, input.personId, input.from, input.to);
    if (overlap.length) {
      const list = overlap.map((o) => `${o.from_day}–${o.to_day}`).join(', ');
      throw new AppError(409, 'duty_conflict', {}, [
        problem('from', `与已登记的休假重叠：${list}`, `overlaps leave already recorded: ${list}`),
      ]);
    }
    const row = {
      id: newId(),
      person_id: input.personId,
      from_day: input.from,
      to_day: input.to,
      kind: input.kind,
      reason: input.reason ?? null,
      created_by: actor.personId,
      created_at: tx.clock.now().toISOString(),
      cancelled_at: null,
      cancelled_by: null,
      cancel_reason: null,
    };
    await repo.insertLeave(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'person',
      entityId: input.personId,
      action: 'leave_added',
      changes: { leave: [null, { from: input.from, to: input.to, kind: input.kind }] },
      reason: input.reason ?? null,
    });
    return row;
  });
}

/** Withdraws leave, with a reason (history). */
export async function cancelLeave(ctx: AppContext, actor: Actor, id: string, reason: string) {
  return inTransaction(ctx, async (tx) => {
    const before = await repo.findLeave(tx.db, id);
    if (!before) throw notFound('leave');
    await lockVisiblePerson(tx, actor.scope, before.person_id).catch(() => {
      throw notFound('leave');
    });
    const leave = await repo.findLeave(tx.db, id);
    if (!leave || leave.cancelled_at) throw notFound('leave');
    await repo.cancelLeave(tx.db, id, actor.personId, tx.clock.now().toISOString(), reason);
    await recordHistory(tx, actor, {
      entityType: 'person',
      entityId: leave.person_id,
      action: 'leave_cancelled',
      changes: { leave: [{ from: leave.from_day, to: leave.to_day, kind: leave.kind }, null] },
      reason,
    });
  });
}

/** The roster between two days, narrowed to the people the scope sees (one person when asked). */
export async function roster(
  ctx: AppContext,
  scope: Scope,
  filter: { from: string; to: string; personId?: string | undefined },
) {
  if (filter.to < filter.from)
    throw invalid([problem('to', '结束日期早于开始日期', 'ends before it starts')]);
  if (filter.to > addDays(filter.from, 92)) {
    throw invalid([problem('to', '一次最多查看 93 天', 'at most 93 days at a time')]);
  }
  let people: string[] | null = null;
  if (scope.kind !== 'all' || filter.personId) {
    let q = scopedPeople(ctx.db, scope).select('people.id');
    if (filter.personId) q = q.where('people.id', '=', filter.personId);
    people = (await q.execute()).map((r) => r.id);
    if (filter.personId && people.length === 0) throw notFound('person');
  }
  return repo.roster(ctx.db, { personIds: people, from: filter.from, to: filter.to });
}

/** Shifts and leave of some people on and around one day, for the daily plan's vehicles (DP-2). */
export async function dutyOn(db: Kysely<DB>, ids: readonly string[], day: string) {
  const [rostered, shifts, leave] = await Promise.all([
    repo.rostered(db, ids),
    repo.shiftsBetween(db, ids, `${addDays(day, -1)}T00:00:00.000Z`, `${addDays(day, 2)}T00:00:00.000Z`),
    repo.leaveOn(db, ids, day),
  ]);
  return { rostered, shifts, leave };
}

/** The candidate check dispatch runs (registered as "duty"): leave, or no shift at the moment. */
export async function dutyCheck(
  db: Kysely<DB>,
  ids: readonly string[],
  place: CandidatePlace,
): Promise<Map<string, CandidateFinding[]>> {
  const { rostered, shifts, leave } = await dutyOn(db, ids, place.day);
  const out = new Map<string, CandidateFinding[]>();
  for (const id of ids) {
    const found = dutyFindings(
      {
        rostered: rostered.has(id),
        shifts: shifts
          .filter((s) => s.person_id === id)
          .map((s) => ({ startsAt: s.starts_at, endsAt: s.ends_at })),
        leave: leave.filter((l) => l.person_id === id).map((l) => ({ fromDay: l.from_day, toDay: l.to_day })),
      },
      place.at,
      place.day,
    );
    if (found.length) out.set(id, found);
  }
  return out;
}
