/** RS-2 rules, pure: what an asset record must hold, and where its calibration stands on a day. */
import { type FieldProblem, problem } from '../../shared/errors.ts';
import type { AssetKind } from './assets.tables.ts';

/** Days before a lapse when the carrier is warned and the list marks it "due soon". */
export const WARN_DAYS = 30;

export type CalibrationState = 'none' | 'valid' | 'due_soon' | 'lapsed';

/** Adds days to a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Where a calibration stands on a local day: lapsed once the due day has passed. */
export function calibrationState(due: string | null, today: string): CalibrationState {
  if (!due) return 'none';
  if (due < today) return 'lapsed';
  return addDays(today, WARN_DAYS) >= due ? 'due_soon' : 'valid';
}

/** An instrument needs its calibration date; a vehicle or kit has none. */
export function calibrationProblems(kind: AssetKind, due: string | null | undefined): FieldProblem[] {
  if (kind === 'instrument' && !due)
    return [
      problem('calibrationDue', '仪表必须填写校准到期日', 'an instrument needs its calibration due date'),
    ];
  if (kind !== 'instrument' && due)
    return [problem('calibrationDue', '只有仪表需要校准', 'only instruments are calibrated')];
  return [];
}

/** A partner's asset goes only to that partner's people, the vendor's only to its own staff. */
export function carrierProblems(assetPartner: string | null, personPartner: string | null): FieldProblem[] {
  if (assetPartner === personPartner) return [];
  return [problem('personId', '只能配发给资产所属单位的人员', "the person must belong to the asset's owner")];
}
