/** Spare parts (RS-1) as a capability: routes, permissions, messages and the close guard. */
import type { Capability } from '../../app/capability.ts';
import { entityNames, registerMessages } from '../../http/messages.ts';
import { registerTransitionGuard } from '../work-orders/work-orders.service.ts';
import { grantPartPermissions } from './parts.permissions.ts';
import { partsRoutes } from './parts.routes.ts';
import { closeProblems } from './parts.service.ts';

export const partsCapability: Capability = {
  name: 'parts',
  routes: partsRoutes,
  register() {
    grantPartPermissions();
    registerMessages({
      stock_refused: { 'zh-CN': '库存操作被拒绝', en: 'The stock movement was refused' },
    });
    Object.assign(entityNames, {
      part_depot: { 'zh-CN': '备件库', en: 'depot' },
      part: { 'zh-CN': '备件', en: 'part' },
      faulty_part: { 'zh-CN': '坏件', en: 'faulty part' },
    });
    // RS-1: an order is not closed while parts issued to it are neither consumed nor returned.
    registerTransitionGuard('closed', (tx, order) => closeProblems(tx, order.id));
  },
};
