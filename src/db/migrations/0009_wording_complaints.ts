import type { Kysely } from 'kysely';
import { defaultPolicies } from '../../modules/complaints/complaints.rules.ts';
import { STANDARD_TEMPLATES, seedRow } from '../../modules/templates/templates.defaults.ts';
import { SEED_LEXICON } from '../../modules/wording/wording.lexicon.ts';
import { newId } from '../../shared/ids.ts';
import type { DialectKit } from '../dialect.ts';

/**
 * Customer wording (CW-1…CW-4): the lexicon of the wording check and the message templates,
 * both seeded from their data files; complaints and their corrective actions (CS-1).
 */
export async function up(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  const ts = d.types.timestamp;
  const now = new Date().toISOString();

  await db.schema
    .createTable('wording_expressions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('expression', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('suggestion', 'text', (c) => c.notNull())
    .addColumn('replacement', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('wording_expressions_key', ['locale', 'expression'])
    .execute();
  await db.schema
    .createTable('wording_lexicon_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  const seeded = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  await seeded
    .insertInto('wording_expressions')
    .values(
      SEED_LEXICON.map((e) => ({
        id: newId(),
        locale: e.locale,
        expression: e.expression,
        category: e.category,
        severity: e.severity,
        rule: e.rule,
        suggestion: e.suggestion,
        replacement: e.replacement,
        active: 1,
        version: 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await seeded.insertInto('wording_lexicon_state').values({ id: 1, version: 1 }).execute();

  await db.schema
    .createTable('message_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('variables', 'text', (c) => c.notNull())
    .addColumn('body_zh', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await seeded
    .insertInto('message_templates')
    .values(STANDARD_TEMPLATES.map((t) => seedRow(t, newId(), now)))
    .execute();

  await db.schema
    .createTable('complaints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('order_id', 'text', (c) => c.references('work_orders.id'))
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('engineer_id', 'text', (c) => c.references('people.id'))
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('owner_id', 'text', (c) => c.references('people.id'))
    .addColumn('root_cause', 'text')
    .addColumn('repeat_of_id', 'text', (c) => c.references('complaints.id'))
    .addColumn('acknowledge_due', ts, (c) => c.notNull())
    .addColumn('respond_due', ts, (c) => c.notNull())
    .addColumn('resolve_due', ts, (c) => c.notNull())
    .addColumn('acknowledged_at', ts)
    .addColumn('responded_at', ts)
    .addColumn('resolved_at', ts)
    .addColumn('closed_at', ts)
    .addColumn('reply_text', 'text')
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('complaints_order')
    .on('complaints')
    .columns(['order_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('complaints_customer')
    .on('complaints')
    .columns(['customer_id', 'created_at'])
    .execute();
  await db.schema.createIndex('complaints_created').on('complaints').column('created_at').execute();
  await db.schema
    .createTable('complaint_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('done_at', ts)
    .addColumn('done_note', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('complaint_actions_complaint')
    .on('complaint_actions')
    .column('complaint_id')
    .execute();
  await db.schema
    .createTable('complaint_policies')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('acknowledge_minutes', 'integer', (c) => c.notNull())
    .addColumn('respond_minutes', 'integer', (c) => c.notNull())
    .addColumn('resolve_minutes', 'integer', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_policies_pk', ['category', 'severity'])
    .execute();
  await seeded
    .insertInto('complaint_policies')
    .values(
      defaultPolicies().map((p) => ({
        category: p.category,
        severity: p.severity,
        acknowledge_minutes: p.minutes[0],
        respond_minutes: p.minutes[1],
        resolve_minutes: p.minutes[2],
        updated_at: now,
      })),
    )
    .execute();
}
