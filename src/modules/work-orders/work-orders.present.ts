/** The API shapes of work orders and their parts (shared by routes and the customer link). */
import { z } from 'zod';
import { cancelProblemsFor } from './ownership.rules.ts';
import { CHANNELS, nextStates, SEVERITIES, STATES, WORK_ORDER_TYPES } from './work-orders.rules.ts';
import type { WorkOrderTable } from './work-orders.tables.ts';

export const zWorkOrder = z.object({
  id: z.string(),
  number: z.string(),
  type: z.enum(WORK_ORDER_TYPES),
  channel: z.enum(CHANNELS),
  severity: z.enum(SEVERITIES),
  reportedSeverity: z.enum(SEVERITIES),
  state: z.enum(STATES),
  /** The states the rules let the person asking move this order to next; the server still checks each move. */
  nextStates: z.array(z.enum(STATES)),
  cancelledFrom: z.string().nullable(),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  contactName: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string().nullable(),
  siteId: z.string().nullable(),
  address: z.string().nullable(),
  regionId: z.string(),
  equipmentId: z.string().nullable(),
  product: z.string().nullable(),
  occurredAt: z.string().nullable(),
  symptom: z.string(),
  alarms: z.string().nullable(),
  suspectedCause: z.string().nullable(),
  foundHow: z.string().nullable(),
  impacts: z.object({ serviceInterruption: z.boolean(), kpiDegradation: z.boolean(), billing: z.boolean() }),
  ownerId: z.string(),
  createdBy: z.string().nullable(),
  partnerId: z.string().nullable(),
  externalRef: z.string().nullable(),
  repeatCount: z.number().int(),
  receivedAt: z.string(),
  acceptedAt: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  restoredAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  stateChangedAt: z.string(),
  updatedAt: z.string(),
});

/**
 * The API shape of an order. With the person asking, `nextStates` holds only the moves that person
 * may make (a critical order offers cancelling to managers only), so pages need no copy of the rules.
 */
export function presentOrder(
  o: WorkOrderTable,
  viewer?: { roles: readonly string[] },
): z.infer<typeof zWorkOrder> {
  const state = o.state;
  const moves = nextStates(state).filter(
    (to) => to !== 'cancelled' || !viewer || cancelProblemsFor(viewer.roles, o.severity).length === 0,
  );
  return {
    id: o.id,
    number: o.number,
    type: o.type as z.infer<typeof zWorkOrder>['type'],
    channel: o.channel as z.infer<typeof zWorkOrder>['channel'],
    severity: o.severity as z.infer<typeof zWorkOrder>['severity'],
    reportedSeverity: o.reported_severity as z.infer<typeof zWorkOrder>['severity'],
    state: o.state as z.infer<typeof zWorkOrder>['state'],
    nextStates: moves,
    cancelledFrom: o.cancelled_from,
    customerId: o.customer_id,
    customerName: o.customer_name,
    contactName: o.contact_name,
    contactPhone: o.contact_phone,
    contactEmail: o.contact_email,
    siteId: o.site_id,
    address: o.address,
    regionId: o.region_id,
    equipmentId: o.equipment_id,
    product: o.product,
    occurredAt: o.occurred_at,
    symptom: o.symptom,
    alarms: o.alarms,
    suspectedCause: o.suspected_cause,
    foundHow: o.found_how,
    impacts: {
      serviceInterruption: o.impact_interruption === 1,
      kpiDegradation: o.impact_kpi === 1,
      billing: o.impact_billing === 1,
    },
    ownerId: o.owner_id,
    createdBy: o.created_by,
    partnerId: o.partner_id,
    externalRef: o.external_ref,
    repeatCount: o.repeat_count,
    receivedAt: o.received_at,
    acceptedAt: o.accepted_at,
    arrivedAt: o.arrived_at,
    restoredAt: o.restored_at,
    resolvedAt: o.resolved_at,
    closedAt: o.closed_at,
    cancelledAt: o.cancelled_at,
    cancelReason: o.cancel_reason,
    stateChangedAt: o.state_changed_at,
    updatedAt: o.updated_at,
  };
}

export const zAssignment = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  role: z.enum(['lead', 'helper', 'support']),
  assignedAt: z.string(),
  overrideReason: z.string().nullable(),
  note: z.string().nullable(),
});

export const zHandover = z.object({
  id: z.string(),
  orderId: z.string(),
  fromPersonId: z.string(),
  toPersonId: z.string(),
  reason: z.string(),
  state: z.string(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});

/** The API shape of a handover. */
export function presentHandover(h: {
  id: string;
  order_id: string;
  from_person_id: string;
  to_person_id: string;
  reason: string;
  state: string;
  requested_at: string;
  decided_at: string | null;
  decision_note: string | null;
}): z.infer<typeof zHandover> {
  return {
    id: h.id,
    orderId: h.order_id,
    fromPersonId: h.from_person_id,
    toPersonId: h.to_person_id,
    reason: h.reason,
    state: h.state,
    requestedAt: h.requested_at,
    decidedAt: h.decided_at,
    decisionNote: h.decision_note,
  };
}

export const zNotice = z.object({
  id: z.string(),
  kind: z.string(),
  recipientName: z.string(),
  recipientPhone: z.string().nullable(),
  channel: z.string(),
  text: z.string(),
  createdAt: z.string(),
});

export const zFollowUp = z.object({
  id: z.string(),
  orderId: z.string(),
  dueAt: z.string(),
  state: z.string(),
  outcome: z.string().nullable(),
  notes: z.string().nullable(),
  revisitNeeded: z.boolean(),
  recordedAt: z.string().nullable(),
  overdue: z.boolean(),
});

/** The API shape of a follow-up; overdue when still open past its due time (WO-10). */
export function presentFollowUp(
  f: {
    id: string;
    order_id: string;
    due_at: string;
    state: string;
    outcome: string | null;
    notes: string | null;
    revisit_needed: number;
    recorded_at: string | null;
  },
  now: string,
): z.infer<typeof zFollowUp> {
  return {
    id: f.id,
    orderId: f.order_id,
    dueAt: f.due_at,
    state: f.state,
    outcome: f.outcome,
    notes: f.notes,
    revisitNeeded: f.revisit_needed === 1,
    recordedAt: f.recorded_at,
    overdue: f.state === 'open' && f.due_at < now,
  };
}

export const zScopeReview = z.object({
  id: z.string(),
  orderId: z.string(),
  kind: z.string(),
  reason: z.string(),
  raisedAt: z.string(),
  decision: z.string().nullable(),
  wayForward: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

/** The API shape of a scope review (WO-13). */
export function presentScopeReview(r: {
  id: string;
  order_id: string;
  kind: string;
  reason: string;
  raised_at: string;
  decision: string | null;
  way_forward: string | null;
  decided_at: string | null;
}): z.infer<typeof zScopeReview> {
  return {
    id: r.id,
    orderId: r.order_id,
    kind: r.kind,
    reason: r.reason,
    raisedAt: r.raised_at,
    decision: r.decision,
    wayForward: r.way_forward,
    decidedAt: r.decided_at,
  };
}
