/** Intake checks that need the current time (WO-1). Pure: the time is passed in. */
import { type FieldProblem, problem } from '../../shared/errors.ts';

/** How far "when it began" may lie ahead of the server's clock: the reporter's clock may run fast. */
export const OCCURRED_AT_SKEW_MINUTES = 5;

/** WO-1 when: a problem cannot have begun in the future (beyond a small clock skew). */
export function occurredAtProblem(occurredAt: string | null | undefined, now: Date): FieldProblem | null {
  if (!occurredAt) return null;
  const at = Date.parse(occurredAt);
  if (Number.isNaN(at) || at <= now.getTime() + OCCURRED_AT_SKEW_MINUTES * 60_000) return null;
  return problem(
    'occurredAt',
    `发生时间（何时）不能晚于当前时间（允许 ${OCCURRED_AT_SKEW_MINUTES} 分钟误差）`,
    `when: the time the problem began cannot be in the future (${OCCURRED_AT_SKEW_MINUTES} minutes of clock skew allowed)`,
  );
}

/**
 * WO-13: an order on equipment whose maintenance contract ended before the order's local day is
 * not refused: it gets a scope review for a manager, with the expiry date in its reason.
 */
export function expiredContractReason(contractEndsOn: string | null, localDay: string): string | null {
  if (!contractEndsOn || contractEndsOn >= localDay) return null;
  return `维保合同已于 ${contractEndsOn} 到期，请经理决定是否受理及如何处理 / the maintenance contract expired on ${contractEndsOn}; a manager decides whether and how to proceed`;
}
