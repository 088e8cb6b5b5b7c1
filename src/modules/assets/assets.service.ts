/**
 * Instruments, vehicles and tool kits (RS-2): registered with their serials, assigned to a team
 * and a person, instruments with the date their calibration lapses. A durable timer warns the
 * carrier before the lapse; dispatch flags an engineer carrying a lapsed instrument.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { registerTimerHandler, scheduleTimer } from '../../jobs/timers.ts';
import { AppError, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { HistoryActor, Scope } from '../access/policy.ts';
import { scopeOf } from '../access/principal.ts';
import type { CandidateFinding, CandidatePlace } from '../dispatch/dispatch.checks.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { getPartner } from '../partners/partners.service.ts';
import { getPerson } from '../people/people.service.ts';
import { getRegion } from '../regions/regions.service.ts';
import * as repo from './assets.repository.ts';
import { addDays, calibrationProblems, carrierProblems, WARN_DAYS } from './assets.rules.ts';
import type { AssetKind, AssetStatus, AssetTable } from './assets.tables.ts';

export const CALIBRATION_TIMER = 'assets.calibration_warning';

/** A referenced record the actor cannot see becomes a 422 naming the field. */
async function requireRef(load: Promise<unknown>, field: string, zh: string, en: string): Promise<void> {
  try {
    await load;
  } catch (e) {
    if (e instanceof AppError && e.status === 404) throw invalid([problem(field, zh, en)]);
    throw e;
  }
}

export interface AssetInput {
  kind: AssetKind;
  type: string;
  name: string;
  serialNo: string;
  regionId: string;
  partnerId?: string | null | undefined;
  personId?: string | null | undefined;
  calibrationDue?: string | null | undefined;
}

/** Checks the references and rules of an asset as it would be saved. */
async function validate(tx: AppContext, actor: HistoryActor, row: AssetTable): Promise<void> {
  const scope = scopeOf(actor);
  const problems = calibrationProblems(row.kind, row.calibration_due);
  if (problems.length) throw invalid(problems);
  await requireRef(getRegion(tx, scope, row.region_id), 'regionId', '区域不存在', 'no such region');
  if (scope.kind === 'partner' && row.partner_id !== scope.partnerId)
    throw invalid([problem('partnerId', '只能登记本单位的资产', 'you may register only your own assets')]);
  if (row.partner_id)
    await requireRef(getPartner(tx, scope, row.partner_id), 'partnerId', '合作方不存在', 'no such partner');
  if (row.person_id) {
    let partnerOfPerson: string | null = null;
    await requireRef(
      getPerson(tx, scope, row.person_id).then((p) => {
        partnerOfPerson = p.partner_id;
      }),
      'personId',
      '人员不存在',
      'no such person',
    );
    const wrong = carrierProblems(row.partner_id, partnerOfPerson);
    if (wrong.length) throw invalid(wrong);
  }
}

/** Schedules the warning before the lapse (and one on the lapse day); a repeated date is not doubled. */
async function scheduleWarnings(tx: AppContext, row: AssetTable): Promise<void> {
  const due = row.calibration_due;
  if (!due || row.status !== 'in_service') return;
  for (const day of [addDays(due, -WARN_DAYS), addDays(due, 1)])
    await scheduleTimer(tx, {
      kind: CALIBRATION_TIMER,
      // 09:00 China time on that day: a warning read at the start of the working day.
      dueAt: `${day}T01:00:00.000Z`,
      payload: { assetId: row.id, due },
      dedupeKey: `asset-calibration:${row.id}:${due}:${day}`,
    });
}

export function createAsset(ctx: AppContext, actor: HistoryActor, input: AssetInput): Promise<AssetTable> {
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const row: AssetTable = {
      id: newId(),
      kind: input.kind,
      type: input.type,
      name: input.name,
      serial_no: input.serialNo,
      region_id: input.regionId,
      partner_id: input.partnerId ?? null,
      person_id: input.personId ?? null,
      calibration_due: input.calibrationDue ?? null,
      status: 'in_service',
      created_at: now,
      updated_at: now,
    };
    await validate(tx, actor, row);
    await repo.insertAsset(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'asset',
      entityId: row.id,
      action: 'create',
      changes: diffRecords(null, row),
    });
    await scheduleWarnings(tx, row);
    return row;
  });
}

export interface AssetPatch {
  regionId?: string | undefined;
  personId?: string | null | undefined;
  calibrationDue?: string | undefined;
  status?: AssetStatus | undefined;
  reason?: string | undefined;
}

