/** The daily plan (DP-2): solver, travel times, plans. */
import type { Capability } from '../../app/capability.ts';
import { entityNames, registerMessages } from '../../http/messages.ts';
import { grant } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';
import { routingRoutes } from './routing.routes.ts';

export const routingCapability: Capability = {
  name: 'routing',
  routes: routingRoutes,
  register() {
    grant('plans.read', ['admin', 'dispatcher', 'auditor', ...MANAGER_ROLES]);
    grant('plans.manage', ['dispatcher', ...MANAGER_ROLES]);
    registerMessages({
      plan_state: { 'zh-CN': '方案当前状态不允许此操作', en: 'the plan is not in a state that allows this' },
      plan_locked: { 'zh-CN': '站点已锁定', en: 'the stop is locked' },
      stale: { 'zh-CN': '数据已被他人修改', en: 'changed meanwhile' },
      routing_unavailable: { 'zh-CN': '路径服务不可用', en: 'the routing engine is unavailable' },
    });
    entityNames.plan = { 'zh-CN': '路线方案', en: 'plan' };
  },
};
