/** Equipment at sites: product, model, serial, software version, maintenance-contract end. */
import { type AppContext, inTransaction } from '../../app/context.ts';
import type { EquipmentTable } from '../../db/schema.ts';
import { invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { HistoryActor, Scope } from '../access/policy.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import * as sites from '../sites/sites.queries.ts';
import * as repo from './equipment.repository.ts';

export interface EquipmentCreate {
  siteId: string;
  product: string;
  model: string;
  serialNo?: string | null | undefined;
  softwareVersion?: string | null | undefined;
  /** Last day of the maintenance contract, YYYY-MM-DD. */
  contractEndsOn?: string | null | undefined;
}

export type EquipmentUpdate = Partial<EquipmentCreate>;

async function requireSite(ctx: AppContext, id: string): Promise<void> {
  if (!(await sites.findSite(ctx.db, id))) throw invalid([problem('siteId', '站点不存在', 'no such site')]);
}

/** Registers a unit of equipment at a site, with history. */
export async function createEquipment(
  ctx: AppContext,
  actor: HistoryActor,
  input: EquipmentCreate,
): Promise<EquipmentTable> {
  return inTransaction(ctx, async (tx) => {
    await requireSite(tx, input.siteId);
    const now = tx.clock.now().toISOString();
    const row: EquipmentTable = {
      id: newId(),
      site_id: input.siteId,
      product: input.product,
      model: input.model,
      serial_no: input.serialNo ?? null,
      software_version: input.softwareVersion ?? null,
      contract_ends_on: input.contractEndsOn ?? null,
      created_at: now,
      updated_at: now,
    };
    await repo.insertEquipment(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'equipment',
      entityId: row.id,
      action: 'create',
      changes: diffRecords(null, row),
    });
    return row;
  });
}

/** Changes equipment (an upgrade, a move to another site, a renewed contract), with history. */
export async function updateEquipment(
  ctx: AppContext,
  actor: HistoryActor,
  id: string,
  input: EquipmentUpdate,
  reason?: string,
): Promise<EquipmentTable> {
  return inTransaction(ctx, async (tx) => {
    await tx.kit.lockRow(tx.db, 'equipment', id);
    const before = await repo.findEquipment(tx.db, id);
    if (!before) throw notFound('equipment');
    if (input.siteId !== undefined) await requireSite(tx, input.siteId);
    const after: EquipmentTable = {
      ...before,
      site_id: input.siteId ?? before.site_id,
      product: input.product ?? before.product,
      model: input.model ?? before.model,
      serial_no: input.serialNo === undefined ? before.serial_no : input.serialNo,
      software_version: input.softwareVersion === undefined ? before.software_version : input.softwareVersion,
      contract_ends_on: input.contractEndsOn === undefined ? before.contract_ends_on : input.contractEndsOn,
      updated_at: tx.clock.now().toISOString(),
    };
    const changes = diffRecords(before, after);
    if (Object.keys(changes).length === 0) return before;
    await repo.updateEquipment(tx.db, id, after);
    await recordHistory(tx, actor, {
      entityType: 'equipment',
      entityId: id,
      action: 'update',
      changes,
      reason,
    });
    return after;
  });
}

/** Equipment the scope may see, or 404. */
export async function getEquipment(ctx: AppContext, scope: Scope, id: string): Promise<EquipmentTable> {
  const row = await repo.findVisibleEquipment(ctx.db, scope, id);
  if (!row) throw notFound('equipment');
  return row;
}

/** Equipment the scope may see. */
export function listEquipment(
  ctx: AppContext,
  scope: Scope,
  filter: Parameters<typeof repo.listEquipment>[2],
  page: { limit: number; offset: number },
) {
  return repo.listEquipment(ctx.db, scope, filter, page, ctx.kit.ilike);
}
