/** Work orders as the API returns them, their vocabularies, and client-side hints mirroring the server's rules. */
import type { Me } from './api.ts';
import type { ApiOk, SameMembers } from './contract/index.ts';

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

/** A work order as the API answers it (from the generated contract). */
export type WorkOrder = ApiOk<'/api/v1/work-orders', 'get'>['items'][number];

// The vocabularies above drive selects and labels; these lines stop the build when the server's
// contract gains or drops a member the console does not know.
const vocabulariesMatchTheApi: [
  SameMembers<(typeof WORK_ORDER_TYPES)[number], WorkOrder['type']>,
  SameMembers<(typeof CHANNELS)[number], WorkOrder['channel']>,
  SameMembers<Severity, WorkOrder['severity']>,
  SameMembers<State, WorkOrder['state']>,
] = [true, true, true, true];
void vocabulariesMatchTheApi;

/** An order with its people, handovers, follow-ups and scope reviews, as the detail route answers it. */
export type WorkOrderDetail = ApiOk<'/api/v1/work-orders/{id}', 'get'>;

/** One person working on an order. */
export type Assignment = WorkOrderDetail['assignments'][number];

/** A ranked dispatch candidate (DP-1). */
export type Candidate = ApiOk<'/api/v1/work-orders/{id}/candidates', 'get'>['items'][number];

/** True when the person may do this with work orders (the server's grants, from /auth/me). */
export function canWorkOrders(me: Me | undefined, permission: string): boolean {
  return me?.permissions.includes(permission) ?? false;
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
