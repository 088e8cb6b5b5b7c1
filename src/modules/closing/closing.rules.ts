/** Pure closing rules (WO-9). */

/** How a sign-off or rating was recorded: by staff on the order, or by the customer through the link. */
export const CLOSING_VIAS = ['staff', 'link'] as const;
export type Via = (typeof CLOSING_VIAS)[number];

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
