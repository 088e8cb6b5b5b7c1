import type { ReplayTables } from '../http/replay.tables.ts';
import type { TimerTables } from '../jobs/timers.tables.ts';
import type { AcceptanceTables } from '../modules/acceptance/acceptance.tables.ts';
import type { Role } from '../modules/access/roles.ts';
import type { AppointmentTables } from '../modules/appointments/appointments.tables.ts';
import type { AssessmentTables } from '../modules/assessment/assessment.tables.ts';
import type { AssetTables } from '../modules/assets/assets.tables.ts';
import type { AttachmentTables } from '../modules/attachments/attachments.tables.ts';
import type { CalendarTables } from '../modules/calendars/calendars.tables.ts';
import type { CapacityTables } from '../modules/capacity/capacity.tables.ts';
import type { ClosingTables } from '../modules/closing/closing.tables.ts';
import type { ComplaintTables } from '../modules/complaints/complaints.tables.ts';
import type { CustomerLinkTables } from '../modules/customer-link/customer-link.tables.ts';
import type { DeadlineTables } from '../modules/deadlines/deadlines.tables.ts';
import type { DutyTables } from '../modules/duty/duty.tables.ts';
import type { EscalationTables } from '../modules/escalation/escalation.tables.ts';
import type { GroupRobotTables } from '../modules/group-robots/group-robots.tables.ts';
import type { InspectionTables } from '../modules/inspections/inspections.tables.ts';
import type { KnowledgeTables } from '../modules/knowledge/knowledge.tables.ts';
import type { LedgerTables } from '../modules/ledger/ledger.tables.ts';
import type { ListTables } from '../modules/lists/lists.tables.ts';
import type { NotificationTables } from '../modules/notifications/notifications.tables.ts';
import type { OnsiteTables } from '../modules/onsite/onsite.tables.ts';
import type { OperationTables } from '../modules/operations/operations.tables.ts';
import type { PartTables } from '../modules/parts/parts.tables.ts';
import type { ReportTables } from '../modules/reports/reports.tables.ts';
import type { RollupTables } from '../modules/rollups/rollups.tables.ts';
import type { RoutingTables } from '../modules/routing/routing.tables.ts';
import type { TemplateTables } from '../modules/templates/templates.tables.ts';
import type { TrainingTables } from '../modules/training/training.tables.ts';
import type { WordingTables } from '../modules/wording/wording.tables.ts';
import type { WorkOrderTables } from '../modules/work-orders/work-orders.tables.ts';

/**
 * Row types of every table, as Kysely sees them. Times are ISO-8601 UTC strings and dates
 * are 'YYYY-MM-DD' strings on both databases; flags are 0/1 integers; JSON is stored as text.
 */
export interface HistoryTable {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_label: string;
  entity_type: string;
  entity_id: string;
  action: string;
  /** JSON text: { field: [before, after] } or a snapshot for creates. */
  changes: string;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface HistoryHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface RegionTable {
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  name_en: string | null;
  level: 'province' | 'prefecture' | 'county';
  /** Materialised path of ids, '/root/child/.../self/', so a subtree is one LIKE prefix. */
  path: string;
  time_zone: string;
  created_at: string;
  updated_at: string;
}

export interface PartnerTable {
  id: string;
  code: string;
  name: string;
  contact_name: string | null;
  contact_phone: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface PartnerRegionTable {
  partner_id: string;
  region_id: string;
}

export interface PersonTable {
  id: string;
  username: string;
  display_name: string;
  phone: string | null;
  email: string | null;
  partner_id: string | null;
  customer_id: string | null;
  password_hash: string | null;
  active: number;
  locale: 'zh-CN' | 'en';
  time_zone: string | null;
  created_at: string;
  updated_at: string;
}

export interface PersonRoleTable {
  person_id: string;
  role: Role;
}

export interface PersonRegionTable {
  person_id: string;
  region_id: string;
}

export interface EngineerProfileTable {
  person_id: string;
  employment: 'own' | 'partner';
  work_card_no: string | null;
  work_card_expires_on: string | null;
  /** JSON text: string[] */
  skills: string;
  vehicle: string | null;
  last_lat: number | null;
  last_lng: number | null;
  last_seen_at: string | null;
  updated_at: string;
}

export interface CertificationTable {
  id: string;
  person_id: string;
  product: string;
  /** Free text as the vendor grades it (e.g. L2, 高级): no fixed list. */
  level: string | null;
  certificate_no: string | null;
  expires_on: string;
  /** Set when the certificate is withdrawn; certifications are never deleted (RS-3). */
  revoked_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CustomerTable {
  id: string;
  code: string;
  name: string;
  kind: 'operator' | 'enterprise' | 'household';
  region_id: string;
  created_at: string;
  updated_at: string;
}

export interface CustomerContactTable {
  id: string;
  customer_id: string;
  name: string;
  phone: string | null;
  email: string | null;
  title: string | null;
  is_escort: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface SiteTable {
  id: string;
  code: string;
  customer_id: string;
  name: string;
  address: string;
  region_id: string;
  lat: number | null;
  lng: number | null;
  time_zone: string;
  area_class: 'urban' | 'county' | 'rural';
  /** What kind of place it is; decides the appointment hours with the customer and severity (WO-5). */
  site_class: 'machine_room' | 'office' | 'home' | 'other';
  created_at: string;
  updated_at: string;
}

export interface EquipmentTable {
  id: string;
  site_id: string;
  product: string;
  model: string;
  serial_no: string | null;
  software_version: string | null;
  contract_ends_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  id: string;
  person_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ApiTokenTable {
  id: string;
  person_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  /** JSON array of the permissions the token may use; null on tokens issued before scopes. */
  scopes: string | null;
}

export interface LoginAttemptTable {
  id: string;
  username: string;
  at: string;
  ok: number;
  /** The client address the attempt came from (null on rows written before it was kept). */
  address: string | null;
}

/** The whole database. Later capabilities extend this interface with their own tables. */
export interface DB
  extends WorkOrderTables,
    AppointmentTables,
    KnowledgeTables,
    AttachmentTables,
    DeadlineTables,
    TimerTables,
    CalendarTables,
    EscalationTables,
    NotificationTables,
    ClosingTables,
    ReportTables,
    CustomerLinkTables,
    OnsiteTables,
    TrainingTables,
    DutyTables,
    RoutingTables,
    WordingTables,
    TemplateTables,
    ComplaintTables,
    AssessmentTables,
    PartTables,
    OperationTables,
    LedgerTables,
    AssetTables,
    GroupRobotTables,
    ListTables,
    CapacityTables,
    InspectionTables,
    AcceptanceTables,
    RollupTables,
    ReplayTables {
  history: HistoryTable;
  history_head: HistoryHeadTable;
  regions: RegionTable;
  partners: PartnerTable;
  partner_regions: PartnerRegionTable;
  people: PersonTable;
  person_roles: PersonRoleTable;
  person_regions: PersonRegionTable;
  engineer_profiles: EngineerProfileTable;
  certifications: CertificationTable;
  customers: CustomerTable;
  customer_contacts: CustomerContactTable;
  sites: SiteTable;
  equipment: EquipmentTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
}
