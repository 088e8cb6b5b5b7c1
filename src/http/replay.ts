/**
 * Requests that may be replayed. The engineer's phone queues its work while offline and sends it
 * again when the network returns; it cannot know whether a request that timed out reached the
 * server. Each queued request carries an `Idempotency-Key`: the first answer is kept with the
 * key in the same transaction as the change, so a replay returns that answer and changes nothing.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, inTransaction } from '../app/context.ts';
import { AppError, problem } from '../shared/errors.ts';

const KEY_FIELD = 'Idempotency-Key';
const KEY_PATTERN = /^[\x21-\x7e]{8,200}$/;

/** The key sent with the request, checked; null when none was sent. */
export function replayKey(req: FastifyRequest): string | null {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !KEY_PATTERN.test(raw))
    throw new AppError(400, 'invalid_request', {}, [
      problem(KEY_FIELD, '幂等键须为 8–200 个可见 ASCII 字符', 'must be 8 to 200 visible ASCII characters'),
    ]);
  return raw;
}

function fingerprint(req: FastifyRequest): string {
  const path = req.url.split('?')[0] ?? req.url;
  return createHash('sha256')
    .update(`${req.method} ${path}\n${JSON.stringify(req.body ?? null)}`)
    .digest('hex');
}

async function kept(ctx: AppContext, personId: string, key: string) {
  return ctx.db
    .selectFrom('request_replays')
    .selectAll()
    .where('person_id', '=', personId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/**
 * Runs `work` once per person and key. A replay of the same request answers what the first one
 * answered (with `Idempotent-Replayed: true`); the same key with another request is refused.
 * A refused first attempt keeps nothing, so its replay is decided again on the state of then.
 */
export async function runOnce(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  personId: string,
  key: string,
  status: number,
  work: (tx: AppContext) => Promise<unknown>,
): Promise<unknown> {
  const hash = fingerprint(req);
  const answerKept = (row: { request_hash: string; status: number; response: string }) => {
    if (row.request_hash !== hash)
      throw new AppError(422, 'replay_key_reused', {}, [
        problem(KEY_FIELD, '该键已用于另一份内容', 'was already used for a different request'),
      ]);
    reply.code(row.status).header('idempotent-replayed', 'true');
    return JSON.parse(row.response) as unknown;
  };
  try {
    return await inTransaction(ctx, async (tx) => {
      const before = await kept(tx, personId, key);
      if (before) return answerKept(before);
      const result = await work(tx);
      await tx.db
        .insertInto('request_replays')
        .values({
          person_id: personId,
          key,
          request_hash: hash,
          status,
          response: JSON.stringify(result ?? null),
          created_at: tx.clock.now().toISOString(),
        })
        .execute();
      reply.code(status);
      return result;
    });
  } catch (err) {
    // A twin sent at the same moment committed first: answer what it answered.
    const twin = await kept(ctx, personId, key);
    if (twin) return answerKept(twin);
    throw err;
  }
}
