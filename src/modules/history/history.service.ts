/** RC-1/RC-2: appending history inside the caller's transaction, reading it, verifying the chain. */
import { type AppContext, setHistoryFlusher } from '../../app/context.ts';
import { newId } from '../../shared/ids.ts';
import { wellFormed } from '../../shared/text.ts';
import { insertEntries, listForEntity, lockHead, pageAfter, readHead } from './history.repository.ts';
import { type ChainedEntry, type Changes, checkLink, entryHash, GENESIS_HASH } from './history.rules.ts';

/**
 * Who did it, as an entry names them: a signed-in person's id and names, or a named system
 * process (CLI, demo loader, timer). Access's `HistoryActor` fits it. Only the fields are named
 * because access records its own changes here, so history must not import access back.
 */
export type HistoryAuthor = { personId: string; username: string; displayName: string } | { system: string };

/** What happened to which record, and why. */
export interface HistoryEvent {
  entityType: string;
  entityId: string;
  action: string;
  changes: Changes | Record<string, unknown>;
  reason?: string | null | undefined;
}

/**
 * Appends a history entry. Must be called with the transaction context of the change it
 * records (`inTransaction`), so the two commit together or not at all.
 */
export async function recordHistory(
  tx: AppContext,
  actor: HistoryAuthor,
  event: HistoryEvent,
): Promise<void> {
  if (!tx.db.isTransaction) throw new Error('recordHistory must run inside the transaction of the change');
  const entry = unchainedEntry(tx, actor, event);
  if (tx.pendingHistory) {
    tx.pendingHistory.push(entry);
    return;
  }
  // A transaction not opened by inTransaction (e.g. a timer sweep with savepoints): append now,
  // so a rollback to a savepoint takes the entry with it.
  await appendToChain(tx, [entry]);
}

type UnchainedEntry = Omit<ChainedEntry, 'seq' | 'prev_hash'>;

/**
 * Every text is put in the form the database will store before it is hashed: the input
 * boundary refuses lone surrogates, but a CLI argument or an imported file could still carry
 * one, and a hash of text the driver then rewrites would break the chain for good.
 */
function unchainedEntry(tx: AppContext, actor: HistoryAuthor, event: HistoryEvent): UnchainedEntry {
  const raw = unchainedRaw(tx, actor, event);
  return {
    ...raw,
    actor_label: wellFormed(raw.actor_label),
    entity_type: wellFormed(raw.entity_type),
    entity_id: wellFormed(raw.entity_id),
    action: wellFormed(raw.action),
    reason: raw.reason === null ? null : wellFormed(raw.reason),
  };
}

function unchainedRaw(tx: AppContext, actor: HistoryAuthor, event: HistoryEvent): UnchainedEntry {
  return {
    id: newId(),
    at: tx.clock.now().toISOString(),
    actor_id: 'personId' in actor ? actor.personId : null,
    actor_label: 'personId' in actor ? `${actor.displayName} (${actor.username})` : `system:${actor.system}`,
    entity_type: event.entityType,
    entity_id: event.entityId,
    action: event.action,
    changes: JSON.stringify(event.changes),
    reason: event.reason ?? null,
  };
}

/** Locks the head, links each entry to the one before it, and moves the head once. */
async function appendToChain(tx: AppContext, entries: UnchainedEntry[]): Promise<void> {
  const head = await lockHead(tx.db, tx.kit);
  let seq = head.seq;
  let prev = head.hash;
  const rows = entries.map((e) => {
    seq += 1;
    const chained: ChainedEntry = { ...e, seq, prev_hash: prev };
    prev = entryHash(chained);
    return { ...chained, hash: prev };
  });
  await insertEntries(tx.db, rows);
}

/** Every transaction's history entries join the chain (H-1) when it commits. Called from the capability's `register`. */
export function registerHistoryFlusher(): void {
  setHistoryFlusher((tx, pending) => appendToChain(tx, pending as UnchainedEntry[]));
}

