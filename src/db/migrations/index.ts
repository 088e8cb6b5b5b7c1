import type { Kysely } from 'kysely';
import type { DialectKit } from '../dialect.ts';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_work_orders.ts';
import * as m0003 from './0003_deadlines.ts';
import * as m0004 from './0004_onsite_work.ts';
import * as m0006 from './0006_correctness.ts';
import * as m0007 from './0007_security.ts';
import * as m0008 from './0008_operations.ts';
import * as m0009 from './0009_wording_complaints.ts';
import * as m0010 from './0010_resources.ts';
import * as m0011 from './0011_assessment.ts';
import * as m0012 from './0012_duty_routing.ts';
import * as m0014 from './0014_link_rate_complaint_calendars.ts';
import * as m0015 from './0015_scale.ts';
import * as m0017 from './0017_resources_ledger_assets.ts';
import * as m0020 from './0020_saved_views.ts';
import * as m0021 from './0021_group_robots.ts';
import * as m0022 from './0022_notice_templates.ts';
import * as m0023 from './0023_capacity_inspections_acceptance.ts';
import * as m0026 from './0026_assessment_indexes.ts';
import * as m0027 from './0027_field_app.ts';
import * as m0030 from './0030_rollups.ts';
import * as m0031 from './0031_keyset_indexes.ts';
import * as m0032 from './0032_subject_clocks_ledger_counts.ts';
import * as m0033 from './0033_dispatch_queue.ts';

/** One migration: `up` receives the dialect kit so column types come from one place. */
export interface OnsiteMigration {
  up(db: Kysely<unknown>, d: DialectKit): Promise<void>;
}

/**
 * Every migration, in order. Names are never changed once released; new capabilities add a
 * file and a line here.
 */
export const migrations: Record<string, OnsiteMigration> = {
  '0001_foundation': m0001,
  '0002_work_orders': m0002,
  '0003_deadlines': m0003,
  '0004_onsite_work': m0004,
  '0006_correctness': m0006,
  '0007_security': m0007,
  '0008_operations': m0008,
  '0009_wording_complaints': m0009,
  '0010_resources': m0010,
  '0011_assessment': m0011,
  '0012_duty_routing': m0012,
  '0014_link_rate_complaint_calendars': m0014,
  '0015_scale': m0015,
  '0017_resources_ledger_assets': m0017,
  '0020_saved_views': m0020,
  '0021_group_robots': m0021,
  '0022_notice_templates': m0022,
  '0023_capacity_inspections_acceptance': m0023,
  '0026_assessment_indexes': m0026,
  '0027_field_app': m0027,
  '0030_rollups': m0030,
  '0031_keyset_indexes': m0031,
  '0032_subject_clocks_ledger_counts': m0032,
  '0033_dispatch_queue': m0033,
};
