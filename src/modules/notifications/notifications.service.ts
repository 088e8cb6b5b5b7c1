/**
 * Notices to people: an inbox row per person (read in the app, pushed live), plus e-mail and
 * SMS queued in the same transaction and sent by durable timers — so a notice queued before a
 * crash is still sent after it, every attempt is recorded, and failures retry with backoff.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { registerTimerHandler, scheduleTimer, type TimerHandler } from '../../jobs/timers.ts';
import type { Cursor } from '../../shared/cursor.ts';
import { notFound } from '../../shared/errors.ts';
import type { Bilingual } from '../../shared/i18n.ts';
import { newId } from '../../shared/ids.ts';
import type { Scope } from '../access/policy.ts';
import { ChannelNotConfigured, deliver } from './notifications.channels.ts';
import { hubFor } from './notifications.hub.ts';
import * as repo from './notifications.repository.ts';
import { type OutboundChannel, sendableAt } from './notifications.rules.ts';
import { notifySettings } from './notifications.settings.ts';
import type { NotificationTable, OutboundMessageTable } from './notifications.tables.ts';

export const SEND_TIMER = 'outbound.send';
const MAX_SEND_ATTEMPTS = 8;

/** A notice to one or more people. */
export interface NoticeInput {
  personIds: string[];
  kind: string;
  title: Bilingual;
  body: Bilingual;
  subjectType?: string | null;
  subjectId?: string | null;
  escalationId?: string | null;
  /** Critical notices ignore quiet hours and always go by SMS too (SL-3, MO-9). */
  critical?: boolean;
  /** Also send by SMS (escalations); critical implies it. */
  sms?: boolean;
  /** The region the notice is about, so that channels bound to a region (group robots) can choose. */
  regionId?: string | null;
  /** Notices sharing a key (repeated escalations of one order) show as one live item in the inbox. */
  groupKey?: string | null;
  /** The escalation level the notice announces (0 = first notice). */
  escalationLevel?: number | null;
}

/** A notice as recorded, for channels that post once per notice rather than once per person. */
export interface RecordedNotice extends NoticeInput {
  /** Mobile numbers of the people it went to. */
  recipientPhones: string[];
}

/** Something that also delivers a notice, inside the notice's transaction (group robots). */
export type NoticeFanout = (tx: AppContext, notice: RecordedNotice) => Promise<void>;

const fanouts: NoticeFanout[] = [];

/** Adds a channel that hears every notice. Called from a capability's `register`. */
export function registerNoticeFanout(fn: NoticeFanout): void {
  if (!fanouts.includes(fn)) fanouts.push(fn);
}

/**
 * Records notices and queues their e-mail/SMS. Call with the transaction of the change that
 * causes them: the notice exists exactly when the change does. Returns the notification ids.
 */
export async function notify(ctx: AppContext, input: NoticeInput): Promise<string[]> {
  const ids = [...new Set(input.personIds)];
  // With nobody to tell in person, channels that post to a group still hear of it.
  if (ids.length === 0 && fanouts.length === 0) return [];
  return inTransaction(ctx, async (tx) => {
    const people = ids.length ? (await repo.recipients(tx.db, ids)).filter((p) => p.active === 1) : [];
    const settings = notifySettings(tx.database);
    const now = tx.clock.now();
    const nowIso = now.toISOString();
    const critical = input.critical === true;
    const rows: NotificationTable[] = [];
    const out: OutboundMessageTable[] = [];
    for (const p of people) {
      const id = newId(now.getTime());
      rows.push({
        id,
        person_id: p.id,
        kind: input.kind,
        title_zh: input.title['zh-CN'],
        title_en: input.title.en,
        body_zh: input.body['zh-CN'],
        body_en: input.body.en,
        subject_type: input.subjectType ?? null,
        subject_id: input.subjectId ?? null,
        escalation_id: input.escalationId ?? null,
        critical: critical ? 1 : 0,
        created_at: nowIso,
        read_at: null,
        group_key: input.groupKey ?? null,
        escalation_level: input.escalationLevel ?? null,
      });
      const lang = p.locale === 'en' ? 'en' : 'zh-CN';
      const notBefore = new Date(
        sendableAt(now.getTime(), p.time_zone ?? settings.defaultTimeZone, settings.quietHours, critical),
      ).toISOString();
      const base: Omit<OutboundMessageTable, 'id' | 'channel' | 'to_address'> = {
        notification_id: id,
        person_id: p.id,
        subject: (critical ? (lang === 'en' ? '[CRITICAL] ' : '【紧急】') : '') + input.title[lang],
        body: input.body[lang],
        critical: critical ? 1 : 0,
        status: 'queued',
        attempts: 0,
        last_error: null,
        not_before: notBefore,
        provider_ref: null,
        created_at: nowIso,
        sent_at: null,
      };
      // Without an SMTP server there is no e-mail channel: the inbox entry is the delivery, rather
      // than a queue of messages that can only fail and be retried.
      if (p.email && settings.smtpUrl) {
        out.push({ ...base, id: newId(now.getTime()), channel: 'email', to_address: p.email });
      }
      if (p.phone && (critical || input.sms))
        out.push({ ...base, id: newId(now.getTime()), channel: 'sms', to_address: p.phone });
    }
    await repo.insertNotifications(tx.db, rows);
    await repo.insertOutbound(tx.db, out);
    for (const m of out) {
      await scheduleTimer(tx, {
        kind: SEND_TIMER,
        dueAt: m.not_before,
        payload: { messageId: m.id },
        dedupeKey: `send:${m.id}`,
      });
    }
    const recipientPhones = people.flatMap((p) => (p.phone ? [p.phone] : []));
    for (const fanout of fanouts) await fanout(tx, { ...input, recipientPhones });
    const hub = hubFor(tx.database);
    for (const p of people) await hub.publish(tx, p.id);
    return rows.map((r) => r.id);
  });
}

