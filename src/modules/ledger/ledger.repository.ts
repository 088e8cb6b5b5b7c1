/** All SQL of the subscriber ledger and its reconciliation (RS-7). */
import type { Kysely } from 'kysely';
import type { DialectKit } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import type { LineFacts } from './ledger.rules.ts';
import type {
  ItemKind,
  ItemState,
  LedgerImportTable,
  LedgerItemTable,
  LedgerLineTable,
} from './ledger.tables.ts';

/**
 * The partner a scope limits ledger records to: undefined = every partner (own staff),
 * null = none (customers), else that partner's id.
 */
function scopePartner(scope: Scope): string | null | undefined {
  if (scope.kind === 'partner') return scope.partnerId;
  if (scope.kind === 'customer') return null;
  return undefined;
}

/** The partner filter a query needs: the scope's and the caller's filter must agree. */
function partnerFilter(scope: Scope, asked: string | undefined): string | null | undefined {
  const own = scopePartner(scope);
  if (own === null) return null;
  if (own && asked && asked !== own) return null;
  return own ?? asked;
}

export const toFacts = (l: LedgerLineTable): LineFacts => ({
  lineNo: l.line_no,
  kind: l.kind,
  regionName: l.region_name,
  customerName: l.customer_name,
  address: l.address,
  bandwidth: l.bandwidth,
  status: l.status,
});

const PAGE = 5000;

/** Every ledger line of a partner, in pages by line number so a million lines are never all in memory. */
export async function* partnerLines(db: Kysely<DB>, partnerId: string): AsyncGenerator<LineFacts[]> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('ledger_lines')
      .selectAll()
      .where('partner_id', '=', partnerId)
      .where('line_no', '>', after)
      .orderBy('line_no')
      .limit(PAGE)
      .execute();
    yield rows.map(toFacts);
    if (rows.length < PAGE) return;
    after = (rows[rows.length - 1] as LedgerLineTable).line_no;
  }
}

export async function linesByNo(db: Kysely<DB>, partnerId: string, lineNos: string[]) {
  if (!lineNos.length) return [];
  return db
    .selectFrom('ledger_lines')
    .selectAll()
    .where('partner_id', '=', partnerId)
    .where('line_no', 'in', lineNos)
    .execute();
}

export function lockLine(db: Kysely<DB>, kit: DialectKit, partnerId: string, lineNo: string) {
  const q = db
    .selectFrom('ledger_lines')
    .selectAll()
    .where('partner_id', '=', partnerId)
    .where('line_no', '=', lineNo);
  return kit.forUpdate(q).executeTakeFirst();
}

export async function insertLine(db: Kysely<DB>, row: LedgerLineTable): Promise<void> {
  await db.insertInto('ledger_lines').values(row).execute();
}

export async function updateLine(db: Kysely<DB>, row: LedgerLineTable): Promise<void> {
  const { id, partner_id, line_no, created_at, ...rest } = row;
  await db.updateTable('ledger_lines').set(rest).where('id', '=', id).execute();
}

export async function deleteLine(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('ledger_lines').where('id', '=', id).execute();
}

