import type { Bilingual } from './i18n.ts';

/** One problem with one field; the message exists in both languages. */
export interface FieldProblem {
  field: string;
  message: Bilingual;
}

/** The HTTP status each kind of refusal maps to. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

/**
 * A refusal a person should read: a stable `code`, the status it maps to, placeholders for the
 * message and the fields at fault. Rules and services throw it; the HTTP layer translates it.
 */
export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly details: FieldProblem[] = [],
  ) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = 'AppError';
  }
}

/** 404 for an entity by its kind (see `entityNames`). */
export function notFound(entity: string): AppError {
  return new AppError(404, 'not_found', { entity });
}

/** 403. */
export function forbidden(): AppError {
  return new AppError(403, 'forbidden');
}

/** 422 naming the fields at fault. */
export function invalid(details: FieldProblem[], code = 'validation_failed'): AppError {
  return new AppError(422, code, {}, details);
}

/** A field problem from a bilingual pair. */
export function problem(field: string, zh: string, en: string): FieldProblem {
  return { field, message: { 'zh-CN': zh, en } };
}
