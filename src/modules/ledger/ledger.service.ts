/**
 * Subscriber ledger and EOMS reconciliation (RS-7): importing a vendor's ledger, importing an
 * EOMS export against it, and correcting or explaining each mismatch. Every use case locks the
 * partner (imports) or the item (resolutions) first and writes its history in the same
 * transaction; importing the same file twice changes nothing.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { AppError, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { HistoryActor, Scope } from '../access/policy.ts';
import { personIdOf, scopeOf } from '../access/principal.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import { getPartner } from '../partners/partners.service.ts';
import { type ItemPlan, planItems } from './ledger.items.ts';
import { type Difference, type RejectedRow, reconcile } from './ledger.reconcile.ts';
import * as repo from './ledger.repository.ts';
import { COMPARED, type ComparedField, type LineFacts, mapHeaders, rowFacts } from './ledger.rules.ts';
import type { ImportTarget, LedgerImportTable, LedgerItemTable, LedgerLineTable } from './ledger.tables.ts';

export interface ImportInput {
  partnerId: string;
  target: ImportTarget;
  fileName: string;
  sha256: string;
  /** The file's records, header row first. */
  records: AsyncIterable<string[]>;
  onProgress?: (rowsRead: number) => void;
}

/** The partner whose ledger it is, visible to the actor, else a 422 naming the field. */
async function requirePartner(tx: AppContext, actor: HistoryActor, partnerId: string): Promise<void> {
  try {
    await getPartner(tx, scopeOf(actor), partnerId);
  } catch (e) {
    if (e instanceof AppError && e.status === 404)
      throw invalid([problem('partnerId', '合作方不存在', 'no such partner')]);
    throw e;
  }
}

/** Imports a file into the ledger or reconciles an EOMS export with it; returns the import record. */
export function importFile(
  ctx: AppContext,
  actor: HistoryActor,
  input: ImportInput,
): Promise<LedgerImportTable> {
  return inTransaction(ctx, async (tx) => {
    await requirePartner(tx, actor, input.partnerId);
    // One import per partner at a time: the second waits and then sees the first one's items.
    await tx.kit.lockRow(tx.db, 'partners', input.partnerId);
    const now = tx.clock.now().toISOString();
    const row: LedgerImportTable = {
      id: newId(),
      partner_id: input.partnerId,
      target: input.target,
      file_name: input.fileName,
      sha256: input.sha256,
      rows_read: 0,
      rows_rejected: 0,
      rejected_json: '[]',
      items_opened: 0,
      items_closed: 0,
      actor_id: personIdOf(actor),
      created_at: now,
    };
    // The import row first: the items it opens point at it.
    await repo.insertImport(tx.db, row);
    const outcome =
      input.target === 'eoms'
        ? await reconcileExport(tx, actor, row, input)
        : await loadLedger(tx, actor, row, input);
    Object.assign(row, outcome);
    await repo.saveImportOutcome(tx.db, row.id, outcome);
    await recordHistory(tx, actor, {
      entityType: 'ledger_import',
      entityId: row.id,
      action: input.target === 'eoms' ? 'reconcile' : 'import',
      changes: {
        file_name: row.file_name,
        rows_read: row.rows_read,
        rows_rejected: row.rows_rejected,
        items_opened: row.items_opened,
        items_closed: row.items_closed,
      },
    });
    return row;
  });
}

type Outcome = Pick<
  LedgerImportTable,
  'rows_read' | 'rows_rejected' | 'rejected_json' | 'items_opened' | 'items_closed'
>;
const outcome = (rowsRead: number, rejected: RejectedRow[], opened = 0, closed = 0): Outcome => ({
  rows_read: rowsRead,
  rows_rejected: rejected.length,
  rejected_json: JSON.stringify(rejected),
  items_opened: opened,
  items_closed: closed,
});