export interface LineFilter {
  partnerId?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

export function listLines(db: Kysely<DB>, kit: DialectKit, scope: Scope, f: LineFilter) {
  const partner = partnerFilter(scope, f.partnerId);
  if (partner === null) return Promise.resolve([]);
  let q = db.selectFrom('ledger_lines').selectAll();
  if (partner) q = q.where('partner_id', '=', partner);
  if (f.q)
    q = q.where((eb) =>
      eb.or([eb('line_no', kit.ilike, `%${f.q}%`), eb('customer_name', kit.ilike, `%${f.q}%`)]),
    );
  return q.orderBy('line_no').limit(f.limit).offset(f.offset).execute();
}

/**
 * Lines per team, region name, kind and status that the scope may see (RS-4 capacity). The
 * `ledger_lines_counts` index holds exactly these columns, so the count reads the index only.
 */
export async function lineCounts(db: Kysely<DB>, scope: Scope) {
  const partner = partnerFilter(scope, undefined);
  if (partner === null) return [];
  let q = db
    .selectFrom('ledger_lines')
    .select(['partner_id', 'region_name', 'kind', 'status'])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .groupBy(['partner_id', 'region_name', 'kind', 'status']);
  if (partner) q = q.where('partner_id', '=', partner);
  // PostgreSQL answers count(*) as a bigint string.
  return (await q.execute()).map((r) => ({ ...r, n: Number(r.n) }));
}

export async function findVisibleLine(db: Kysely<DB>, scope: Scope, id: string) {
  const row = await db.selectFrom('ledger_lines').selectAll().where('id', '=', id).executeTakeFirst();
  return row && partnerFilter(scope, row.partner_id) !== null ? row : undefined;
}

/** Every item of a partner (all states), for the import to match its findings against. */
export function partnerItems(db: Kysely<DB>, partnerId: string) {
  return db.selectFrom('ledger_items').selectAll().where('partner_id', '=', partnerId).execute();
}

export async function insertItems(db: Kysely<DB>, rows: LedgerItemTable[]): Promise<void> {
  // Batches keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('ledger_items')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function saveItem(db: Kysely<DB>, row: LedgerItemTable): Promise<void> {
  const { id, partner_id, line_no, kind, field, created_at, ...rest } = row;
  await db.updateTable('ledger_items').set(rest).where('id', '=', id).execute();
}

export function lockItem(db: Kysely<DB>, kit: DialectKit, id: string) {
  return kit.forUpdate(db.selectFrom('ledger_items').selectAll().where('id', '=', id)).executeTakeFirst();
}

export interface ItemFilter {
  partnerId?: string | undefined;
  kind?: ItemKind | undefined;
  state?: ItemState | undefined;
  regionName?: string | undefined;
  lineNo?: string | undefined;
  limit: number;
  offset: number;
}

export function listItems(db: Kysely<DB>, scope: Scope, f: ItemFilter) {
  const partner = partnerFilter(scope, f.partnerId);
  if (partner === null) return Promise.resolve([]);
  let q = db.selectFrom('ledger_items').selectAll();
  if (partner) q = q.where('partner_id', '=', partner);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.regionName) q = q.where('region_name', '=', f.regionName);
  if (f.lineNo) q = q.where('line_no', '=', f.lineNo);
  return q.orderBy('line_no').orderBy('kind').orderBy('field').limit(f.limit).offset(f.offset).execute();
}

export async function findVisibleItem(db: Kysely<DB>, scope: Scope, id: string) {
  const row = await db.selectFrom('ledger_items').selectAll().where('id', '=', id).executeTakeFirst();
  return row && partnerFilter(scope, row.partner_id) !== null ? row : undefined;
}

export async function insertImport(db: Kysely<DB>, row: LedgerImportTable): Promise<void> {
  await db.insertInto('ledger_imports').values(row).execute();
}

export async function saveImportOutcome(
  db: Kysely<DB>,
  id: string,
  o: Pick<
    LedgerImportTable,
    'rows_read' | 'rows_rejected' | 'rejected_json' | 'items_opened' | 'items_closed'
  >,
): Promise<void> {
  await db.updateTable('ledger_imports').set(o).where('id', '=', id).execute();
}

export function listImports(db: Kysely<DB>, scope: Scope, limit: number, offset: number) {
  const partner = partnerFilter(scope, undefined);
  if (partner === null) return Promise.resolve([]);
  let q = db.selectFrom('ledger_imports').selectAll();
  if (partner) q = q.where('partner_id', '=', partner);
  return q.orderBy('created_at', 'desc').limit(limit).offset(offset).execute();
}

export async function findVisibleImport(db: Kysely<DB>, scope: Scope, id: string) {
  const row = await db.selectFrom('ledger_imports').selectAll().where('id', '=', id).executeTakeFirst();
  return row && partnerFilter(scope, row.partner_id) !== null ? row : undefined;
}
