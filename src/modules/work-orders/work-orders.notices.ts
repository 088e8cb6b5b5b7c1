/**
 * Customer notices (WO-4, WO-5, WO-13): every text passes the wording guard and standard texts
 * come from templates. Kept together so the texts move onto message templates in one place.
 */
import type { AppContext } from '../../app/context.ts';
import type { Bilingual } from '../../shared/i18n.ts';
import { newId } from '../../shared/ids.ts';
import type { HistoryActor } from '../access/policy.ts';
import { personIdOf } from '../access/principal.ts';
import { recordHistory } from '../history/history.service.ts';
import type { WorkOrderRow } from './work-orders.common.ts';
import * as repo from './work-orders.repository.ts';
import type { CustomerNoticeChannel } from './work-orders.rules.ts';
import type { CustomerNoticeTable } from './work-orders.tables.ts';

/**
 * The check a customer-facing text passes before it leaves (CW-1). The wording capability sets
 * it at registration; it throws to refuse a text, or records a supervisor's override.
 */
export type CustomerTextGuard = (
  tx: AppContext,
  actor: HistoryActor,
  order: Pick<WorkOrderRow, 'id'>,
  texts: Array<{ field: string; text: string }>,
  override: { reason: string } | null | undefined,
) => Promise<unknown>;
let customerTextGuard: CustomerTextGuard | null = null;

/** Sets the check every customer notice passes (the wording capability calls it once). */
export function setCustomerTextGuard(guard: CustomerTextGuard): void {
  customerTextGuard = guard;
}

/** Renders a standard customer text from its template (CW-3); the templates capability sets it. */
export type NoticeRenderer = (
  tx: AppContext,
  code: string,
  values: Record<string, string>,
) => Promise<Bilingual>;
let noticeRenderer: NoticeRenderer | null = null;

/** Sets how standard notices are rendered (the templates capability calls it once). */
export function setNoticeRenderer(renderer: NoticeRenderer): void {
  noticeRenderer = renderer;
}

/** The text of a standard notice from its template; a missing value or template is refused. */
export function renderNotice(
  tx: AppContext,
  code: string,
  values: Record<string, string>,
): Promise<Bilingual> {
  if (!noticeRenderer) throw new Error('standard notices need the templates capability');
  return noticeRenderer(tx, code, values);
}

/** A notice to the customer contact about their order (WO-4, WO-5, WO-13; H6 uses it for WO-11 updates). */
export async function recordCustomerNotice(
  tx: AppContext,
  actor: HistoryActor,
  order: Pick<WorkOrderRow, 'id' | 'contact_name' | 'contact_phone'>,
  notice: {
    kind: string;
    body: Bilingual;
    channel?: CustomerNoticeChannel;
    /** The request field the person's words came from, named when the wording check refuses them. */
    field?: string;
    /** The field of the English text, when the person wrote it separately. */
    fieldEn?: string;
    /** A supervisor sends a text that failed the wording check anyway (recorded with its reason). */
    wordingOverride?: { reason: string } | null;
  },
): Promise<CustomerNoticeTable> {
  if (customerTextGuard) {
    const field = notice.field ?? 'message';
    const texts = [{ field, text: notice.body['zh-CN'] }];
    if (notice.body.en !== notice.body['zh-CN'])
      texts.push({ field: notice.fieldEn ?? field, text: notice.body.en });
    await customerTextGuard(tx, actor, order, texts, notice.wordingOverride);
  }
  const row: CustomerNoticeTable = {
    id: newId(),
    order_id: order.id,
    kind: notice.kind,
    recipient_name: order.contact_name,
    recipient_phone: order.contact_phone,
    channel: notice.channel ?? 'phone',
    body_zh: notice.body['zh-CN'],
    body_en: notice.body.en,
    created_by: personIdOf(actor),
    created_at: tx.clock.now().toISOString(),
  };
  await repo.insertNotice(tx.db, row);
  await recordHistory(tx, actor, {
    entityType: 'work_order',
    entityId: order.id,
    action: 'customer_notice',
    changes: {
      notice: [null, { kind: row.kind, channel: row.channel, to: row.recipient_name, text: row.body_zh }],
    },
  });
  return row;
}

/** Notices sent to the customer about one order. */
export function noticesOf(ctx: AppContext, orderId: string) {
  return repo.noticesOf(ctx.db, orderId);
}
