/**
 * Names of the clock kinds that belong to records other than work orders (MO-13 leftovers), and
 * the wording of their notices. Kept apart from the service so the clock start/stop helpers and
 * the due timers share it without importing each other.
 */
import { entityNames } from '../../http/messages.ts';
import type { Bilingual } from '../../shared/i18n.ts';
import type { OrderClockTable } from './deadlines.tables.ts';

/** The subject type of every clock started by the work-order state machine. */
export const WORK_ORDER_SUBJECT = 'work_order';

const kindLabels = new Map<string, Bilingual>();

/** A capability names its own clock kind once (from its `register`), so notices read plainly. */
export function registerSubjectClockKind(kind: string, label: Bilingual): void {
  kindLabels.set(kind, label);
}

export function isWorkOrderClock(c: Pick<OrderClockTable, 'subject_type'>): boolean {
  return c.subject_type === WORK_ORDER_SUBJECT;
}

/** Title and body of the notice a non-work-order clock sends when it is near or past its due time. */
export function subjectClockNotice(
  c: OrderClockTable,
  moment: 'near' | 'breached',
): { title: Bilingual; body: Bilingual } {
  const what = entityNames[c.subject_type] ?? { 'zh-CN': '记录', en: 'record' };
  const kind = kindLabels.get(c.kind) ?? { 'zh-CN': '事项', en: 'item' };
  const due = c.due_at ?? '';
  if (moment === 'near')
    return {
      title: {
        'zh-CN': `${what['zh-CN']}${kind['zh-CN']}即将到期：${c.order_label}`,
        en: `A ${kind.en} of a ${what.en} is nearly due: ${c.order_label}`,
      },
      body: {
        'zh-CN': `到期时间 ${due}，请尽快处理并关闭。`,
        en: `It is due at ${due}; please resolve and close it soon.`,
      },
    };
  return {
    title: {
      'zh-CN': `${what['zh-CN']}${kind['zh-CN']}已逾期：${c.order_label}`,
      en: `A ${kind.en} of a ${what.en} is overdue: ${c.order_label}`,
    },
    body: {
      'zh-CN': `到期时间 ${due} 已过，请立即处理并确认。`,
      en: `It was due at ${due}; act now and acknowledge.`,
    },
  };
}
