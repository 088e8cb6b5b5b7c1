/**
 * Clocks of records other than work orders (MO-13: each leftover of a major operation). The
 * person who records the item sets its due time, so there is no policy: the clock runs on the
 * always-open calendar from now to that instant, and from then on it is an ordinary clock — the
 * at-risk scan warns its owner, the due timer marks it breached and starts the escalation ladder
 * of its region. The subject id sits in `order_id`; `subject_type` says what it is.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { invalid, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { HistoryActor } from '../access/policy.ts';
import { recordHistory } from '../history/history.service.ts';
import { localDate, localToUtc } from '../work-orders/local-time.ts';
import { ALWAYS_CALENDAR } from './deadlines.defaults.ts';
import * as repo from './deadlines.repository.ts';
import { armTimer, clockKey } from './deadlines.service.ts';
import { WORK_ORDER_SUBJECT } from './deadlines.subject-kinds.ts';
import type { OrderClockTable } from './deadlines.tables.ts';

const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * When an item due on a day runs out: the end of that day where the work is (the earliest such
 * instant when sites lie in different time zones); null when the day is already over in any of
 * them, so the caller refuses it on its own field.
 */
export function endOfDueDay(dueOn: string, zones: readonly string[], now: Date): string | null {
  const all = zones.length ? zones : ['Asia/Shanghai'];
  if (all.some((z) => dueOn < localDate(now, z))) return null;
  return new Date(
    Math.min(...all.map((z) => localToUtc(nextDay(dueOn), '00:00', z).getTime())),
  ).toISOString();
}

export interface DueClockInput {
  /** A record type other than a work order, e.g. 'operation'. */
  subjectType: string;
  subjectId: string;
  /** The clock kind, named by its capability with `registerSubjectClockKind`. */
  kind: string;
  /** What notices show, e.g. the leftover's description. */
  label: string;
  regionId: string;
  partnerId: string | null;
  ownerId: string;
  /** The instant it is due (ISO UTC); must lie ahead. */
  dueAt: string;
}

/** Starts a clock due at a set instant, in the caller's transaction, with history on the subject. */
export async function startDueClock(
  ctx: AppContext,
  actor: HistoryActor,
  input: DueClockInput,
): Promise<OrderClockTable> {
  if (input.subjectType === WORK_ORDER_SUBJECT)
    throw new Error('work-order clocks start from their policies (startClocks)');
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const budget = Math.ceil((Date.parse(input.dueAt) - Date.parse(now)) / 60_000);
    if (!(budget > 0)) throw invalid([problem('dueAt', '到期时间须晚于现在', 'the due time must lie ahead')]);
    const cal = await repo.calendarByCode(tx.db, ALWAYS_CALENDAR);
    if (!cal) throw new Error(`the ${ALWAYS_CALENDAR} calendar is missing`);
    const row: OrderClockTable = {
      id: newId(),
      order_id: input.subjectId,
      subject_type: input.subjectType,
      kind: input.kind,
      seq: ((await repo.lastSeqs(tx.db, input.subjectId)).get(input.kind) ?? 0) + 1,
      policy_id: null,
      calendar_id: cal.id,
      budget_minutes: budget,
      started_at: now,
      due_at: input.dueAt,
      state: 'running',
      paused_ms: 0,
      stopped_at: null,
      breached_at: null,
      version: 1,
      // Policy columns of work orders; another record has none, '*' as the policies say "any".
      order_type: input.subjectType,
      severity: '*',
      area_class: '*',
      region_id: input.regionId,
      partner_id: input.partnerId,
      owner_id: input.ownerId,
      order_label: input.label,
      created_at: now,
      updated_at: now,
    };
    await repo.insertClocks(tx.db, [row]);
    await armTimer(tx, row);
    await recordHistory(tx, actor, {
      entityType: row.subject_type,
      entityId: row.order_id,
      action: 'deadlines_started',
      changes: { [clockKey(row)]: [null, row.due_at], clockId: row.id },
    });
    return row;
  });
}

/**
 * Stops one clock of a record (met, or late if already breached), in the caller's transaction
 * with history; the caller holds the record's lock. Returns false when it was already stopped.
 */
export async function stopSubjectClock(
  ctx: AppContext,
  actor: HistoryActor,
  subjectType: string,
  clockId: string,
): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const c = await repo.findClock(tx.db, clockId);
    if (!c || c.subject_type !== subjectType || c.state === 'stopped') return false;
    const when = tx.clock.now().toISOString();
    // A new version: the due timer of the running version finds it moved on and does nothing.
    await repo.updateClock(tx.db, c.id, {
      state: 'stopped',
      stopped_at: when,
      version: c.version + 1,
      updated_at: when,
    });
    await recordHistory(tx, actor, {
      entityType: c.subject_type,
      entityId: c.order_id,
      action: 'deadlines_met',
      changes: { [clockKey(c)]: [c.due_at, c.breached_at ? `late ${when}` : `met ${when}`], clockId: c.id },
    });
    return true;
  });
}
