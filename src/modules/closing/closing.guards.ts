/**
 * WO-9 as transition guards: signed_off needs the customer's sign-off since the last resolve;
 * closed needs a rating or recorded refusal, and the report of the order's type generated
 * after the sign-off (so it carries the signature).
 */

import { reportProblems, satisfactionProblems, signOffProblems } from '../onsite/onsite.rules.ts';
import { reportTitles, requiredReport } from '../reports/reports.rules.ts';
import { reportsOf } from '../reports/reports.service.ts';
import { registerTransitionGuard } from '../work-orders/work-orders.service.ts';
import { currentRating, currentSignOff } from './closing.service.ts';

let registered = false;

/** The sign-off a generated report carries (recorded in its content when it was made). */
function reportSignOffId(content: string): string | null {
  try {
    const parsed = JSON.parse(content) as { signOffId?: unknown };
    return typeof parsed.signOffId === 'string' ? parsed.signOffId : null;
  } catch {
    return null;
  }
}

/** Registers the closing guards with the work-order state machine (idempotent). */
export function registerClosingGuards(): void {
  if (registered) return;
  registered = true;

  registerTransitionGuard('signed_off', async (tx, order) =>
    signOffProblems(Boolean(await currentSignOff(tx, order))),
  );

  registerTransitionGuard('closed', async (tx, order) => {
    const signOff = await currentSignOff(tx, order);
    const rating = await currentRating(tx, order);
    const type = requiredReport(order.type);
    let present = false;
    if (type && signOff) {
      present = (await reportsOf(tx, order.id)).some(
        (r) => r.report_type === type && reportSignOffId(r.content) === signOff.id,
      );
    }
    const title = type ? reportTitles[type] : null;
    return [
      ...signOffProblems(Boolean(signOff)),
      ...satisfactionProblems(Boolean(rating)),
      ...reportProblems(title ? { zh: title['zh-CN'], en: title.en } : null, present),
    ];
  });
}
