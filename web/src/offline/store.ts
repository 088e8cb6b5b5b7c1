/**
 * The engineer's phone keeps two things in IndexedDB: the last answer of each page read (so
 * today's orders open with no network) and the queue of work recorded on site but not yet
 * accepted by the server. Both are cleared when the person signs out.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { ApiError, api } from '../api.ts';

/** One piece of site work waiting to reach the server, in the order it was recorded. */
export interface QueuedWork {
  seq?: number;
  /** Sent as Idempotency-Key: a replay after a lost answer changes nothing on the server. */
  key: string;
  /** Who recorded it: only they send it (the key is theirs on the server). */
  personId: string;
  orderId: string;
  orderNumber: string;
  kind:
    | 'check_in'
    | 'check_out'
    | 'checklist'
    | 'daily_log'
    | 'service_request'
    | 'photo'
    | 'transition'
    | 'engineer_signature';
  method: 'POST' | 'PUT';
  url: string;
  body: unknown;
  /** What the queue shows for it (a checklist item's name, a state …), in both languages. */
  what?: { zh: string; en: string } | undefined;
  recordedAt: string;
  state: 'waiting' | 'sending' | 'refused';
  attempts: number;
  refusal?: { status: number; message: string; details: string[] } | undefined;
}

interface FieldDb extends DBSchema {
  snapshots: { key: string; value: { url: string; data: unknown; at: string } };
  queue: { key: number; value: QueuedWork };
}

let opened: Promise<IDBPDatabase<FieldDb>> | null = null;

function fieldDb(): Promise<IDBPDatabase<FieldDb>> {
  opened ??= openDB<FieldDb>('onsite-field', 1, {
    upgrade(db) {
      db.createObjectStore('snapshots', { keyPath: 'url' });
      db.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
    },
  });
  return opened;
}

/** True when the request never reached the server (no network), as opposed to an answer. */
export function isNetworkFailure(err: unknown): boolean {
  return !(err instanceof ApiError);
}

/** When the last GET answered from the phone's copy: the page shows how old it is. */
let servedFromCopy: string | null = null;
export const copyAge = () => servedFromCopy;

/** Keeps an answer as the phone's copy of `url` (a sign-in answers what GET /auth/me would). */
export async function keepCopy(url: string, data: unknown): Promise<void> {
  await fieldDb()
    .then((db) => db.put('snapshots', { url, data, at: new Date().toISOString() }))
    .catch(() => undefined);
}

/**
 * GET that remembers its answer; with no network it answers the last one kept (and throws
 * only when there is none). Answers from the server (a 404, a 401) are never hidden.
 */
export async function cachedGet<T>(url: string): Promise<T> {
  try {
    if (!navigator.onLine) throw new TypeError('offline');
    const data = await api<T>('GET', url);
    servedFromCopy = null;
    void keepCopy(url, data);
    return data;
  } catch (err) {
    if (!isNetworkFailure(err)) throw err;
    const kept = await (await fieldDb()).get('snapshots', url).catch(() => undefined);
    if (!kept) throw err;
    servedFromCopy = kept.at;
    return kept.data as T;
  }
}

export async function queued(): Promise<QueuedWork[]> {
  return (await fieldDb()).getAll('queue');
}

export async function addQueued(work: QueuedWork): Promise<void> {
  await (await fieldDb()).add('queue', work);
}

export async function putQueued(work: QueuedWork): Promise<void> {
  await (await fieldDb()).put('queue', work);
}

export async function dropQueued(seq: number): Promise<void> {
  await (await fieldDb()).delete('queue', seq);
}

/**
 * Forgets the pages kept on the phone (signing out). Unsent work stays: it belongs to the
 * person who recorded it and goes out when they sign in again.
 */
export async function clearSnapshots(): Promise<void> {
  await (await fieldDb()).clear('snapshots');
}
