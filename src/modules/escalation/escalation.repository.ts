/** All SQL for escalation ladders, escalations and who holds a role for a region. */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import type { Role } from '../access/roles.ts';
import { scopedOrders } from '../work-orders/work-orders.queries.ts';
import type { EscalationLadderTable, EscalationTable } from './escalation.tables.ts';

/** Ids of a region and its ancestors, nearest first (from the materialised path). */
export async function regionChain(db: Kysely<DB>, regionId: string): Promise<string[]> {
  const r = await db.selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirst();
  if (!r) return [regionId];
  return r.path.split('/').filter(Boolean).reverse();
}

export function ladderRows(db: Kysely<DB>, regionId: string | null) {
  let q = db.selectFrom('escalation_ladders').selectAll();
  q = regionId === null ? q.where('region_id', 'is', null) : q.where('region_id', '=', regionId);
  return q.orderBy('step_no').execute();
}

export async function replaceLadder(db: Kysely<DB>, regionId: string | null, rows: EscalationLadderTable[]) {
  let d = db.deleteFrom('escalation_ladders');
  d = regionId === null ? d.where('region_id', 'is', null) : d.where('region_id', '=', regionId);
  await d.execute();
  if (rows.length) await db.insertInto('escalation_ladders').values(rows).execute();
}

/** Active people holding a role, with the regions they are attached to (none = organisation-wide). */
export async function holdersOfRole(db: Kysely<DB>, role: Role) {
  const people = await db
    .selectFrom('people')
    .innerJoin('person_roles', 'person_roles.person_id', 'people.id')
    .select(['people.id', 'people.display_name', 'people.phone', 'people.email'])
    .where('person_roles.role', '=', role)
    .where('people.active', '=', 1)
    .orderBy('people.display_name')
    .execute();
  if (people.length === 0) return [];
  const links = await db
    .selectFrom('person_regions')
    .select(['person_id', 'region_id'])
    .where(
      'person_id',
      'in',
      people.map((p) => p.id),
    )
    .execute();
  return people.map((p) => ({
    ...p,
    regionIds: links.filter((l) => l.person_id === p.id).map((l) => l.region_id),
  }));
}

export async function insertEscalation(db: Kysely<DB>, row: EscalationTable): Promise<void> {
  await db.insertInto('escalations').values(row).execute();
}

export function findEscalation(db: Kysely<DB>, id: string) {
  return db.selectFrom('escalations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateEscalation(db: Kysely<DB>, id: string, patch: Partial<EscalationTable>) {
  await db.updateTable('escalations').set(patch).where('id', '=', id).execute();
}

export async function addRecipients(
  db: Kysely<DB>,
  escalationId: string,
  level: number,
  personIds: string[],
  at: string,
) {
  if (personIds.length === 0) return;
  await db
    .insertInto('escalation_recipients')
    .values(
      personIds.map((person_id) => ({ escalation_id: escalationId, person_id, level, notified_at: at })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function isRecipient(db: Kysely<DB>, escalationId: string, personId: string) {
  const r = await db
    .selectFrom('escalation_recipients')
    .select('person_id')
    .where('escalation_id', '=', escalationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return r !== undefined;
}

export function recipientsOf(db: Kysely<DB>, escalationId: string) {
  return db
    .selectFrom('escalation_recipients')
    .selectAll()
    .where('escalation_id', '=', escalationId)
    .orderBy('level')
    .execute();
}

export function escalationsOf(db: Kysely<DB>, subjectType: string, subjectId: string) {
  return db
    .selectFrom('escalations')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('created_at')
    .execute();
}

export async function listEscalations(
  db: Kysely<DB>,
  filter: {
    open?: boolean | undefined;
    personId?: string | undefined;
    regionPaths?: string[] | undefined;
    /** A partner's scope: an escalation about an order shows only if the order does (§1). */
    partner?: Scope | undefined;
  },
  page: { limit: number; offset: number },
) {
  let q = db.selectFrom('escalations').innerJoin('regions', 'regions.id', 'escalations.region_id');
  if (filter.open) q = q.where('escalations.acknowledged_at', 'is', null);
  if (filter.personId) {
    const pid = filter.personId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('escalation_recipients')
          .select('escalation_recipients.person_id')
          .whereRef('escalation_recipients.escalation_id', '=', 'escalations.id')
          .where('escalation_recipients.person_id', '=', pid),
      ),
    );
  }
  if (filter.partner) {
    const scope = filter.partner;
    q = q.where((eb) =>
      eb.or([
        eb('escalations.subject_type', '!=', 'work_order'),
        eb.exists(
          scopedOrders(db, scope)
            .select('o.id')
            .where('o.id', '=', sql.ref<string>('escalations.subject_id')),
        ),
      ]),
    );
  }
  if (filter.regionPaths) {
    const paths = filter.regionPaths;
    q = q.where((eb) =>
      paths.length ? eb.or(paths.map((p) => eb('regions.path', 'like', `${p}%`))) : eb.val(false),
    );
  }
  const [items, total] = await Promise.all([
    q
      .selectAll('escalations')
      .orderBy('escalations.created_at', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function customerRegionId(db: Kysely<DB>, customerId: string) {
  return db.selectFrom('customers').select('region_id').where('id', '=', customerId).executeTakeFirst();
}

export function regionExists(db: Kysely<DB>, regionId: string) {
  return db.selectFrom('regions').select('id').where('id', '=', regionId).executeTakeFirst();
}

export function personContact(db: Kysely<DB>, personId: string) {
  return db
    .selectFrom('people')
    .select(['display_name', 'phone'])
    .where('id', '=', personId)
    .executeTakeFirst();
}

export function regionPath(db: Kysely<DB>, regionId: string) {
  return db.selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirst();
}

/** Roles named on any escalation ladder (the order's owner is no role a person holds). */
export async function ladderRoles(db: Kysely<DB>): Promise<Role[]> {
  const rows = await db.selectFrom('escalation_ladders').select('role').distinct().execute();
  return rows.flatMap((r) => (r.role === 'owner' ? [] : [r.role]));
}

/** Of `roles`, those the person holds that no other active person holds. */
export async function rolesOnlyHeldBy(db: Kysely<DB>, personId: string, roles: readonly Role[]) {
  if (roles.length === 0) return [];
  const held = await db
    .selectFrom('person_roles')
    .select('role')
    .where('person_id', '=', personId)
    .where('role', 'in', [...roles])
    .execute();
  const out: Role[] = [];
  for (const { role } of held) {
    const other = await db
      .selectFrom('person_roles')
      .innerJoin('people', 'people.id', 'person_roles.person_id')
      .select('people.id')
      .where('person_roles.role', '=', role)
      .where('people.active', '=', 1)
      .where('people.id', '!=', personId)
      .executeTakeFirst();
    if (!other) out.push(role);
  }
  return out;
}
