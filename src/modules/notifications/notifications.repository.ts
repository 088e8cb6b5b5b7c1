/** All SQL for notices and outgoing messages. */
import { type Kysely, sql } from 'kysely';
import { afterCursor, type CappedCount, cappedCount } from '../../db/paging.ts';
import type { DB } from '../../db/schema.ts';
import type { Cursor } from '../../shared/cursor.ts';
import type { Scope } from '../access/policy.ts';
import type { OutboundChannel, OutboundStatus } from './notifications.rules.ts';
import type { NotificationTable, OutboundMessageTable } from './notifications.tables.ts';

export async function insertNotifications(db: Kysely<DB>, rows: NotificationTable[]): Promise<void> {
  if (rows.length) await db.insertInto('notifications').values(rows).execute();
}

export async function insertOutbound(db: Kysely<DB>, rows: OutboundMessageTable[]): Promise<void> {
  if (rows.length) await db.insertInto('outbound_messages').values(rows).execute();
}

export function recipients(db: Kysely<DB>, ids: string[]) {
  return db
    .selectFrom('people')
    .select(['id', 'email', 'phone', 'locale', 'time_zone', 'active', 'display_name'])
    .where('id', 'in', ids)
    .execute();
}

/** A notice in the inbox list, with the size of its group (1 for a notice on its own). */
export type InboxRow = NotificationTable & { group_count: number; group_unread: number };

/**
 * A person's notices, newest first. Grouped, the repeated escalations of one subject show as one
 * live item — the newest notice, with how many there were and how many are unread — so nothing
 * is suppressed and nothing piles up.
 */
export async function listInbox(
  db: Kysely<DB>,
  personId: string,
  filter: { unreadOnly: boolean; afterId?: string | undefined; grouped?: boolean | undefined },
  page: { limit: number; offset: number; cursor?: Cursor | undefined },
): Promise<{ items: InboxRow[] } & CappedCount> {
  let q = db.selectFrom('notifications').where('person_id', '=', personId);
  if (filter.unreadOnly) q = q.where('read_at', 'is', null);
  if (filter.afterId) q = q.where('id', '>', filter.afterId);
  if (!filter.grouped) {
    const [items, counted] = await Promise.all([
      afterCursor(q.selectAll(), 'created_at', 'id', page.cursor)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(page.limit)
        .offset(page.cursor ? 0 : page.offset)
        .execute(),
      cappedCount(db, q),
    ]);
    return {
      items: items.map((n) => ({ ...n, group_count: 1, group_unread: n.read_at ? 0 : 1 })),
      ...counted,
    };
  }
  const groups = q
    .select((eb) => [
      sql<string>`coalesce(group_key, id)`.as('k'),
      eb.fn.max('id').as('last_id'),
      eb.fn.countAll<number>().as('group_count'),
      sql<number>`sum(case when read_at is null then 1 else 0 end)`.as('group_unread'),
    ])
    .groupBy(sql`coalesce(group_key, id)`);
  const grouped = db.selectFrom('notifications as n').innerJoin(groups.as('g'), 'g.last_id', 'n.id');
  const [items, counted] = await Promise.all([
    afterCursor(
      grouped.selectAll('n').select(['g.group_count', 'g.group_unread']),
      'n.created_at',
      'n.id',
      page.cursor,
    )
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(page.limit)
      .offset(page.cursor ? 0 : page.offset)
      .execute(),
    cappedCount(db, grouped),
  ]);
  return {
    items: items.map((r) => ({
      ...r,
      group_count: Number(r.group_count),
      group_unread: Number(r.group_unread),
    })),
    ...counted,
  };
}

/** Unread live items of a person: repeated escalations of one subject count once. */
export async function unreadCount(db: Kysely<DB>, personId: string): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select(sql<number>`count(distinct coalesce(group_key, id))`.as('n'))
    .where('person_id', '=', personId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks one notice read (with the rest of its group: the person saw one live item), or all. */
export async function markRead(db: Kysely<DB>, personId: string, id: string | null, at: string) {
  let q = db.updateTable('notifications').set({ read_at: at }).where('person_id', '=', personId);
  q = q.where('read_at', 'is', null);
  if (id) {
    const target = await findNotification(db, personId, id);
    const key = target?.group_key ?? null;
    q = key ? q.where((eb) => eb.or([eb('id', '=', id), eb('group_key', '=', key)])) : q.where('id', '=', id);
  }
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function findNotification(db: Kysely<DB>, personId: string, id: string) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export function findOutbound(db: Kysely<DB>, id: string) {
  return db.selectFrom('outbound_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateOutbound(db: Kysely<DB>, id: string, patch: Partial<OutboundMessageTable>) {
  await db.updateTable('outbound_messages').set(patch).where('id', '=', id).execute();
}

/**
 * Ids of the people whose messages a scope may read: a partner's or customer's own people only;
 * null for own staff, who read everyone's.
 */
function recipientsIn(db: Kysely<DB>, scope: Scope) {
  switch (scope.kind) {
    case 'all':
      return null;
    case 'partner':
      return db.selectFrom('people').select('id').where('partner_id', '=', scope.partnerId);
    case 'customer':
      return db.selectFrom('people').select('id').where('customer_id', '=', scope.customerId);
    default: {
      const never: never = scope;
      return never;
    }
  }
}

export async function listOutbound(
  db: Kysely<DB>,
  scope: Scope,
  filter: {
    status?: OutboundStatus | undefined;
    notificationId?: string | undefined;
    channel?: OutboundChannel | undefined;
  },
  page: { limit: number; offset: number },
) {
  let q = db.selectFrom('outbound_messages');
  const recipients = recipientsIn(db, scope);
  if (recipients) q = q.where('person_id', 'in', recipients);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.notificationId) q = q.where('notification_id', '=', filter.notificationId);
  if (filter.channel) q = q.where('channel', '=', filter.channel);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function listSmsOutbox(db: Kysely<DB>, scope: Scope, page: { limit: number; offset: number }) {
  let q = db.selectFrom('sms_outbox');
  const recipients = recipientsIn(db, scope);
  if (recipients) {
    q = q.where(
      'message_id',
      'in',
      db.selectFrom('outbound_messages').select('id').where('person_id', 'in', recipients),
    );
  }
  return q
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** Marks a queued message sent; false when it was not queued any more (someone else sent it). */
export async function markSentIfQueued(db: Kysely<DB>, id: string, at: string, attempts: number) {
  const r = await db
    .updateTable('outbound_messages')
    .set({ status: 'sent', sent_at: at, attempts, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
