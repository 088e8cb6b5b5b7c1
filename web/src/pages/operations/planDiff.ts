/** What changed between two versions of an operation plan (MO-3: the old version stays visible). */

export interface PlanStepBody {
  title: string;
  expectedResult: string;
  rollbackStep: string;
  modifying?: boolean;
  tableTransfer?: boolean;
}

export interface PlanVersionBody {
  steps: PlanStepBody[];
  rollbackPlan: string;
  risk: { impact: string; affectedServices: string; affectedSubscribers: number; likelihood: string };
  verificationSteps: string[];
  /** The window the version was planned for (kept beside each version by the server). */
  window?: { start: string; end: string };
}

/** One difference: `what` is a label key with its values, `before`/`after` plain text. */
export interface PlanChange {
  what: 'window' | 'step' | 'stepAdded' | 'stepRemoved' | 'rollbackPlan' | 'risk' | 'verificationSteps';
  step?: number;
  before: string;
  after: string;
}

const stepText = (s: PlanStepBody) => `${s.title}：${s.expectedResult} / ${s.rollbackStep}`;
const riskText = (r: PlanVersionBody['risk']) =>
  `${r.impact} · ${r.affectedServices} · ${r.affectedSubscribers} · ${r.likelihood}`;

/** The changes from `prev` to `next`, steps compared by position (1-based in the result). */
export function planDiff(
  prev: PlanVersionBody,
  next: PlanVersionBody,
  formatWindow: (w: { start: string; end: string }) => string,
): PlanChange[] {
  const out: PlanChange[] = [];
  if (
    prev.window &&
    next.window &&
    (prev.window.start !== next.window.start || prev.window.end !== next.window.end)
  )
    out.push({ what: 'window', before: formatWindow(prev.window), after: formatWindow(next.window) });
  const n = Math.max(prev.steps.length, next.steps.length);
  for (let i = 0; i < n; i++) {
    const a = prev.steps[i];
    const b = next.steps[i];
    if (a && !b) out.push({ what: 'stepRemoved', step: i + 1, before: stepText(a), after: '' });
    else if (!a && b) out.push({ what: 'stepAdded', step: i + 1, before: '', after: stepText(b) });
    else if (a && b && stepText(a) !== stepText(b))
      out.push({ what: 'step', step: i + 1, before: stepText(a), after: stepText(b) });
  }
  if (prev.rollbackPlan !== next.rollbackPlan)
    out.push({ what: 'rollbackPlan', before: prev.rollbackPlan, after: next.rollbackPlan });
  if (riskText(prev.risk) !== riskText(next.risk))
    out.push({ what: 'risk', before: riskText(prev.risk), after: riskText(next.risk) });
  const v = (p: PlanVersionBody) => p.verificationSteps.join('、');
  if (v(prev) !== v(next)) out.push({ what: 'verificationSteps', before: v(prev), after: v(next) });
  return out;
}
