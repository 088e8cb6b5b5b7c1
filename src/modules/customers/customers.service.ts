/** Customers (operator, enterprise, household) and their contacts (domain.md §1). */
import { type AppContext, inTransaction } from '../../app/context.ts';
import type { CustomerContactTable, CustomerTable } from '../../db/schema.ts';
import { notFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { HistoryActor, Scope } from '../access/policy.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import { requireRegions } from '../partners/partners.service.ts';
import * as repo from './customers.repository.ts';
import type { CustomerKind } from './customers.rules.ts';

export interface CustomerCreate {
  code: string;
  name: string;
  kind: CustomerKind;
  regionId: string;
}

export type CustomerUpdate = Partial<CustomerCreate>;

export interface ContactCreate {
  name: string;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  title?: string | null | undefined;
  isEscort?: boolean | undefined;
}

export type ContactUpdate = Partial<ContactCreate> & { active?: boolean | undefined };

/** Creates a customer in a region, with history. */
export async function createCustomer(
  ctx: AppContext,
  actor: HistoryActor,
  input: CustomerCreate,
): Promise<CustomerTable> {
  return inTransaction(ctx, async (tx) => {
    await requireRegions(tx, [input.regionId], 'regionId');
    const now = tx.clock.now().toISOString();
    const row: CustomerTable = {
      id: newId(),
      code: input.code,
      name: input.name,
      kind: input.kind,
      region_id: input.regionId,
      created_at: now,
      updated_at: now,
    };
    await repo.insertCustomer(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'customer',
      entityId: row.id,
      action: 'create',
      changes: diffRecords(null, row),
    });
    return row;
  });
}

/** Changes a customer's code, name, kind or region, with history. */
export async function updateCustomer(
  ctx: AppContext,
  actor: HistoryActor,
  id: string,
  input: CustomerUpdate,
  reason?: string,
): Promise<CustomerTable> {
  return inTransaction(ctx, async (tx) => {
    await tx.kit.lockRow(tx.db, 'customers', id);
    const before = await repo.findCustomer(tx.db, id);
    if (!before) throw notFound('customer');
    if (input.regionId !== undefined) await requireRegions(tx, [input.regionId], 'regionId');
    const after: CustomerTable = {
      ...before,
      code: input.code ?? before.code,
      name: input.name ?? before.name,
      kind: input.kind ?? before.kind,
      region_id: input.regionId ?? before.region_id,
      updated_at: tx.clock.now().toISOString(),
    };
    const changes = diffRecords(before, after);
    if (Object.keys(changes).length === 0) return before;
    await repo.updateCustomer(tx.db, id, after);
    await recordHistory(tx, actor, {
      entityType: 'customer',
      entityId: id,
      action: 'update',
      changes,
      reason,
    });
    return after;
  });
}

/** A customer the scope may see, or 404. */
export async function getCustomer(ctx: AppContext, scope: Scope, id: string): Promise<CustomerTable> {
  const row = await repo.findVisibleCustomer(ctx.db, scope, id);
  if (!row) throw notFound('customer');
  return row;
}

/** Customers the scope may see. */
export function listCustomers(
  ctx: AppContext,
  scope: Scope,
  filter: Parameters<typeof repo.listCustomers>[2],
  page: { limit: number; offset: number },
) {
  return repo.listCustomers(ctx.db, scope, filter, page, ctx.kit.ilike);
}

/** Adds a contact person to a customer (name, phone, email, title, escort flag), with history. */
export async function addContact(
  ctx: AppContext,
  actor: HistoryActor,
  customerId: string,
  input: ContactCreate,
): Promise<CustomerContactTable> {
  return inTransaction(ctx, async (tx) => {
    const customer = await repo.findCustomer(tx.db, customerId);
    if (!customer) throw notFound('customer');
    const now = tx.clock.now().toISOString();
    const row: CustomerContactTable = {
      id: newId(),
      customer_id: customerId,
      name: input.name,
      phone: input.phone ?? null,
      email: input.email ?? null,
      title: input.title ?? null,
      is_escort: input.isEscort ? 1 : 0,
      active: 1,
      created_at: now,
      updated_at: now,
    };
    await repo.insertContact(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'contact',
      entityId: row.id,
      action: 'create',
      changes: diffRecords(null, row),
    });
    return row;
  });
}

/** Changes a contact; `active: false` retires it (contacts are never deleted). */
export async function updateContact(
  ctx: AppContext,
  actor: HistoryActor,
  id: string,
  input: ContactUpdate,
  reason?: string,
): Promise<CustomerContactTable> {
  return inTransaction(ctx, async (tx) => {
    await tx.kit.lockRow(tx.db, 'customer_contacts', id);
    const before = await repo.findContact(tx.db, id);
    if (!before) throw notFound('contact');
    const after: CustomerContactTable = {
      ...before,
      name: input.name ?? before.name,
      phone: input.phone === undefined ? before.phone : input.phone,
      email: input.email === undefined ? before.email : input.email,
      title: input.title === undefined ? before.title : input.title,
      is_escort: input.isEscort === undefined ? before.is_escort : input.isEscort ? 1 : 0,
      active: input.active === undefined ? before.active : input.active ? 1 : 0,
      updated_at: tx.clock.now().toISOString(),
    };
    const changes = diffRecords(before, after);
    if (Object.keys(changes).length === 0) return before;
    await repo.updateContact(tx.db, id, after);
    const action = changes.active ? (after.active ? 'reactivate' : 'deactivate') : 'update';
    await recordHistory(tx, actor, { entityType: 'contact', entityId: id, action, changes, reason });
    return after;
  });
}

/** The contacts of a customer the scope may see (404 when the customer is out of scope). */
export async function listContacts(
  ctx: AppContext,
  scope: Scope,
  customerId: string,
  includeInactive = false,
): Promise<CustomerContactTable[]> {
  await getCustomer(ctx, scope, customerId);
  return repo.listContacts(ctx.db, customerId, includeInactive);
}

/** A contact whose customer the scope may see, or 404. */
export async function getContact(ctx: AppContext, scope: Scope, id: string): Promise<CustomerContactTable> {
  const row = await repo.findContact(ctx.db, id);
  if (!row || !(await repo.findVisibleCustomer(ctx.db, scope, row.customer_id))) throw notFound('contact');
  return row;
}
