/**
 * Rate limit for the customer's public link routes, counted per token in the database so the
 * limit holds across every server process sharing it (issue 10, defect 6) — an in-memory
 * counter let each process allow the full rate again.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../app/context.ts';
import type { OnsiteDatabase } from '../../db/database.ts';

const WINDOW_MS = 60_000;
/** Per database handle: the last window this process pruned, so old rows go once a minute. */
const prunedWindow = new WeakMap<OnsiteDatabase, number>();

/**
 * Counts one request on `token` against `perMinute`; null when allowed, else the seconds
 * until its window ends. The count is incremented and read in one statement, so a burst of
 * requests from several processes cannot all read the same count and all pass.
 */
export async function takeLinkHit(ctx: AppContext, token: string, perMinute: number): Promise<number | null> {
  const nowMs = ctx.clock.now().getTime();
  const windowMs = nowMs - (nowMs % WINDOW_MS);
  await pruneOldWindows(ctx, windowMs);
  const row = await ctx.database.db
    .insertInto('customer_link_hits')
    .values({ token_hash: createHash('sha256').update(token).digest('hex'), window_ms: windowMs, hits: 1 })
    .onConflict((oc) =>
      oc.columns(['token_hash', 'window_ms']).doUpdateSet({ hits: sql`customer_link_hits.hits + 1` }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  if (Number(row.hits) <= perMinute) return null;
  return Math.max(1, Math.ceil((windowMs + WINDOW_MS - nowMs) / 1000));
}

/** Drops counters of windows that have ended; the current window's rows are all that matter. */
async function pruneOldWindows(ctx: AppContext, windowMs: number): Promise<void> {
  if (prunedWindow.get(ctx.database) === windowMs) return;
  prunedWindow.set(ctx.database, windowMs);
  await ctx.database.db.deleteFrom('customer_link_hits').where('window_ms', '<', windowMs).execute();
}