async function reconcileExport(
  tx: AppContext,
  actor: HistoryActor,
  imp: LedgerImportTable,
  input: ImportInput,
): Promise<Outcome> {
  const partnerId = input.partnerId;
  const result = await reconcile({
    ledger: repo.partnerLines(tx.db, partnerId),
    eoms: input.records,
    ledgerLines: async (nos) => (await repo.linesByNo(tx.db, partnerId, nos)).map(repo.toFacts),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  headerRefusal(result.rejected, result.rowsRead);
  const plan = planItems(await repo.partnerItems(tx.db, partnerId), result.differences);
  const opened = await applyPlan(tx, actor, imp, plan);
  return outcome(result.rowsRead, result.rejected, opened, plan.gone.length);
}

/** A file whose header is wrong is refused whole, naming the missing headers. */
function headerRefusal(rejected: RejectedRow[], rowsRead: number): void {
  const first = rejected[0];
  if (rowsRead === 0 && first && first.rowNo === 1) throw invalid(first.problems);
}

async function applyPlan(
  tx: AppContext,
  actor: HistoryActor,
  imp: LedgerImportTable,
  plan: ItemPlan,
): Promise<number> {
  const now = imp.created_at;
  const fresh: LedgerItemTable[] = plan.open.map((d) => ({
    id: newId(),
    partner_id: imp.partner_id,
    line_no: d.lineNo,
    kind: d.kind,
    field: d.field,
    eoms_value: d.eomsValue,
    ledger_value: d.ledgerValue,
    region_name: d.regionName,
    eoms_json: d.eomsFacts ? JSON.stringify(d.eomsFacts) : null,
    state: 'open',
    note: null,
    import_id: imp.id,
    resolved_by: null,
    resolved_at: null,
    created_at: now,
    updated_at: now,
  }));
  await repo.insertItems(tx.db, fresh);
  for (const item of fresh)
    await recordHistory(tx, actor, {
      entityType: 'ledger_item',
      entityId: item.id,
      action: 'open',
      changes: diffRecords(null, item),
    });
  for (const { item, finding } of plan.reopen)
    await changeItem(tx, actor, item, 'reopen', {
      eoms_value: finding.eomsValue,
      ledger_value: finding.ledgerValue,
      region_name: finding.regionName,
      state: 'open',
      note: null,
      resolved_by: null,
      resolved_at: null,
      import_id: imp.id,
      updated_at: now,
    });
  for (const item of plan.gone)
    await changeItem(tx, actor, item, 'gone', { state: 'gone', import_id: imp.id, updated_at: now });
  return fresh.length + plan.reopen.length;
}

async function changeItem(
  tx: AppContext,
  actor: HistoryActor,
  before: LedgerItemTable,
  action: string,
  patch: Partial<LedgerItemTable>,
  reason?: string,
): Promise<LedgerItemTable> {
  const after = { ...before, ...patch };
  await repo.saveItem(tx.db, after);
  await recordHistory(tx, actor, {
    entityType: 'ledger_item',
    entityId: after.id,
    action,
    changes: diffRecords(before, after),
    reason,
  });
  return after;
}

const BATCH = 500;

/** Loads the vendor's own ledger from a file: new lines added, changed lines updated, the rest untouched. */
async function loadLedger(
  tx: AppContext,
  actor: HistoryActor,
  imp: LedgerImportTable,
  input: ImportInput,
): Promise<Outcome> {
  const rejected: RejectedRow[] = [];
  const seen = new Set<string>();
  let map: ReturnType<typeof mapHeaders> | null = null;
  let rowNo = 0;
  let batch: LineFacts[] = [];
  let changed = 0;
  for await (const cells of input.records) {
    rowNo += 1;
    if (!map) {
      map = mapHeaders(cells);
      if ('problems' in map) throw invalid(map.problems);
      continue;
    }
    if ('problems' in map) break;
    const row = rowFacts(cells, map.map);
    if ('problems' in row) {
      rejected.push({ rowNo, problems: row.problems });
      continue;
    }
    if (seen.has(row.facts.lineNo)) {
      rejected.push({
        rowNo,
        problems: [problem('电路编号', '电路编号在文件中重复', 'the line number repeats in the file')],
      });
      continue;
    }
    seen.add(row.facts.lineNo);
    batch.push(row.facts);
    if (batch.length >= BATCH) {
      changed += await upsertLines(tx, actor, imp, batch);
      batch = [];
    }
    if (rowNo % 10_000 === 0) input.onProgress?.(rowNo - 1);
  }
  if (!map) throw invalid([problem('file', '文件是空的', 'the file is empty')]);
  changed += await upsertLines(tx, actor, imp, batch);
  input.onProgress?.(Math.max(0, rowNo - 1));
  return outcome(Math.max(0, rowNo - 1), rejected, changed);
}

const lineColumns = (f: LineFacts) => ({
  kind: f.kind,
  region_name: f.regionName,
  customer_name: f.customerName,
  address: f.address,
  bandwidth: f.bandwidth,
  status: f.status,
});

async function upsertLines(
  tx: AppContext,
  actor: HistoryActor,
  imp: LedgerImportTable,
  facts: LineFacts[],
): Promise<number> {
  const existing = new Map(
    (
      await repo.linesByNo(
        tx.db,
        imp.partner_id,
        facts.map((f) => f.lineNo),
      )
    ).map((l) => [l.line_no, l]),
  );
  let changed = 0;
  for (const f of facts) {
    const before = existing.get(f.lineNo);
    if (before && COMPARED.every((c) => repo.toFacts(before)[c] === f[c])) continue;
    const after: LedgerLineTable = before
      ? { ...before, ...lineColumns(f), updated_at: imp.created_at }
      : {
          id: newId(),
          partner_id: imp.partner_id,
          line_no: f.lineNo,
          ...lineColumns(f),
          created_at: imp.created_at,
          updated_at: imp.created_at,
        };
    if (before) await repo.updateLine(tx.db, after);
    else await repo.insertLine(tx.db, after);
    await recordHistory(tx, actor, {
      entityType: 'ledger_line',
      entityId: after.id,
      action: before ? 'update' : 'create',
      changes: diffRecords(before ?? null, after),
    });
    changed += 1;
  }
  return changed;
}

export type Resolution =
  | { action: 'correct'; note?: string | undefined }
  | { action: 'explain'; note: string };

/**
 * Closes an open item: "correct" makes the ledger agree with EOMS (the field takes EOMS's value,
 * a line only EOMS has is added, a line only the ledger has is removed); "explain" keeps the
 * ledger and records why the difference is right.
 */
export function resolveItem(
  ctx: AppContext,
  actor: HistoryActor,
  id: string,
  r: Resolution,
): Promise<LedgerItemTable> {
  return inTransaction(ctx, async (tx) => {
    if (!(await repo.findVisibleItem(tx.db, scopeOf(actor), id))) throw notFound('ledger_item');
    const item = await repo.lockItem(tx.db, tx.kit, id);
    if (!item) throw notFound('ledger_item');
    if (item.state !== 'open')
      throw new AppError(409, 'ledger_item_closed', {}, [
        problem('state', '此差异已处理，不能再次处理', 'this difference has already been settled'),
      ]);
    const now = tx.clock.now().toISOString();
    if (r.action === 'correct') await correctLedger(tx, actor, item, now);
    return changeItem(
      tx,
      actor,
      item,
      r.action,
      {
        state: r.action === 'correct' ? 'corrected' : 'explained',
        note: r.note ?? null,
        resolved_by: personIdOf(actor),
        resolved_at: now,
        updated_at: now,
      },
      r.note,
    );
  });
}

async function correctLedger(tx: AppContext, actor: HistoryActor, item: LedgerItemTable, now: string) {
  const line = await repo.lockLine(tx.db, tx.kit, item.partner_id, item.line_no);
  const stale = () =>
    new AppError(409, 'ledger_item_stale', {}, [
      problem('state', '台账已变化，请重新对账', 'the ledger has changed since; import the export again'),
    ]);
  if (item.kind === 'only_eoms') {
    const facts = item.eoms_json ? (JSON.parse(item.eoms_json) as LineFacts | null) : null;
    if (line || !facts) throw stale();
    const after: LedgerLineTable = {
      id: newId(),
      partner_id: item.partner_id,
      line_no: item.line_no,
      ...lineColumns(facts),
      created_at: now,
      updated_at: now,
    };
    await repo.insertLine(tx.db, after);
    return lineHistory(tx, actor, null, after, 'create');
  }
  if (!line) throw stale();
  if (item.kind === 'only_ledger') {
    await repo.deleteLine(tx.db, line.id);
    return recordHistory(tx, actor, {
      entityType: 'ledger_line',
      entityId: line.id,
      action: 'delete',
      changes: Object.fromEntries(Object.entries(line).map(([k, v]) => [k, [v, null]])),
    });
  }
  const field = item.field as ComparedField;
  if (repo.toFacts(line)[field] !== item.ledger_value) throw stale();
  const column = lineColumnOf[field];
  const after = { ...line, [column]: item.eoms_value ?? '', updated_at: now } as LedgerLineTable;
  await repo.updateLine(tx.db, after);
  return lineHistory(tx, actor, line, after, 'update');
}

const lineColumnOf: Record<ComparedField, keyof LedgerLineTable> = {
  kind: 'kind',
  regionName: 'region_name',
  customerName: 'customer_name',
  address: 'address',
  bandwidth: 'bandwidth',
  status: 'status',
};

function lineHistory(
  tx: AppContext,
  actor: HistoryActor,
  before: LedgerLineTable | null,
  after: LedgerLineTable,
  action: string,
) {
  return recordHistory(tx, actor, {
    entityType: 'ledger_line',
    entityId: after.id,
    action,
    changes: diffRecords(before, after),
  });
}

export const listItems = (ctx: AppContext, scope: Scope, f: repo.ItemFilter) =>
  repo.listItems(ctx.db, scope, f);
export const listLines = (ctx: AppContext, scope: Scope, f: repo.LineFilter) =>
  repo.listLines(ctx.db, ctx.kit, scope, f);
/** Lines per team, region name, kind (home / enterprise) and status in the scope: one grouped count (RS-4). */
export const lineCounts = (ctx: AppContext, scope: Scope) => repo.lineCounts(ctx.db, scope);
export const listImports = (ctx: AppContext, scope: Scope, limit: number, offset: number) =>
  repo.listImports(ctx.db, scope, limit, offset);

export async function getItem(ctx: AppContext, scope: Scope, id: string): Promise<LedgerItemTable> {
  const row = await repo.findVisibleItem(ctx.db, scope, id);
  if (!row) throw notFound('ledger_item');
  return row;
}

export async function getImport(ctx: AppContext, scope: Scope, id: string): Promise<LedgerImportTable> {
  const row = await repo.findVisibleImport(ctx.db, scope, id);
  if (!row) throw notFound('ledger_import');
  return row;
}

export async function getLine(ctx: AppContext, scope: Scope, id: string): Promise<LedgerLineTable> {
  const row = await repo.findVisibleLine(ctx.db, scope, id);
  if (!row) throw notFound('ledger_line');
  return row;
}

export type { Difference };
