/**
 * /api/v1/notifications: a person's inbox with unread counts, live push by server-sent events,
 * and (for administrators and auditors) the delivery record of every outgoing message.
 * There is no endpoint that deletes or withholds a notice.
 */
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zPage } from '../../http/schemas.ts';
import { nextCursorOf, zCursor } from '../../shared/cursor.ts';
import { LOCALES, type Locale } from '../../shared/i18n.ts';
import { hubFor } from './notifications.hub.ts';
import { OUTBOUND_CHANNELS, OUTBOUND_STATUSES } from './notifications.rules.ts';
import * as notifications from './notifications.service.ts';
import type { NotificationTable, OutboundMessageTable } from './notifications.tables.ts';

const zNotice = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  escalationId: z.string().nullable(),
  critical: z.boolean(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  /** The escalation level this notice announced (0: the first notice); null when not an escalation. */
  escalationLevel: z.number().int().nullable(),
  /** In the grouped inbox: how many notices this live item stands for, and how many are unread. */
  groupCount: z.number().int(),
  groupUnread: z.number().int(),
});

/** The API shape of a notice, in the reader's language. */
export function presentNotice(
  n: NotificationTable & { group_count?: number; group_unread?: number },
  locale: Locale,
): z.infer<typeof zNotice> {
  return {
    escalationLevel: n.escalation_level ?? null,
    groupCount: n.group_count ?? 1,
    groupUnread: n.group_unread ?? (n.read_at ? 0 : 1),
    id: n.id,
    kind: n.kind,
    title: locale === 'en' ? n.title_en : n.title_zh,
    body: locale === 'en' ? n.body_en : n.body_zh,
    subjectType: n.subject_type,
    subjectId: n.subject_id,
    escalationId: n.escalation_id,
    critical: n.critical === 1,
    createdAt: n.created_at,
    readAt: n.read_at,
  };
}

