/** The one way the web console talks to the Onsite API: JSON, the session cookie, the chosen language. */

/** One field problem as the server reports it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An answer in the server's one error shape (or a network failure), with its message already localised. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let language = 'zh-CN';

/** Sets the language the server answers in (Accept-Language follows the console's language switch). */
export function setApiLanguage(lang: string): void {
  language = lang;
}

/** The language the console asks the server for (for requests that cannot carry headers). */
export function apiLanguage(): string {
  return language;
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: FieldProblem[] };
}

/** Sends a request and returns the parsed JSON, or throws ApiError with the server's message. */
export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = {
    'Accept-Language': language,
    Accept: 'application/json',
    ...extraHeaders,
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data as ErrorBody | null)?.error;
    throw new ApiError(
      res.status,
      err?.code ?? 'http_error',
      err?.message ?? `HTTP ${res.status}`,
      err?.details ?? [],
    );
  }
  return data as T;
}

/** Builds a query string from the defined, non-empty values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** A page of a list endpoint. */
export interface ListPage<T> {
  items: T[];
  total: number;
}

/** One history entry (RC-1). */
export interface HistoryEntry {
  seq: number;
  at: string;
  actor: string;
  actorId: string | null;
  action: string;
  changes: unknown;
  reason: string | null;
}

/** The signed-in person as GET /api/v1/auth/me describes them. */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  partnerId: string | null;
  customerId: string | null;
  locale: 'zh-CN' | 'en';
  scope: 'all' | 'partner' | 'customer';
  permissions: string[];
  timeZone?: string | null;
}
