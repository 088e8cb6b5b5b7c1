/**
 * RS-7, pure: how one reconciliation's findings meet the items already on record. An item is
 * keyed by line, kind and field, so the same export imported twice finds every item it made the
 * first time and changes nothing; an explanation stands while the mismatch stays the same.
 */
import type { Difference } from './ledger.reconcile.ts';
import type { ItemState, LedgerItemTable } from './ledger.tables.ts';

export type ItemKey = string;
export const itemKey = (i: { lineNo: string; kind: string; field: string }): ItemKey =>
  `${i.lineNo}\u001f${i.kind}\u001f${i.field}`;
const rowKey = (r: LedgerItemTable) => itemKey({ lineNo: r.line_no, kind: r.kind, field: r.field });

export interface ItemPlan {
  /** Findings no item records yet. */
  open: Difference[];
  /** Items found again but changed, or closed before and back now: reopened with these values. */
  reopen: { item: LedgerItemTable; finding: Difference }[];
  /** Open items this export no longer shows. */
  gone: LedgerItemTable[];
}

const sameValues = (r: LedgerItemTable, d: Difference) =>
  r.eoms_value === d.eomsValue && r.ledger_value === d.ledgerValue && r.region_name === d.regionName;

/** What to do with each finding; an item whose finding is unchanged is left exactly as it is. */
export function planItems(existing: LedgerItemTable[], findings: Difference[]): ItemPlan {
  const byKey = new Map(existing.map((r) => [rowKey(r), r]));
  const found = new Set<ItemKey>();
  const plan: ItemPlan = { open: [], reopen: [], gone: [] };
  for (const d of findings) {
    const key = itemKey(d);
    found.add(key);
    const item = byKey.get(key);
    if (!item) plan.open.push(d);
    else if (!stillSettled(item.state, sameValues(item, d))) plan.reopen.push({ item, finding: d });
  }
  for (const r of existing) if (r.state === 'open' && !found.has(rowKey(r))) plan.gone.push(r);
  return plan;
}

/**
 * Whether an item found again stays as it is: an open item or an explanation stands while the
 * values are the same; a corrected or vanished mismatch that is back is a new problem.
 */
function stillSettled(state: ItemState, same: boolean): boolean {
  if (!same) return false;
  return state === 'open' || state === 'explained';
}
