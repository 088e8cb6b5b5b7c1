/**
 * One declaration per endpoint: method, path, schemas, who may call it, and a thin handler.
 * The same zod schemas validate the request and produce the OpenAPI document.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { type Actor, assertCan } from '../modules/access/policy.ts';
import { AppError } from '../shared/errors.ts';
import type { Locale } from '../shared/i18n.ts';
import { replayKey, runOnce } from './replay.ts';
import { parseWith, textProblems } from './validation.ts';

type Maybe = z.ZodType | undefined;
type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What a handler receives once the request is authenticated and valid. */
export interface HandlerInput<P, Q, B, A> {
  params: P;
  query: Q;
  body: B;
  actor: A;
  ctx: AppContext;
  locale: Locale;
  req: FastifyRequest;
  reply: FastifyReply;
}

/**
 * How a request is authenticated:
 * - public: anyone (login, health, docs);
 * - user: a signed-in person or an API token, optionally holding `permission`.
 */
export type RouteAuth = 'public' | 'user';

/** A declared endpoint. */
export interface RouteDef<
  P extends Maybe = Maybe,
  Q extends Maybe = Maybe,
  B extends Maybe = Maybe,
  R extends Maybe = Maybe,
> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  summary: string;
  tags: string[];
  auth: RouteAuth;
  permission?: string;
  params?: P;
  query?: Q;
  body?: B;
  response?: R;
  /** A larger request body limit for this route only (file uploads as base64 JSON), from the configuration. */
  bodyLimit?: (config: AppContext['config']) => number;
  /**
   * The request may carry an Idempotency-Key (the engineer's offline queue): its first answer is
   * kept with the change, and a replay returns it without doing the work again (replay.ts).
   */
  replayable?: boolean;
  /** Success status; 200 unless given. */
  status?: number;
  /** A non-JSON response (file download); documented with this media type. */
  produces?: string;
  handler: (input: HandlerInput<Out<P>, Out<Q>, Out<B>, Actor>) => Promise<Out<R> | undefined>;
}

/** Declares an endpoint with full type inference from its schemas. */
export function route<
  P extends Maybe = undefined,
  Q extends Maybe = undefined,
  B extends Maybe = undefined,
  R extends Maybe = undefined,
>(def: RouteDef<P, Q, B, R>): RouteDef {
  return def as unknown as RouteDef;
}

function parsePart(schema: z.ZodType | undefined, value: unknown, status: 400 | 422): unknown {
  if (!schema) return undefined;
  const faults = textProblems(value);
  if (faults.length)
    throw new AppError(status, status === 422 ? 'validation_failed' : 'invalid_request', {}, faults);
  const result = parseWith(schema, value ?? {});
  if (!result.ok)
    throw new AppError(status, status === 422 ? 'validation_failed' : 'invalid_request', {}, result.problems);
  return result.value;
}

/** Authenticates, authorises and validates, then runs the handler. Used by the server for every route. */
export async function runRoute(
  def: RouteDef,
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  authenticate: (req: FastifyRequest) => Promise<Actor | null>,
): Promise<unknown> {
  let actor: Actor | null = null;
  if (def.auth === 'user') {
    actor = await authenticate(req);
    if (!actor) throw new AppError(401, 'unauthenticated');
    if (def.permission) assertCan(actor, def.permission);
  }
  const params = parsePart(def.params, req.params, 400);
  const query = parsePart(def.query, req.query, 400);
  const body = def.body ? parsePart(def.body, req.body, 422) : undefined;
  const run = (c: AppContext) =>
    def.handler({ params, query, body, actor: actor as Actor, ctx: c, locale: req.locale, req, reply });
  const key = def.replayable && actor ? replayKey(req) : null;
  if (key && actor) return runOnce(ctx, req, reply, actor.personId, key, def.status ?? 200, run);
  const result = await run(ctx);
  if (def.status) reply.code(def.status);
  return result;
}

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
  }
}
