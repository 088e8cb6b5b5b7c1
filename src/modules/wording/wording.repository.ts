/** All SQL of the wording lexicon. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { WordingExpressionTable } from './wording.tables.ts';

/** The lexicon's version: raised by every change. */
export async function lexiconVersion(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('wording_lexicon_state')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** Raises the version, locking the state row first so concurrent editors queue on it. */
export async function bumpVersion(db: Kysely<DB>): Promise<void> {
  await db
    .updateTable('wording_lexicon_state')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}

/** Expressions the check uses. */
export function activeExpressions(db: Kysely<DB>) {
  return db.selectFrom('wording_expressions').selectAll().where('active', '=', 1).execute();
}

export function findExpression(db: Kysely<DB>, id: string) {
  return db.selectFrom('wording_expressions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The lexicon for its administrators, filtered. */
export async function listExpressions(
  db: Kysely<DB>,
  filter: {
    locale?: WordingExpressionTable['locale'] | undefined;
    category?: WordingExpressionTable['category'] | undefined;
    active?: boolean | undefined;
    q?: string | undefined;
  },
  page: { limit: number; offset: number },
) {
  let q = db.selectFrom('wording_expressions');
  if (filter.locale) q = q.where('locale', '=', filter.locale);
  if (filter.category) q = q.where('category', '=', filter.category);
  if (filter.active !== undefined) q = q.where('active', '=', filter.active ? 1 : 0);
  if (filter.q) q = q.where('expression', 'like', `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  const [items, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('locale')
      .orderBy('category')
      .orderBy('expression')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function insertExpression(db: Kysely<DB>, row: WordingExpressionTable): Promise<void> {
  await db.insertInto('wording_expressions').values(row).execute();
}

export async function updateExpression(
  db: Kysely<DB>,
  id: string,
  row: Partial<WordingExpressionTable>,
): Promise<void> {
  await db.updateTable('wording_expressions').set(row).where('id', '=', id).execute();
}
