import type { Kysely } from 'kysely';
import { seedRow } from '../../modules/templates/templates.defaults.ts';
import { NOTICE_TEMPLATES } from '../../modules/templates/templates.notices.ts';
import { newId } from '../../shared/ids.ts';
import type { DialectKit } from '../dialect.ts';

/**
 * CW-3: the customer notices that had their words in code (engineer changed, new person in
 * charge, scope and expired-contract decisions, weekly site report) get their templates. Only
 * codes a database lacks are added; a template an administrator already made or edited stays.
 */
export async function up(db: Kysely<unknown>, _d: DialectKit): Promise<void> {
  const t = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const present = new Set(
    (await t.selectFrom('message_templates').select('code').execute()).map((r) => String(r.code)),
  );
  const now = new Date().toISOString();
  const missing = NOTICE_TEMPLATES.filter((n) => !present.has(n.code));
  if (missing.length === 0) return;
  await t
    .insertInto('message_templates')
    .values(missing.map((n) => seedRow(n, newId(), now)))
    .execute();
}
