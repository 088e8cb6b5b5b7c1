/**
 * RS-6 rules, pure: which orders are accepted this way, when the customer may sign, and what
 * may change once they have.
 */
import { type FieldProblem, problem } from '../../shared/errors.ts';

/** Engineering orders whose work is handed over with an acceptance record. */
export const ENGINEERING_TYPES: readonly string[] = [
  'eng_installation',
  'eng_commissioning',
  'eng_acceptance',
];

/** Tests, memos and documents are recorded while the engineer works on site. */
export const RECORDING_STATES: readonly string[] = ['on_site', 'service_restored', 'resolved'];

export function typeProblem(type: string): FieldProblem | null {
  return ENGINEERING_TYPES.includes(type)
    ? null
    : problem(
        'type',
        '只有工程安装、调测、验收工单需要验收记录',
        'only engineering installation, commissioning and acceptance orders have an acceptance record',
      );
}

/** RS-6: a signed acceptance never changes; everything after signing is refused. */
export function signedProblem(state: string): FieldProblem | null {
  return state === 'signed'
    ? problem(
        'acceptance',
        '验收记录已由客户签字，不能再修改',
        'the customer has signed the acceptance; it cannot change',
      )
    : null;
}

/**
 * The customer signs when something was measured and the latest measurement of every item
 * passed (a failed item is measured again after the fix, the new record stands).
 */
export function signProblems(
  tests: readonly { item: string; passed: number; recorded_at: string }[],
): FieldProblem[] {
  if (tests.length === 0)
    return [
      problem(
        'tests',
        '还没有任何测试记录，不能签字验收',
        'nothing has been measured yet; there is nothing to sign',
      ),
    ];
  const latest = new Map<string, { passed: number; recorded_at: string }>();
  for (const t of tests) {
    const seen = latest.get(t.item);
    if (!seen || seen.recorded_at <= t.recorded_at) latest.set(t.item, t);
  }
  const failed = [...latest.entries()].filter(([, t]) => !t.passed).map(([item]) => item);
  return failed.length
    ? [
        problem(
          'tests',
          `以下测试项未通过，复测合格后才能签字：${failed.join('、')}`,
          `these items did not pass; measure them again once fixed before signing: ${failed.join(', ')}`,
        ),
      ]
    : [];
}
