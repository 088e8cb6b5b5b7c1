/** Maps every failure to the one error shape, in the caller's language, and never leaks a stack. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { classifyDbError } from '../db/dialect.ts';
import { AppError } from '../shared/errors.ts';
import { format, type Locale } from '../shared/i18n.ts';
import { newId } from '../shared/ids.ts';
import { entityNames, errorMessage, fieldMessage } from './messages.ts';

/** The JSON body of an error answer. */
export function errorBody(err: AppError, locale: Locale) {
  const params: Record<string, string | number> = { ...err.params };
  if (typeof params.entity === 'string' && entityNames[params.entity])
    params.entity = entityNames[params.entity]![locale];
  return {
    error: {
      code: err.code,
      message: format(errorMessage(err.code)[locale], params),
      details: err.details.map((d) => ({ field: d.field, message: d.message[locale] })),
    },
  };
}

/** The API's name for a column list from a constraint error: `region_id` → `regionId`. */
function apiField(columns: string): string {
  return columns
    .split(',')
    .map((c) => c.trim().replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase()))
    .join(',');
}

/**
 * Turns framework, database and unexpected errors into AppErrors. `contentType` names a
 * refused media type; `input` (the request body) supplies the duplicated value, which
 * SQLite's error does not carry, so both databases answer the same.
 */
export function toAppError(err: unknown, bodyLimit: number, contentType?: string, input?: unknown): AppError {
  if (err instanceof AppError) return err;
  const db = classifyDbError(err);
  if (db?.kind === 'unique') {
    const field = apiField(db.field);
    const given = input && typeof input === 'object' ? (input as Record<string, unknown>)[field] : undefined;
    const value = db.value || (typeof given === 'string' || typeof given === 'number' ? String(given) : '');
    return new AppError(409, 'duplicate', { field, value }, [
      { field, message: fieldMessage('already_used') },
    ]);
  }
  if (db?.kind === 'busy') return new AppError(503, 'busy');
  if (db?.kind === 'foreign_key') {
    return new AppError(422, 'validation_failed', {}, [
      { field: db.field ? apiField(db.field) : '(reference)', message: fieldMessage('not_found_ref') },
    ]);
  }
  const fe = err as Partial<FastifyError>;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      // Fastify's message does not carry the type, so it comes from the request header.
      return new AppError(415, 'unsupported_media_type', {
        type: (contentType ?? '').split(';')[0]?.trim().slice(0, 100) || '?',
      });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'payload_too_large', { limit: bodyLimit });
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError(400, 'bad_url');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError(400, 'malformed_json');
    default:
      break;
  }
  if (err instanceof SyntaxError || (fe.statusCode === 400 && /JSON/i.test(fe.message ?? '')))
    return new AppError(400, 'malformed_json');
  if (fe.statusCode === 429) return new AppError(429, 'rate_limited');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(400, 'bad_request', { reason: fe.message ?? '' });
  }
  return new AppError(500, 'internal', { ref: newId() });
}

/** Fastify error handler. */
export function handleError(bodyLimit: number) {
  return (err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const appErr = toAppError(
      err,
      req.routeOptions?.bodyLimit ?? bodyLimit,
      req.headers['content-type'],
      req.body,
    );
    if (appErr.status >= 500 && appErr.code !== 'busy')
      req.log.error({ err, ref: appErr.params.ref }, 'unhandled error');
    if (appErr.code === 'busy') {
      req.log.warn({ err }, 'database busy; the client was asked to retry');
      reply.header('retry-after', '1');
    }
    // A throttle says when to come back (login backoff, address limit).
    if (typeof appErr.params.retryAfter === 'number')
      reply.header('retry-after', String(appErr.params.retryAfter));
    const locale = req.locale ?? 'zh-CN';
    reply.code(appErr.status).header('content-language', locale).send(errorBody(appErr, locale));
  };
}
