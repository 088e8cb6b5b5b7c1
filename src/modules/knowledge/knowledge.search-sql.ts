/**
 * DIALECT-SPECIFIC SQL for the knowledge search (WO-12).
 *
 * This file, like src/db/dialect.ts, knows SQLite from PostgreSQL. It lives here rather than in
 * dialect.ts because it is one feature's full-text query, not a building block other features
 * share: SQLite answers through the FTS5 trigram table `knowledge_fts`, PostgreSQL through the
 * pg_trgm GIN index on `knowledge_entries.search_text`. Both give the same rows for the same
 * terms (substring semantics on folded text), which the API tests check on both databases.
 * Terms shorter than three characters cannot use a trigram index on either database, so they
 * become LIKE conditions (a scan of the index table on SQLite, a filtered scan on PostgreSQL).
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DatabaseKind } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { ftsPhrase, likePattern, type SearchTerm } from './knowledge.rules.ts';
import type { KnowledgeEntryTable } from './knowledge.tables.ts';

/** Search filters beside the text. */
export interface SearchFilter {
  product?: string | undefined;
}

/** How terms combine: every term (search box) or any term, ranked by how many match (related entries). */
export type MatchMode = 'all' | 'any';

function productCondition(filter: SearchFilter): RawBuilder<unknown> {
  return filter.product ? sql`lower(e.product) = ${filter.product.toLowerCase()}` : sql`1 = 1`;
}

function sqliteQuery(terms: SearchTerm[], mode: MatchMode, filter: SearchFilter) {
  const indexed = terms.filter((t) => t.indexed);
  const short = terms.filter((t) => !t.indexed);
  const joiner = mode === 'all' ? ' AND ' : ' OR ';
  const likes = short.map((t) => sql`knowledge_fts.body LIKE ${likePattern(t.text)} ESCAPE '\\'`);
  const conditions: RawBuilder<unknown>[] = [];
  if (mode === 'all') {
    if (indexed.length)
      conditions.push(sql`knowledge_fts MATCH ${indexed.map((t) => ftsPhrase(t.text)).join(joiner)}`);
    conditions.push(...likes);
  } else {
    // MATCH cannot sit under OR in FTS5, so "any" matches the indexed grams through a sub-select.
    const alts: RawBuilder<unknown>[] = [...likes];
    if (indexed.length)
      alts.push(
        sql`knowledge_fts.rowid IN (SELECT rowid FROM knowledge_fts WHERE knowledge_fts MATCH ${indexed
          .map((t) => ftsPhrase(t.text))
          .join(joiner)})`,
      );
    conditions.push(alts.length ? sql`(${sql.join(alts, sql` OR `)})` : sql`1 = 0`);
  }
  conditions.push(productCondition(filter));
  const where = sql.join(conditions, sql` AND `);
  const score = sql.join(
    terms.map(
      (t) => sql`(CASE WHEN knowledge_fts.body LIKE ${likePattern(t.text)} ESCAPE '\\' THEN 1 ELSE 0 END)`,
    ),
    sql` + `,
  );
  const from = sql`knowledge_fts JOIN knowledge_entries e ON e.id = knowledge_fts.entry_id`;
  return { from, where, score };
}

function postgresQuery(terms: SearchTerm[], mode: MatchMode, filter: SearchFilter) {
  // ILIKE '%term%' is served by the gin_trgm_ops index for terms of three or more characters.
  const likes = terms.map((t) => sql`e.search_text ILIKE ${likePattern(t.text)}`);
  const match = likes.length ? sql.join(likes, mode === 'all' ? sql` AND ` : sql` OR `) : sql`1 = 0`;
  const where = sql`(${match}) AND ${productCondition(filter)}`;
  const score = sql.join(
    terms.map((t) => sql`(CASE WHEN e.search_text ILIKE ${likePattern(t.text)} THEN 1 ELSE 0 END)`),
    sql` + `,
  );
  return { from: sql`knowledge_entries e`, where, score };
}

/**
 * The entries matching `terms`, best first (most matching terms, then most recently updated),
 * and how many match in all.
 */
export async function searchEntries(
  db: Kysely<DB>,
  kind: DatabaseKind,
  terms: SearchTerm[],
  mode: MatchMode,
  filter: SearchFilter,
  page: { limit: number; offset: number },
): Promise<{ items: (KnowledgeEntryTable & { score: number })[]; total: number }> {
  if (terms.length === 0) return { items: [], total: 0 };
  const q = kind === 'sqlite' ? sqliteQuery(terms, mode, filter) : postgresQuery(terms, mode, filter);
  const rows = await sql<KnowledgeEntryTable & { score: number }>`
    SELECT e.id, e.symptom, e.cause, e.fix, e.product, e.version, e.source_order_id, e.search_text,
           e.created_by, e.created_at, e.updated_at, ${q.score} AS score
    FROM ${q.from} WHERE ${q.where}
    ORDER BY score DESC, e.updated_at DESC, e.id DESC
    LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  const count = await sql<{ n: number }>`SELECT count(*) AS n FROM ${q.from} WHERE ${q.where}`.execute(db);
  return {
    items: rows.rows.map((r) => ({ ...r, score: Number(r.score) })),
    total: Number(count.rows[0]?.n ?? 0),
  };
}