/** A history entry as the API shows it. */
export interface HistoryView {
  seq: number;
  at: string;
  actor: string;
  actorId: string | null;
  action: string;
  changes: unknown;
  reason: string | null;
}

/** The history of one record, oldest first. */
export async function historyOf(
  ctx: AppContext,
  entityType: string,
  entityId: string,
): Promise<HistoryView[]> {
  const rows = await listForEntity(ctx.db, entityType, entityId);
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor_label,
    actorId: r.actor_id,
    action: r.action,
    changes: JSON.parse(r.changes) as unknown,
    reason: r.reason,
  }));
}

/** The outcome of walking the chain. */
export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBad?: { seq: number; entityType: string; entityId: string; problem: string };
}

/** RC-2: walks the whole chain in order and names the first entry that does not match. */
export async function verifyHistory(
  ctx: AppContext,
  onProgress?: (checked: number, total: number) => void,
): Promise<VerifyResult> {
  try {
    return await walkChain(ctx, onProgress);
  } catch (err) {
    // Someone with database access dropped the table or the head row: say so plainly instead
    // of failing with a database error.
    const missing = missingPart(err);
    if (!missing) throw err;
    return { ok: false, checked: 0, firstBad: { seq: 0, entityType: '-', entityId: '-', problem: missing } };
  }
}

/** What part of the chain is gone, recognised from the error of reading it; null for any other error. */
function missingPart(err: unknown): string | null {
  if (err instanceof HeadMissing) return 'the head of the chain is missing: the history_head row was removed';
  const e = err as { code?: string; message?: string };
  const table = /(?:no such table|relation "?)(\w+)/.exec(e?.message ?? '')?.[1];
  if (e?.code === '42P01' || /no such table/.test(e?.message ?? ''))
    return `the ${table ?? 'history'} table is missing: the chain cannot be checked`;
  return null;
}

class HeadMissing extends Error {}

async function walkChain(
  ctx: AppContext,
  onProgress?: (checked: number, total: number) => void,
): Promise<VerifyResult> {
  const head = await readHead(ctx.db);
  if (!head) throw new HeadMissing();
  let expected = 1;
  let previous = GENESIS_HASH;
  let checked = 0;
  // The walk stops at the head read above: entries appended while it runs (a live server)
  // belong to the next verification, and counting them here raised a false tamper alarm.
  let reachedHead = false;
  while (!reachedHead) {
    const page = await pageAfter(ctx.db, expected - 1, 2000);
    if (page.length === 0) break;
    for (const row of page) {
      if (row.seq > head.seq) {
        reachedHead = true;
        break;
      }
      const problem = checkLink(row, expected, previous);
      if (problem) {
        // A gap means entry `expected` was removed: name the missing seq, not the survivor after it.
        const missing = row.seq !== expected;
        return {
          ok: false,
          checked,
          firstBad: missing
            ? { seq: expected, entityType: '-', entityId: '-', problem }
            : { seq: row.seq, entityType: row.entity_type, entityId: row.entity_id, problem },
        };
      }
      previous = row.hash;
      expected += 1;
      checked += 1;
    }
    onProgress?.(checked, head.seq);
  }
  if (checked === head.seq && previous !== head.hash) {
    // Every entry links, but the last one is not the one the head recorded: it was rewritten
    // together with its own hash, which only the head can reveal.
    const last = checked > 0 ? (await pageAfter(ctx.db, checked - 1, 1))[0] : undefined;
    return {
      ok: false,
      checked: Math.max(0, checked - 1),
      firstBad: {
        seq: head.seq,
        entityType: last?.entity_type ?? '-',
        entityId: last?.entity_id ?? '-',
        problem: 'the last entry does not match the hash recorded at the head of the chain',
      },
    };
  }
  if (checked !== head.seq) {
    return {
      ok: false,
      checked,
      firstBad: {
        seq: checked + 1,
        entityType: '-',
        entityId: '-',
        problem: `chain ends at ${checked} but its head says ${head.seq}: entries were removed`,
      },
    };
  }
  return { ok: true, checked };
}
