/**
 * Complaints (CS-1), pure: sources, the seed's categories (003), severities, the states and
 * what each step needs, deadlines from the policy, repeat detection. No I/O, no clock reads.
 */
export const COMPLAINT_SOURCES = ['hotline', 'customer_link', 'operator', 'engineer'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];
/** Seed 003's classes of customer voice. */
export const COMPLAINT_CATEGORIES = [
  'response_time',
  'not_resolved',
  'attitude',
  'technical_skill',
  'service_strategy',
  'compliance',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];
export const COMPLAINT_STATES = ['open', 'acknowledged', 'responded', 'resolved', 'closed'] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];

/** A repeat complaint is one about the same order or customer within this many days (CS-1). */
export const REPEAT_WINDOW_DAYS = 30;

/** The default minutes to acknowledge / respond / resolve by severity; compliance is one step stricter. */
const BY_SEVERITY: Record<ComplaintSeverity, [number, number, number]> = {
  high: [30, 4 * 60, 24 * 60],
  medium: [2 * 60, 24 * 60, 3 * 24 * 60],
  low: [4 * 60, 48 * 60, 7 * 24 * 60],
};

/** The default policy rows (category × severity), seeded by migration 0009 and then configurable. */
export function defaultPolicies(): Array<{
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  minutes: [number, number, number];
}> {
  return COMPLAINT_CATEGORIES.flatMap((category) =>
    COMPLAINT_SEVERITIES.map((severity) => {
      const stricter: ComplaintSeverity = severity === 'low' ? 'medium' : 'high';
      return { category, severity, minutes: BY_SEVERITY[category === 'compliance' ? stricter : severity] };
    }),
  );
}

/** The earliest instant a complaint counts as a repeat of another (REPEAT_WINDOW_DAYS before `at`). */
export function repeatWindowStart(at: Date): string {
  return new Date(at.getTime() - REPEAT_WINDOW_DAYS * 86_400_000).toISOString();
}

export type ComplaintStep = 'acknowledge' | 'respond' | 'resolve' | 'close';

const FROM: Record<ComplaintStep, readonly ComplaintState[]> = {
  acknowledge: ['open'],
  respond: ['open', 'acknowledged', 'responded'],
  resolve: ['acknowledged', 'responded'],
  close: ['resolved'],
};
const TO: Record<ComplaintStep, ComplaintState> = {
  acknowledge: 'acknowledged',
  respond: 'responded',
  resolve: 'resolved',
  close: 'closed',
};

export type StepRefusal = 'wrong_state' | 'no_root_cause' | 'no_reply' | 'open_actions';

/**
 * Whether a step may be taken now (CS-1): resolving needs a root cause and a reply to the
 * customer; closing needs every corrective action done.
 */
export function stepRefusal(
  c: { state: ComplaintState; root_cause: string | null; responded_at: string | null },
  step: ComplaintStep,
  openActions: number,
): StepRefusal | null {
  if (!FROM[step].includes(c.state)) return 'wrong_state';
  if (step === 'resolve' && !c.root_cause?.trim()) return 'no_root_cause';
  if (step === 'resolve' && !c.responded_at) return 'no_reply';
  if (step === 'close' && openActions > 0) return 'open_actions';
  return null;
}

export function nextState(step: ComplaintStep): ComplaintState {
  return TO[step];
}

/** Which deadlines are missed at `now` (a step done late stays missed). */
export function overdue(
  c: Pick<
    import('./complaints.tables.ts').ComplaintTable,
    'acknowledge_due' | 'respond_due' | 'resolve_due' | 'acknowledged_at' | 'responded_at' | 'resolved_at'
  >,
  now: string,
): { acknowledge: boolean; respond: boolean; resolve: boolean } {
  const late = (due: string, done: string | null) => (done ?? now) > due;
  return {
    acknowledge: late(c.acknowledge_due, c.acknowledged_at),
    respond: late(c.respond_due, c.responded_at),
    resolve: late(c.resolve_due, c.resolved_at),
  };
}

/** A complaint number from its instant and id: TS-YYYYMMDD-XXXXXX. */
export function complaintNumber(at: Date, id: string): string {
  return `TS-${at.toISOString().slice(0, 10).replace(/-/g, '')}-${id.replace(/-/g, '').slice(-6).toUpperCase()}`;
}
