/**
 * The queue of site work: recorded at once on the phone, sent in the order recorded whenever
 * the network is there, each with its own Idempotency-Key so a replay never doubles anything.
 * No network or a busy server: the item waits and is tried again. A refusal (4xx) is kept with
 * the server's words until the engineer retries or drops it; the items after it still go.
 */
import { useSyncExternalStore } from 'react';
import { ApiError, api } from '../api.ts';
import { addQueued, dropQueued, isNetworkFailure, putQueued, type QueuedWork, queued } from './store.ts';

let items: QueuedWork[] = [];
const listeners = new Set<() => void>();
let sentListener: ((work: QueuedWork) => Promise<unknown>) | null = null;
let owner: string | null = null;

function publish(next: QueuedWork[]) {
  items = next;
  for (const l of listeners) l();
}

async function reload() {
  publish((await queued()).filter((w) => w.personId === owner));
}

/** Answers that mean "try again later", not "no". */
function transient(err: unknown): boolean {
  return (
    isNetworkFailure(err) ||
    (err instanceof ApiError && (err.status >= 500 || err.status === 401 || err.status === 429))
  );
}

let running: Promise<void> | null = null;

/** Sends what is waiting, oldest first; stops at the first item the network or server cannot take now. */
export function flush(): Promise<void> {
  // With no network nothing is tried; the queue is still read, so a reload shows it.
  if (!navigator.onLine) return reload();
  running ??= (async () => {
    try {
      await reload();
      for (const work of items) {
        if (work.state === 'refused') continue;
        await putQueued({ ...work, state: 'sending' });
        await reload();
        try {
          await api(work.method, work.url, work.body, { 'Idempotency-Key': work.key });
          await dropQueued(work.seq as number);
          // The page's copy is refreshed before the item leaves the shown queue: otherwise, for a
          // moment, neither the queue nor the stale copy holds the work (a check-in vanishes, the
          // on-site form unmounts and loses what the engineer was typing).
          await sentListener?.(work);
        } catch (err) {
          if (transient(err)) {
            await putQueued({ ...work, state: 'waiting', attempts: work.attempts + 1 });
            break;
          }
          const e = err as ApiError;
          await putQueued({
            ...work,
            state: 'refused',
            attempts: work.attempts + 1,
            refusal: { status: e.status, message: e.message, details: e.details.map((d) => d.message) },
          });
        }
        await reload();
      }
    } finally {
      running = null;
      await reload();
    }
  })();
  return running;
}

/** Records a piece of site work now and starts sending. */
export async function enqueue(
  work: Omit<QueuedWork, 'key' | 'personId' | 'recordedAt' | 'state' | 'attempts' | 'seq'>,
): Promise<void> {
  if (!owner) throw new Error('the field queue has no signed-in person');
  await addQueued({
    ...work,
    key: crypto.randomUUID(),
    personId: owner,
    recordedAt: new Date().toISOString(),
    state: 'waiting',
    attempts: 0,
  });
  await reload();
  void flush();
}

/** Sends a refused item again (after the engineer fixed what the server asked for). */
export async function retry(work: QueuedWork): Promise<void> {
  await putQueued({ ...work, state: 'waiting', refusal: undefined });
  await flush();
}

/** Gives up a refused item: it is not sent. */
export async function drop(work: QueuedWork): Promise<void> {
  if (work.seq !== undefined) await dropQueued(work.seq);
  await reload();
}

let started = false;

/**
 * Starts the queue for the signed-in person: sends when the network comes back, and every
 * half minute while something waits. `onSent` refreshes what the page shows and settles once it has.
 */
export function startQueue(personId: string, onSent: (work: QueuedWork) => Promise<unknown>): void {
  owner = personId;
  sentListener = onSent;
  void flush();
  if (started) return;
  started = true;
  window.addEventListener('online', () => void flush());
  window.setInterval(() => {
    if (navigator.onLine && items.some((w) => w.state === 'waiting')) void flush();
  }, 30_000);
}

/** The queue as the page shows it, refreshed on every change. */
export function useFieldQueue(): QueuedWork[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => items,
  );
}
