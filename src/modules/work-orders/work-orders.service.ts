/**
 * The work-order capability's service surface, one file per use case: intake (WO-1, WO-2), the
 * state machine with pluggable guards, ownership and handover (WO-3, WO-4, SL-4), customer
 * notices, follow-ups (WO-10), scope reviews (WO-13), reads of orders and their parts, and the
 * assignment writes of dispatch (DP-1). Other modules and the routes import from here; each use
 * case lives in its own `work-orders.<use case>.ts`.
 */

export { addAssignment, releaseAssignment, setOrderPartner } from './work-orders.assignments.ts';
export {
  assertMayAct,
  assigneeIds,
  getOrder,
  loadForChange,
  requireActor,
  stateName,
  type WorkOrderRow,
} from './work-orders.common.ts';
export {
  onWorkOrderEvent,
  registerBuiltInGuards,
  registerTransitionGuard,
  type TransitionGuard,
  type WorkOrderEvent,
  type WorkOrderListener,
} from './work-orders.events.ts';
export { listFollowUps, openFollowUp, recordFollowUp } from './work-orders.follow-ups.ts';
export { createOrder, createOrderIdempotent, type IntakeInput } from './work-orders.intake.ts';
export {
  type CustomerTextGuard,
  type NoticeRenderer,
  noticesOf,
  recordCustomerNotice,
  renderNotice,
  setCustomerTextGuard,
  setNoticeRenderer,
} from './work-orders.notices.ts';
export { decideHandover, forwardOrder, requestHandover } from './work-orders.ownership.ts';
export {
  activeAssignments,
  followUpsOf,
  handoversOf,
  listOrders,
  pendingHandoversFor,
  transitionsOf,
} from './work-orders.reads.ts';
export { decideScopeReview, raiseScopeReview, scopeReviewsOf } from './work-orders.scope.ts';
export { changeSeverity, type TransitionOptions, transition } from './work-orders.transitions.ts';
