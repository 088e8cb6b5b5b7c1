import type { Kysely } from 'kysely';
import { STANDARD_TEMPLATES } from '../../modules/templates/templates.defaults.ts';
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
    .values(
      STANDARD_TEMPLATES.map((t) => ({
        id: newId(),
        code: t.code,
        purpose: t.purpose,
        channel: t.channel,
        name_zh: t.name['zh-CN'],
        name_en: t.name.en,
        variables: JSON.stringify(t.variables),
        body_zh: t.body['zh-CN'],
        body_en: t.body.en,
        active: 1,
        version: 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}
