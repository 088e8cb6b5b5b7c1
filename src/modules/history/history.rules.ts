/**
 * RC-1/RC-2: what a history entry contains and how entries chain. Pure functions: the same
 * entry always hashes the same on both databases, so `audit verify` can recompute every link.
 */
import { createHash } from 'node:crypto';

/** The chain starts from this hash. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an entry that the hash covers: all of them except the hash itself. */
export interface ChainedEntry {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_label: string;
  entity_type: string;
  entity_id: string;
  action: string;
  changes: string;
  reason: string | null;
  prev_hash: string;
}

/** A field's value before and after a change. */
export type Changes = Record<string, [unknown, unknown]>;

/** The hash of an entry: SHA-256 over a fixed field order, so no JSON key order can change it. */
export function entryHash(e: ChainedEntry): string {
  const parts = [
    e.seq,
    e.id,
    e.at,
    e.actor_id ?? '',
    e.actor_label,
    e.entity_type,
    e.entity_id,
    e.action,
    e.changes,
    e.reason ?? '',
    e.prev_hash,
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * The fields that differ between two versions of a record, as [before, after]. A create passes
 * `before = null` and gets every field with `null` before it. Timestamps that change on every
 * write are left out so the history says what a person changed.
 */
export function diffRecords<T extends object>(
  before: T | null,
  after: T,
  ignore: readonly string[] = ['updated_at', 'created_at'],
): Changes {
  const out: Changes = {};
  const prev = before as Record<string, unknown> | null;
  const next = after as Record<string, unknown>;
  for (const key of Object.keys(next)) {
    if (ignore.includes(key)) continue;
    const a = prev ? prev[key] : null;
    const b = next[key];
    if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) out[key] = [a ?? null, b ?? null];
  }
  return out;
}

/** Why one entry fails verification, or null when it links correctly to the one before it. */
export function checkLink(
  entry: ChainedEntry & { hash: string },
  expectedSeq: number,
  previousHash: string,
): string | null {
  if (entry.seq !== expectedSeq) return `sequence gap: expected ${expectedSeq}, found ${entry.seq}`;
  if (entry.prev_hash !== previousHash) return 'previous-hash link does not match the entry before it';
  if (entryHash(entry) !== entry.hash) return 'content does not match its hash';
  return null;
}
