import { type Kysely, sql } from 'kysely';
import type { DialectKit } from '../dialect.ts';

/** Organisation, access and history tables (issue: foundation). */
export async function up(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  const ts = d.types.timestamp;

  await db.schema
    .createTable('history')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('history_entity')
    .on('history')
    .columns(['entity_type', 'entity_id', 'seq'])
    .execute();
  await db.schema
    .createTable('history_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO history_head (id, seq, hash) VALUES (1, 0, ${'0'.repeat(64)})`.execute(db);
  await appendOnlyGuard(db, d);

  await db.schema
    .createTable('regions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('regions.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('province','prefecture','county')`))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('regions_path').on('regions').column('path').execute();
  await db.schema.createIndex('regions_parent').on('regions').column('parent_id').execute();

  await db.schema
    .createTable('partners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('partner_regions')
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addPrimaryKeyConstraint('partner_regions_pk', ['partner_id', 'region_id'])
    .execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('operator','enterprise','household')`))
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('customer_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('title', 'text')
    .addColumn('is_escort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('customer_contacts_customer')
    .on('customer_contacts')
    .column('customer_id')
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('password_hash', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('time_zone', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('people_partner').on('people').column('partner_id').execute();
  await db.schema.createIndex('people_customer').on('people').column('customer_id').execute();
  await db.schema
    .createTable('person_roles')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_roles_pk', ['person_id', 'role'])
    .execute();
  await db.schema
    .createTable('person_regions')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addPrimaryKeyConstraint('person_regions_pk', ['person_id', 'region_id'])
    .execute();
  await db.schema
    .createTable('engineer_profiles')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id'))
    .addColumn('employment', 'text', (c) => c.notNull().check(sql`employment in ('own','partner')`))
    .addColumn('work_card_no', 'text')
    .addColumn('work_card_expires_on', 'text')
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('vehicle', 'text')
    .addColumn('last_lat', d.types.double)
    .addColumn('last_lng', d.types.double)
    .addColumn('last_seen_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('certifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('certificate_no', 'text')
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('revoked_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('certifications_person')
    .on('certifications')
    .columns(['person_id', 'product'])
    .execute();

  await db.schema
    .createTable('sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('lat', d.types.double)
    .addColumn('lng', d.types.double)
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('area_class', 'text', (c) => c.notNull().check(sql`area_class in ('urban','county','rural')`))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sites_region').on('sites').column('region_id').execute();
  await db.schema.createIndex('sites_customer').on('sites').column('customer_id').execute();
  await db.schema
    .createTable('equipment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('serial_no', 'text')
    .addColumn('software_version', 'text')
    .addColumn('contract_ends_on', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('equipment_site').on('equipment').column('site_id').execute();
  // A serial number identifies one unit of one product; units without a serial are allowed.
  await db.schema
    .createIndex('equipment_serial')
    .on('equipment')
    .columns(['product', 'serial_no'])
    .unique()
    .execute();
  await db.schema.createIndex('customers_region').on('customers').column('region_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts)
    .addColumn('revoked_at', ts)
    .addColumn('last_used_at', ts)
    .execute();
  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_attempts_user')
    .on('login_attempts')
    .columns(['username', 'at'])
    .execute();
}

/**
 * RC-1: the database itself refuses UPDATE and DELETE on history, so even a bug or a careless
 * script cannot rewrite it; the hash chain (RC-2) catches anyone who removes this guard.
 */
async function appendOnlyGuard(db: Kysely<unknown>, d: DialectKit): Promise<void> {
  if (d.kind === 'sqlite') {
    await sql`CREATE TRIGGER history_no_update BEFORE UPDATE ON history BEGIN SELECT RAISE(ABORT, 'history is append-only'); END`.execute(
      db,
    );
    await sql`CREATE TRIGGER history_no_delete BEFORE DELETE ON history BEGIN SELECT RAISE(ABORT, 'history is append-only'); END`.execute(
      db,
    );
    return;
  }
  await sql`CREATE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'history is append-only'; END $$`.execute(db);
  await sql`CREATE TRIGGER history_no_change BEFORE UPDATE OR DELETE ON history
    FOR EACH ROW EXECUTE FUNCTION history_append_only()`.execute(db);
}