const zOutbound = z.object({
  id: z.string(),
  notificationId: z.string().nullable(),
  personId: z.string().nullable(),
  channel: z.enum(OUTBOUND_CHANNELS),
  to: z.string(),
  subject: z.string(),
  critical: z.boolean(),
  status: z.enum(OUTBOUND_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  notBefore: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

function presentOutbound(m: OutboundMessageTable): z.infer<typeof zOutbound> {
  return {
    id: m.id,
    notificationId: m.notification_id,
    personId: m.person_id,
    channel: m.channel,
    to: m.to_address,
    subject: m.subject,
    critical: m.critical === 1,
    status: m.status,
    attempts: m.attempts,
    lastError: m.last_error,
    notBefore: m.not_before,
    createdAt: m.created_at,
    sentAt: m.sent_at,
  };
}

/** How often an idle stream sends a comment, so proxies keep it open. */
const HEARTBEAT_MS = 25_000;

/** Streams new notices of one person as server-sent events until the client goes away. */
async function stream(
  ctx: AppContext,
  personId: string,
  locale: Locale,
  raw: import('node:http').ServerResponse,
) {
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const sent = new Set<string>();
  let closed = false;
  let busy: Promise<void> = Promise.resolve();
  const write = (event: string, data: unknown) => {
    if (!closed) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const push = async (first: boolean) => {
    const { items, unread } = await notifications.inbox(
      ctx,
      personId,
      { unreadOnly: false },
      { limit: 20, offset: 0 },
    );
    for (const n of items.reverse()) {
      if (sent.has(n.id)) continue;
      sent.add(n.id);
      if (!first) write('notification', presentNotice(n, locale));
    }
    write('unread', { unread });
  };
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(beat);
    raw.end();
  };
  const beat = setInterval(() => {
    if (!closed) raw.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  beat.unref();
  const unsubscribe = await hubFor(ctx.database).subscribe((who) => {
    if (who !== personId || closed) return;
    busy = busy.then(() => push(false)).catch(() => {});
  }, close);
  raw.on('close', () => {
    close();
    void unsubscribe();
  });
  busy = busy.then(() => push(true)).catch(() => {});
  await busy;
  write('ready', { ok: true });
}

export const notificationRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/notifications',
    summary:
      'My notices, newest first, with the unread count; grouped, repeated escalations of one order are one live item',
    tags: ['notifications'],
    auth: 'user',
    permission: 'notifications.read',
    query: z.strictObject({
      unread: z.enum(['true', 'false']).optional(),
      group: z.enum(['true', 'false']).optional(),
      cursor: zCursor.optional(),
      ...zPage,
    }),
    response: z.object({
      items: z.array(zNotice),
      total: z.number().int(),
      totalCapped: z.boolean(),
      nextCursor: z.string().nullable(),
      unread: z.number().int(),
    }),
    handler: async ({ ctx, actor, query, locale }) => {
      const r = await notifications.inbox(
        ctx,
        actor.personId,
        { unreadOnly: query.unread === 'true', grouped: query.group === 'true' },
        { limit: query.limit, offset: query.offset, cursor: query.cursor },
      );
      return {
        items: r.items.map((n) => presentNotice(n, locale)),
        total: r.total,
        totalCapped: r.totalCapped,
        nextCursor: nextCursorOf(r.items, query.limit, (n) => ({ key: n.created_at, id: n.id })),
        unread: r.unread,
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/notifications/unread-count',
    summary: 'How many of my notices are unread',
    tags: ['notifications'],
    auth: 'user',
    permission: 'notifications.read',
    response: z.object({ unread: z.number().int() }),
    handler: async ({ ctx, actor }) => ({ unread: await notifications.unreadCount(ctx, actor.personId) }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/notifications/stream',
    summary: 'Live push of my new notices (text/event-stream: events "notification", "unread", "ready")',
    tags: ['notifications'],
    auth: 'user',
    permission: 'notifications.read',
    produces: 'text/event-stream',
    // Browsers' EventSource cannot set Accept-Language; `lang` carries the chosen language.
    query: z.strictObject({ lang: z.enum(LOCALES).optional() }),
    handler: async ({ ctx, actor, locale, query, reply }) => {
      reply.hijack();
      await stream(ctx, actor.personId, query.lang ?? locale, reply.raw);
      return undefined;
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/notifications/:id/read',
    summary: 'Mark one of my notices read (reading does not acknowledge an escalation)',
    tags: ['notifications'],
    auth: 'user',
    permission: 'notifications.read',
    params: zIdParams,
    response: zNotice,
    handler: async ({ ctx, actor, params, locale }) =>
      presentNotice(await notifications.markRead(ctx, actor.personId, params.id), locale),
  }),
  route({
    method: 'POST',
    url: '/api/v1/notifications/read-all',
    summary: 'Mark all my notices read',
    tags: ['notifications'],
    auth: 'user',
    permission: 'notifications.read',
    response: z.object({ marked: z.number().int() }),
    handler: async ({ ctx, actor }) => ({ marked: await notifications.markAllRead(ctx, actor.personId) }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/outbound-messages',
    summary: 'Every outgoing e-mail and SMS with its delivery status, attempts and last error',
    tags: ['notifications'],
    auth: 'user',
    permission: 'notifications.admin',
    query: z.strictObject({
      status: z.enum(OUTBOUND_STATUSES).optional(),
      channel: z.enum(OUTBOUND_CHANNELS).optional(),
      notificationId: zId.optional(),
      ...zPage,
    }),
    response: z.object({ items: z.array(zOutbound), total: z.number().int() }),
    handler: async ({ ctx, actor, query }) => {
      const { limit, offset, ...filter } = query;
      const r = await notifications.outboundMessages(ctx, actor.scope, filter, { limit, offset });
      return { items: r.items.map(presentOutbound), total: r.total };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/sms-outbox',
    summary:
      'The development SMS outbox: messages that would have gone to a gateway (no SMS_WEBHOOK_URL set)',
    tags: ['notifications'],
    auth: 'user',
    permission: 'notifications.admin',
    query: z.strictObject({ ...zPage }),
    response: z.object({
      items: z.array(
        z.object({
          id: z.string(),
          messageId: z.string(),
          to: z.string(),
          body: z.string(),
          createdAt: z.string(),
        }),
      ),
    }),
    handler: async ({ ctx, actor, query }) => {
      const rows = await notifications.smsOutbox(ctx, actor.scope, {
        limit: query.limit,
        offset: query.offset,
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          messageId: r.message_id,
          to: r.to_address,
          body: r.body,
          createdAt: r.created_at,
        })),
      };
    },
  }),
];