/** Reassigns, records a new calibration date or retires an asset; locked, then read. */
export function updateAsset(
  ctx: AppContext,
  actor: HistoryActor,
  id: string,
  patch: AssetPatch,
): Promise<AssetTable> {
  return inTransaction(ctx, async (tx) => {
    if (!(await repo.findVisibleAsset(tx.db, scopeOf(actor), id))) throw notFound('asset');
    const before = await repo.lockAsset(tx.db, tx.kit, id);
    if (!before) throw notFound('asset');
    if (before.status === 'retired')
      throw invalid([problem('status', '资产已报废，不能再修改', 'the asset is retired and cannot change')]);
    const after: AssetTable = {
      ...before,
      region_id: patch.regionId ?? before.region_id,
      person_id: patch.personId === undefined ? before.person_id : patch.personId,
      calibration_due: patch.calibrationDue ?? before.calibration_due,
      status: patch.status ?? before.status,
      updated_at: tx.clock.now().toISOString(),
    };
    await validate(tx, actor, after);
    // The same change sent twice changes nothing the second time: no write, no history entry.
    const changes = diffRecords(before, after);
    if (Object.keys(changes).length === 0) return before;
    await repo.saveAsset(tx.db, after);
    await recordHistory(tx, actor, {
      entityType: 'asset',
      entityId: id,
      action: 'update',
      changes,
      reason: patch.reason,
    });
    if (after.calibration_due !== before.calibration_due) await scheduleWarnings(tx, after);
    return after;
  });
}

export async function getAsset(ctx: AppContext, scope: Scope, id: string): Promise<AssetTable> {
  const row = await repo.findVisibleAsset(ctx.db, scope, id);
  if (!row) throw notFound('asset');
  return row;
}

export const listAssets = (ctx: AppContext, scope: Scope, f: repo.AssetFilter) =>
  repo.listAssets(ctx.db, scope, f);

/**
 * The warning timer: tells the carrier unless the date it was set for has since changed (a new
 * calibration was recorded) or the asset was retired.
 */
export function registerCalibrationTimer(): void {
  registerTimerHandler(CALIBRATION_TIMER, {
    async run(tx, timer) {
      const a = await repo.lockAsset(tx.db, tx.kit, String(timer.payload.assetId));
      if (a?.status !== 'in_service' || a.calibration_due !== timer.payload.due || !a.person_id) return;
      const lapsed = timer.dueAt.slice(0, 10) > (a.calibration_due ?? '');
      await notify(tx, {
        personIds: [a.person_id],
        kind: lapsed ? 'assets.calibration_lapsed' : 'assets.calibration_due',
        title: lapsed
          ? { 'zh-CN': `仪表校准已过期：${a.name}`, en: `Instrument calibration lapsed: ${a.name}` }
          : { 'zh-CN': `仪表即将到校准期：${a.name}`, en: `Instrument calibration due soon: ${a.name}` },
        body: {
          'zh-CN': `${a.name}（序列号 ${a.serial_no}）的校准有效期至 ${a.calibration_due}。`,
          en: `${a.name} (serial ${a.serial_no}) is calibrated until ${a.calibration_due}.`,
        },
        subjectType: 'asset',
        subjectId: a.id,
      });
      await recordHistory(
        tx,
        { system: 'assets' },
        {
          entityType: 'asset',
          entityId: a.id,
          action: lapsed ? 'calibration:lapsed' : 'calibration:warned',
          changes: {},
        },
      );
    },
  });
}

/** Dispatch check (DP-1 extension): an engineer carrying a lapsed instrument is not sent. */
export async function calibrationFindings(
  db: AppContext['db'],
  personIds: readonly string[],
  place: CandidatePlace,
): Promise<Map<string, CandidateFinding[]>> {
  const out = new Map<string, CandidateFinding[]>();
  for (const r of await repo.lapsedInstrumentsOf(db, personIds, place.day)) {
    if (!r.person_id) continue;
    out.set(r.person_id, [
      ...(out.get(r.person_id) ?? []),
      {
        code: 'instrument_out_of_calibration',
        label: {
          zh: `仪表校准已过期：${r.name}（${r.calibration_due} 到期）`,
          en: `instrument out of calibration: ${r.name} (due ${r.calibration_due})`,
        },
        blocking: true,
      },
    ]);
  }
  return out;
}
