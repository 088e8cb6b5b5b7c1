/**
 * Who may do what with work orders: the permissions this capability adds (`grant`), its error
 * codes, and the pure object-level rule "engineers act on their own orders".
 */
import { entityNames, registerMessages } from '../../http/messages.ts';
import { type Actor, grant } from '../access/policy.ts';
import { MANAGER_ROLES, type Role } from '../access/roles.ts';

/** Roles that coordinate orders they do not personally work on. */
export const COORDINATOR_ROLES: readonly Role[] = ['call_center', 'dispatcher', ...MANAGER_ROLES];

/** Work-order permissions, entity names and error codes (including those of dispatch and customer links, whose routes live here). Called from the capability's `register`. */
export function registerWorkOrderPolicy(): void {
  grant('work_orders.read', [...COORDINATOR_ROLES, 'engineer', 'auditor', 'admin']);
  grant('work_orders.create', [...COORDINATOR_ROLES, 'engineer']);
  grant('work_orders.act', [...COORDINATOR_ROLES, 'engineer']);
  grant('work_orders.assign', ['dispatcher', ...MANAGER_ROLES]);
  grant('work_orders.override', [...MANAGER_ROLES]);
  grant('work_orders.downgrade', [...MANAGER_ROLES]);
  grant('work_orders.import', ['call_center', 'dispatcher', 'admin']);
  grant('work_orders.scope_decide', [...MANAGER_ROLES]);
  grant('work_orders.follow_up', [...COORDINATOR_ROLES, 'engineer']);
  grant('work_orders.site_hours', ['dispatcher', 'admin', ...MANAGER_ROLES]);

  Object.assign(entityNames, {
    work_order: { 'zh-CN': '工单', en: 'work order' },
    handover: { 'zh-CN': '移交', en: 'handover' },
    follow_up: { 'zh-CN': '回访', en: 'follow-up' },
    scope_review: { 'zh-CN': '范围评审', en: 'scope review' },
    appointment: { 'zh-CN': '预约', en: 'appointment' },
    customer_link: { 'zh-CN': '客户链接', en: 'customer link' },
  });

  registerMessages({
    illegal_transition: {
      'zh-CN': '工单状态不允许此操作，请按提示处理。',
      en: 'The work order cannot make this move; see the details.',
    },
    intake_incomplete: {
      'zh-CN': '工单信息不完整（5W1H），请补全以下字段。',
      en: 'The work order is incomplete (5W1H); fill in the fields listed.',
    },
    idempotency_key_required: {
      'zh-CN': '请在 Idempotency-Key 请求头中提供幂等键。',
      en: 'Send an Idempotency-Key header with the delivery.',
    },
    idempotency_key_reused: {
      'zh-CN': '此幂等键已用于内容不同的请求。',
      en: 'This Idempotency-Key was already used for a different request.',
    },
    token_required: {
      'zh-CN': 'Webhook 只接受 API 令牌认证。',
      en: 'The webhook accepts API-token authentication only.',
    },
    not_eligible: {
      'zh-CN': '所选工程师不符合派工条件；如确需派遣，须由经理填写原因后强制派工。',
      en: 'The chosen engineers are not eligible; a manager may override with a recorded reason.',
    },
    link_expired: {
      'zh-CN': '链接已过期或已失效，请联系客服重新获取。',
      en: 'This link has expired or was withdrawn; ask the service desk for a new one.',
    },
    cancel_not_allowed: {
      'zh-CN': '您不能取消此工单，请联系调度或经理。',
      en: 'You may not cancel this work order; ask a dispatcher or a manager.',
    },
    not_yours: {
      'zh-CN': '只有工单责任人或被派工的工程师可以操作此工单。',
      en: 'Only the owner or an assigned engineer may act on this work order.',
    },
  });
}

/** True when the actor coordinates orders (call center, dispatcher, manager) rather than only working them. */
export function isCoordinator(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((r) => COORDINATOR_ROLES.includes(r));
}

/**
 * Engineers act only on their own orders: ones they own or are assigned to. Coordinators act on
 * every order in their scope (the scope itself is checked when the order is loaded).
 */
export function mayActOn(
  actor: Pick<Actor, 'roles' | 'personId'>,
  order: { owner_id: string },
  assigneeIds: readonly string[],
): boolean {
  if (isCoordinator(actor)) return true;
  return order.owner_id === actor.personId || assigneeIds.includes(actor.personId);
}
