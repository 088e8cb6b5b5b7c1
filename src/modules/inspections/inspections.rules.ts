/**
 * RS-5 rules, pure: recurrences as cron expressions, the occurrences of a plan, checklists and
 * the results an inspection is completed with, and the completion rate.
 */
import { Cron } from 'croner';
import { type FieldProblem, problem } from '../../shared/errors.ts';
import type { Recurrence } from './inspections.tables.ts';

/** Monthly: the 1st at 09:00 local; quarterly: the 1st of January, April, July and October. */
export const RECURRENCE_CRON: Record<Exclude<Recurrence, 'cron'>, string> = {
  monthly: '0 9 1 * *',
  quarterly: '0 9 1 1,4,7,10 *',
};

/** The cron expression of a recurrence, or the problem with the one given. */
export function cronOf(
  recurrence: Recurrence,
  cron: string | null | undefined,
): { cron: string } | FieldProblem {
  if (recurrence !== 'cron') return { cron: RECURRENCE_CRON[recurrence] };
  if (!cron)
    return problem('cron', '自定义周期需要填写 cron 表达式', 'a custom recurrence needs a cron expression');
  try {
    const job = new Cron(cron, { paused: true });
    const first = job.nextRun(new Date(0));
    const second = first ? job.nextRun(first) : null;
    job.stop();
    // Inspections more often than hourly would flood the field teams: that is not a plan.
    if (!first || !second || second.getTime() - first.getTime() < 3_600_000)
      return problem('cron', '巡检周期不能短于一小时', 'inspections cannot recur more often than hourly');
  } catch {
    return problem('cron', 'cron 表达式无效', 'the cron expression is not valid');
  }
  return { cron };
}

/** The first occurrence strictly after `after`, in the plan's time zone. */
export function nextAfter(cron: string, timeZone: string, after: Date | string): string | null {
  const job = new Cron(cron, { paused: true, timezone: timeZone });
  const next = job.nextRun(new Date(after));
  job.stop();
  return next ? next.toISOString() : null;
}

/** One item of an equipment class's checklist. */
export interface ChecklistEntry {
  key: string;
  label: string;
  /** What a good reading is, shown beside the item (e.g. "≤ -8 dBm"). */
  expected?: string | undefined;
}

/** What the engineer found for one item. */
export interface ChecklistResult {
  key: string;
  ok: boolean;
  reading?: string | undefined;
  note?: string | undefined;
  /** A fault that needs repair: it becomes a fault work order. */
  fault?: boolean | undefined;
}

export function checklistProblems(items: readonly ChecklistEntry[]): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  items.forEach((it, i) => {
    if (seen.has(it.key))
      out.push(problem(`items.${i}.key`, `检查项“${it.key}”重复`, `the item "${it.key}" appears twice`));
    seen.add(it.key);
  });
  return out;
}

/**
 * RS-5: an inspection is completed with an answer to every item of its checklist, no other;
 * an item not in order says why, and a fault is only raised on an item not in order.
 */
export function resultProblems(
  checklist: readonly ChecklistEntry[],
  results: readonly ChecklistResult[],
): FieldProblem[] {
  const out: FieldProblem[] = [];
  const known = new Set(checklist.map((c) => c.key));
  const answered = new Set<string>();
  results.forEach((r, i) => {
    if (!known.has(r.key))
      out.push(problem(`results.${i}.key`, `检查表中没有“${r.key}”`, `"${r.key}" is not on the checklist`));
    else if (answered.has(r.key))
      out.push(problem(`results.${i}.key`, `“${r.key}”填写了两次`, `"${r.key}" is answered twice`));
    answered.add(r.key);
    if (!r.ok && !r.note?.trim())
      out.push(
        problem(
          `results.${i}.note`,
          '不合格的检查项请说明情况',
          'say what is wrong with an item not in order',
        ),
      );
    if (r.ok && r.fault)
      out.push(
        problem(`results.${i}.fault`, '合格的检查项不能报故障', 'an item in order cannot raise a fault'),
      );
  });
  for (const c of checklist)
    if (!answered.has(c.key))
      out.push(problem('results', `检查项“${c.label}”未填写`, `the item "${c.label}" is not answered`));
  return out;
}

/** Inspections completed as planned: done by the time the next occurrence was due. */
export function completedAsPlanned(i: {
  state: string;
  completed_at: string | null;
  due_at: string;
}): boolean {
  return i.state === 'completed' && i.completed_at !== null && i.completed_at <= i.due_at;
}

/** Completion as a percentage with one decimal, null when nothing was planned (never a made-up 100). */
export function completionRate(done: number, planned: number): number | null {
  return planned === 0 ? null : Math.round((done / planned) * 1000) / 10;
}