/**
 * Queues one message to an address that is not a person of ours (a customer's contact phone or
 * e-mail), in the caller's transaction, to be sent by the same durable timer as notices.
 * Callers check customer-facing text first (CW-1). Returns the message id.
 */
export async function queueDirectMessage(
  tx: AppContext,
  input: { channel: OutboundChannel; to: string; subject: string; body: string },
): Promise<string> {
  const now = tx.clock.now();
  const id = newId(now.getTime());
  await repo.insertOutbound(tx.db, [
    {
      id,
      notification_id: null,
      person_id: null,
      channel: input.channel,
      to_address: input.to,
      subject: input.subject,
      body: input.body,
      critical: 0,
      status: 'queued',
      attempts: 0,
      last_error: null,
      not_before: now.toISOString(),
      provider_ref: null,
      created_at: now.toISOString(),
      sent_at: null,
    },
  ]);
  await scheduleTimer(tx, {
    kind: SEND_TIMER,
    dueAt: now.toISOString(),
    payload: { messageId: id },
    dedupeKey: `send:${id}`,
  });
  return id;
}

/**
 * Sends one queued message. E-mail cannot join a database transaction, so it is guarded by the
 * message status (a sent message is never sent again); the SMS outbox write and the status
 * change commit together.
 */
const sendTimer: TimerHandler = {
  transactional: false,
  maxAttempts: MAX_SEND_ATTEMPTS,
  async run(ctx, timer) {
    const id = String(timer.payload.messageId);
    const msg = await repo.findOutbound(ctx.db, id);
    if (!msg || msg.status === 'sent') return;
    const now = () => ctx.clock.now().toISOString();
    try {
      if (msg.channel === 'sms' && !notifySettings(ctx.database).smsWebhookUrl) {
        await inTransaction(ctx, async (tx) => {
          const claimed = await repo.markSentIfQueued(tx.db, id, now(), msg.attempts + 1);
          if (!claimed) return;
          const ref = await deliver(tx, msg);
          await repo.updateOutbound(tx.db, id, { provider_ref: ref });
        });
        return;
      }
      const ref = await deliver(ctx, msg);
      await repo.updateOutbound(ctx.db, id, {
        status: 'sent',
        sent_at: now(),
        attempts: msg.attempts + 1,
        provider_ref: ref,
        last_error: null,
      });
    } catch (err) {
      const last = timer.attempts >= MAX_SEND_ATTEMPTS;
      const reason = err instanceof ChannelNotConfigured ? err.message : (err as Error).message;
      await repo.updateOutbound(ctx.db, id, {
        attempts: msg.attempts + 1,
        last_error: String(reason).slice(0, 1000),
        ...(last ? { status: 'failed' } : {}),
      });
      throw err;
    }
  },
};

/** A person's inbox, newest first, with the unread count. */
export async function inbox(
  ctx: AppContext,
  personId: string,
  filter: { unreadOnly: boolean; afterId?: string | undefined; grouped?: boolean | undefined },
  page: { limit: number; offset: number; cursor?: Cursor | undefined },
) {
  const [list, unread] = await Promise.all([
    repo.listInbox(ctx.db, personId, filter, page),
    repo.unreadCount(ctx.db, personId),
  ]);
  return { ...list, unread };
}

/** Unread notices of a person. */
export function unreadCount(ctx: AppContext, personId: string): Promise<number> {
  return repo.unreadCount(ctx.db, personId);
}

/** Marks one of the person's notices read (reading never stops an escalation; acknowledging does). */
export async function markRead(ctx: AppContext, personId: string, id: string): Promise<NotificationTable> {
  const row = await repo.findNotification(ctx.db, personId, id);
  if (!row) throw notFound('notification');
  if (!row.read_at) await repo.markRead(ctx.db, personId, id, ctx.clock.now().toISOString());
  return (await repo.findNotification(ctx.db, personId, id)) ?? row;
}

/** Marks all of the person's notices read; returns how many changed. */
export function markAllRead(ctx: AppContext, personId: string): Promise<number> {
  return repo.markRead(ctx.db, personId, null, ctx.clock.now().toISOString());
}

/** Outgoing messages and their delivery status; a partner's or customer's people see only messages to their own people. */
export function outboundMessages(
  ctx: AppContext,
  scope: Scope,
  filter: Parameters<typeof repo.listOutbound>[2],
  page: { limit: number; offset: number },
) {
  return repo.listOutbound(ctx.db, scope, filter, page);
}

/** The development SMS outbox, newest first, narrowed like `outboundMessages`. */
export function smsOutbox(ctx: AppContext, scope: Scope, page: { limit: number; offset: number }) {
  return repo.listSmsOutbox(ctx.db, scope, page);
}

/** The outgoing-message timer. Called from the capability's `register`. */
export function registerNotificationTimers(): void {
  registerTimerHandler(SEND_TIMER, sendTimer);
}
