import { type Kysely, sql } from 'kysely';
import { CN_2026 } from '../../modules/calendars/calendars.cn.ts';
import { STANDARD_DAY } from '../../modules/calendars/calendars.rules.ts';
import {
  ALWAYS_CALENDAR,
  DEFAULT_LADDER,
  DEFAULT_POLICIES,
  STANDARD_CALENDAR,
} from '../../modules/deadlines/deadlines.defaults.ts';
import { newId } from '../../shared/ids.ts';
import type { DialectKit } from '../dialect.ts';

/** Durable timers, calendars, deadline policies and clocks, escalation, notifications (SL-1…SL-5, WO-10, WO-11). */
export async function up(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  const ts = d.types.timestamp;

  await db.schema
    .createTable('timers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('due_at', ts, (c) => c.notNull())
    .addColumn('locked_until', ts)
    .addColumn('locked_by', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('fired_at', ts)
    .addColumn('dead_at', ts)
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  // Partial index: only timers still to fire are in it, so a sweep costs what is due, not what exists.
  await db.schema
    .createIndex('timers_due')
    .on('timers')
    .column('due_at')
    .where(sql.ref('fired_at'), 'is', null)
    .where(sql.ref('dead_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('calendars')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('24x7','business')`))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('week_hours', 'text', (c) => c.notNull())
    .addColumn('makeup_hours', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('calendar_days')
    .addColumn('calendar_id', 'text', (c) => c.notNull().references('calendars.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday','workday')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('calendar_days_pk', ['calendar_id', 'day'])
    .execute();

  await db.schema
    .createTable('deadline_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_type', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('area_class', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('calendar_id', 'text', (c) => c.notNull().references('calendars.id'))
    .addColumn('at_risk_percent', 'integer', (c) => c.notNull().defaultTo(25))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('deadline_policies_key', ['order_type', 'severity', 'area_class', 'kind'])
    .execute();

  await db.schema
    .createTable('order_clocks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.references('deadline_policies.id'))
    .addColumn('calendar_id', 'text', (c) => c.notNull().references('calendars.id'))
    .addColumn('budget_minutes', 'integer', (c) => c.notNull())
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('due_at', ts)
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('running','paused','stopped')`))
    .addColumn('paused_ms', d.types.bigint, (c) => c.notNull().defaultTo(0))
    .addColumn('stopped_at', ts)
    .addColumn('breached_at', ts)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('order_type', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('area_class', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('partner_id', 'text')
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('order_label', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('order_clocks_key', ['order_id', 'kind', 'seq'])
    .execute();
  await db.schema
    .createIndex('order_clocks_open')
    .on('order_clocks')
    .columns(['state', 'due_at'])
    .where(sql.ref('state'), '!=', 'stopped')
    .execute();

  await db.schema
    .createTable('order_pauses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('ended_at', ts)
    .addColumn('started_by', 'text')
    .addColumn('ended_by', 'text')
    .execute();
  await db.schema.createIndex('order_pauses_order').on('order_pauses').column('order_id').execute();

  await db.schema
    .createTable('escalation_ladders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.references('regions.id'))
    .addColumn('step_no', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('after_minutes', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('escalation_ladders_region')
    .on('escalation_ladders')
    .columns(['region_id', 'step_no'])
    .execute();

  await db.schema
    .createTable('escalations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('clock_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('breach','critical','emergency')`))
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('owner_id', 'text')
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('next_at', ts)
    .addColumn('acknowledged_at', ts)
    .addColumn('acknowledged_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('escalations_subject')
    .on('escalations')
    .columns(['subject_type', 'subject_id'])
    .execute();
  await db.schema
    .createTable('escalation_recipients')
    .addColumn('escalation_id', 'text', (c) => c.notNull().references('escalations.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('notified_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('escalation_recipients_pk', ['escalation_id', 'person_id', 'level'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body_zh', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('escalation_id', 'text')
    .addColumn('critical', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('read_at', ts)
    .execute();
  await db.schema
    .createIndex('notifications_person')
    .on('notifications')
    .columns(['person_id', 'id'])
    .execute();

  await db.schema
    .createTable('outbound_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notification_id', 'text')
    .addColumn('person_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email','sms')`))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('critical', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued','sent','failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('not_before', ts, (c) => c.notNull())
    .addColumn('provider_ref', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('sent_at', ts)
    .execute();
  await db.schema
    .createIndex('outbound_messages_notification')
    .on('outbound_messages')
    .column('notification_id')
    .execute();
  await db.schema
    .createTable('sms_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await seed(db);
}

/** Reference data every database starts with: the two calendars, 2026 holidays, default policies and ladder. */
async function seed(db: Kysely<unknown>): Promise<void> {
  const now = new Date().toISOString();
  const always = newId();
  const standard = newId();
  const noHours = JSON.stringify([[], [], [], [], [], [], []]);
  const weekdays = JSON.stringify([
    [],
    STANDARD_DAY,
    STANDARD_DAY,
    STANDARD_DAY,
    STANDARD_DAY,
    STANDARD_DAY,
    [],
  ]);
  const raw = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  await raw
    .insertInto('calendars')
    .values([
      {
        id: always,
        code: ALWAYS_CALENDAR,
        name: '7×24 小时',
        name_en: 'Round the clock',
        mode: '24x7',
        time_zone: 'Asia/Shanghai',
        week_hours: noHours,
        makeup_hours: '[]',
        created_at: now,
        updated_at: now,
      },
      {
        id: standard,
        code: STANDARD_CALENDAR,
        name: '标准工作日（含法定节假日与调休）',
        name_en: 'Standard working days (with public holidays and make-up days)',
        mode: 'business',
        time_zone: 'Asia/Shanghai',
        week_hours: weekdays,
        makeup_hours: JSON.stringify(STANDARD_DAY),
        created_at: now,
        updated_at: now,
      },
    ])
    .execute();
  await raw
    .insertInto('calendar_days')
    .values(CN_2026.map((s) => ({ calendar_id: standard, day: s.date, kind: s.kind, name: s.name })))
    .execute();
  await raw
    .insertInto('deadline_policies')
    .values(
      DEFAULT_POLICIES.map((p) => ({
        id: newId(),
        order_type: '*',
        severity: p.severity,
        area_class: p.areaClass,
        kind: p.kind,
        minutes: p.minutes,
        calendar_id: p.calendar === ALWAYS_CALENDAR ? always : standard,
        at_risk_percent: 25,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await raw
    .insertInto('escalation_ladders')
    .values(
      DEFAULT_LADDER.map((s, i) => ({
        id: newId(),
        region_id: null,
        step_no: i + 1,
        role: s.role,
        after_minutes: s.afterMinutes,
        created_at: now,
      })),
    )
    .execute();
}
