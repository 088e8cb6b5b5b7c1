/** Pure closing rules (WO-9). */

/** One day's site log as the report draft reads it. */
export interface LogLine {
  date: string;
  engineer: string;
  workDone: string;
}

/**
 * WO-9: the report's "work done" drafted from the site's daily logs (WO-8), oldest first, one
 * line per engineer and day, so the dispatcher edits what was recorded instead of retyping it.
 */
export function draftWorkDone(logs: LogLine[]): string {
  return [...logs]
    .sort((a, b) => a.date.localeCompare(b.date) || a.engineer.localeCompare(b.engineer))
    .map((l) => `${l.date} ${l.engineer}：${l.workDone.trim()}`)
    .join('\n');
}
