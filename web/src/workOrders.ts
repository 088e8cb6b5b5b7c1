/** Work orders as the API returns them, their vocabularies, and client-side hints mirroring the server's rules. */
import type { Me } from './api.ts';

export const WORK_ORDER_TYPES = [
  'fault_repair',
  'activation',
  'inspection',
  'version_upgrade',
  'eng_survey',
  'eng_installation',
  'eng_commissioning',
  'eng_acceptance',
  'network_optimisation',
  'complaint',
  'consultation',
] as const;
export const CHANNELS = [
  'call_center',
  'customer_call',
  'engineer_found',
  'hotline_400',
  'eoms_import',
  'api',
  'email',
] as const;
export const SEVERITIES = ['critical', 'major', 'minor', 'advisory'] as const;
export const STATES = [
  'received',
  'accepted',
  'dispatched',
  'appointment_agreed',
  'en_route',
  'on_site',
  'service_restored',
  'resolved',
  'signed_off',
  'closed',
  'cancelled',
] as const;
export type State = (typeof STATES)[number];
export type Severity = (typeof SEVERITIES)[number];

/** A work order. */
export interface WorkOrder {
  id: string;
  number: string;
  type: string;
  channel: string;
  severity: Severity;
  reportedSeverity: Severity;
  state: State;
  /** Where the server's rules let the order go next. */
  nextStates: State[];
  customerId: string | null;
  customerName: string | null;
  contactName: string;
  contactPhone: string;
  contactEmail: string | null;
  siteId: string | null;
  address: string | null;
  regionId: string;
  equipmentId: string | null;
  product: string | null;
  occurredAt: string | null;
  symptom: string;
  alarms: string | null;
  suspectedCause: string | null;
  foundHow: string | null;
  impacts: { serviceInterruption: boolean; kpiDegradation: boolean; billing: boolean };
  ownerId: string;
  partnerId: string | null;
  externalRef: string | null;
  repeatCount: number;
  receivedAt: string;
  acceptedAt: string | null;
  arrivedAt: string | null;
  restoredAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  stateChangedAt: string;
  updatedAt: string;
}

/** One person working on an order. */
export interface Assignment {
  id: string;
  personId: string;
  name: string;
  role: 'lead' | 'helper' | 'support';
  assignedAt: string;
  overrideReason: string | null;
  note: string | null;
}

/** An order with its people. */
export interface WorkOrderDetail extends WorkOrder {
  assignments: Assignment[];
  /** Outside-scope or expired-contract reviews; decision null while a manager has not decided. */
  scopeReviews?: { id: string; kind: string; reason: string; decision: string | null }[];
}

/** A ranked dispatch candidate (DP-1). */
export interface Candidate {
  rank: number;
  personId: string;
  name: string;
  eligible: boolean;
  gaps: string[];
  openLoad: number;
  distanceKm: number | null;
  reasons: string[];
}

const MANAGERS = [
  'area_service_manager',
  'project_manager',
  'office_manager',
  'department_chief',
  'engineering_manager',
  'after_sales_director',
];
const COORDINATORS = ['call_center', 'dispatcher', ...MANAGERS];

/** Which roles hold each work-order permission (a display hint; the server checks every call). */
const WORK_ORDER_GRANTS: Record<string, string[]> = {
  'work_orders.read': [...COORDINATORS, 'engineer', 'auditor', 'admin'],
  'work_orders.create': [...COORDINATORS, 'engineer'],
  'work_orders.act': [...COORDINATORS, 'engineer'],
  'work_orders.assign': ['dispatcher', ...MANAGERS],
  'work_orders.override': MANAGERS,
};

/** True when the person may do this with work orders (from /auth/me, else from their roles). */
export function canWorkOrders(me: Me | undefined, permission: string): boolean {
  if (!me) return false;
  if (me.permissions.includes(permission)) return true;
  return (WORK_ORDER_GRANTS[permission] ?? []).some((r) => me.roles.includes(r));
}

/**
 * Whether to offer "cancel": the server lets a dispatcher or a manager cancel, and only a
 * manager cancel a critical order (the after-sales director is told at once).
 */
export function mayCancel(me: Me | undefined, severity: Severity): boolean {
  if (!me) return false;
  const manager = me.roles.some((r) => MANAGERS.includes(r));
  return severity === 'critical' ? manager : manager || me.roles.includes('dispatcher');
}

/** Tag colour of a severity. */
export function severityColor(s: Severity): string {
  switch (s) {
    case 'critical':
      return 'red';
    case 'major':
      return 'orange';
    case 'minor':
      return 'blue';
    case 'advisory':
      return 'default';
    default: {
      const never: never = s;
      return never;
    }
  }
}

/** Tag colour of a state. */
export function stateColor(s: State): string {
  if (s === 'closed') return 'default';
  if (s === 'cancelled') return 'default';
  if (s === 'resolved' || s === 'signed_off' || s === 'service_restored') return 'green';
  if (s === 'received') return 'gold';
  return 'processing';
}
