/**
 * Ownership rules (WO-3, WO-4): an owner must always be someone who can see and act on the
 * order. Pure: the caller passes the receiver's scope and the order's facts.
 */
import { type FieldProblem, problem } from '../../shared/errors.ts';
import { regionInScope, type Scope } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';
import type { Severity } from './work-orders.rules.ts';

/**
 * WO-4: why a person with `scope` could not see the order once they owned it, or null when
 * they could. Own staff see every order they own; a partner's people see only their partner's
 * orders and the unassigned ones in its coverage, whoever owns them; a customer's people none.
 */
export function receiverScopeProblem(
  scope: Scope,
  order: { partnerId: string | null; regionPath: string },
): FieldProblem | null {
  switch (scope.kind) {
    case 'all':
      return null;
    case 'customer':
      return problem('toPersonId', '客户方人员不能承担工单责任', "a customer's staff cannot own work orders");
    case 'partner':
      if (order.partnerId && order.partnerId !== scope.partnerId) {
        return problem(
          'toPersonId',
          '该工单已交给其他合作方，接收人看不到它',
          'the order is given to another partner, so the receiver could not see it',
        );
      }
      if (!order.partnerId && !regionInScope(scope, order.regionPath)) {
        return problem(
          'toPersonId',
          '接收人所在合作方不负责该工单所在区域，接收后将看不到该工单',
          "the receiver's partner does not cover the order's region, so they could not see it",
        );
      }
      return null;
    default: {
      const never: never = scope;
      return never;
    }
  }
}

/** At most this many order numbers are named in one refusal; the rest are counted. */
const LISTED = 10;

/**
 * WO-4: a person who still owns open orders is not deactivated; the refusal lists the orders so
 * they can be handed over first.
 */
export function ownedOrdersProblem(numbers: readonly string[]): FieldProblem | null {
  if (numbers.length === 0) return null;
  const listed = numbers.slice(0, LISTED).join(', ');
  const more = numbers.length > LISTED ? numbers.length - LISTED : 0;
  return problem(
    'active',
    `此人仍是 ${numbers.length} 张未结工单的责任人（${listed}${more ? ` 等` : ''}），请先移交后再停用`,
    `this person still owns ${numbers.length} open work order${numbers.length === 1 ? '' : 's'} (${listed}${more ? ` and ${more} more` : ''}); hand them over before deactivating`,
  );
}

/**
 * Who may cancel (WO-3, SL-3): a cancel ends the owner's accountability, so it takes a
 * coordinator (dispatcher or above), never an engineer from the phone; a critical order's cancel
 * takes a manager, because its notice went to the director and its cancel is told to them too.
 */
export function cancelProblems(
  severity: Severity,
  who: { dispatcherOrAbove: boolean; manager: boolean },
): FieldProblem[] {
  if (severity === 'critical' && !who.manager) {
    return [
      problem(
        'to',
        '关键工单只能由经理取消（取消会立即通知售后总监）',
        'only a manager may cancel a critical order (the after-sales director is told at once)',
      ),
    ];
  }
  if (!who.dispatcherOrAbove) {
    return [
      problem('to', '只有调度或经理可以取消工单', 'only a dispatcher or a manager may cancel a work order'),
    ];
  }
  return [];
}

/** Why a person holding `roles` may not cancel an order of `severity`; empty when they may. */
export function cancelProblemsFor(roles: readonly string[], severity: Severity): FieldProblem[] {
  const managers: readonly string[] = MANAGER_ROLES;
  return cancelProblems(severity, {
    dispatcherOrAbove: roles.some((r) => r === 'dispatcher' || managers.includes(r)),
    manager: roles.some((r) => managers.includes(r)),
  });
}

/** The roles that may own an order (WO-4): the one list handover and the people screens use. */
export const OWNER_ROLES: readonly string[] = [
  'call_center',
  'dispatcher',
  'engineer',
  'area_service_manager',
  'project_manager',
  'office_manager',
  'department_chief',
  'engineering_manager',
  'after_sales_director',
];
