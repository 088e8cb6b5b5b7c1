/** The onsite capability: its routes and what it registers. */
import type { Capability } from '../../app/capability.ts';
import { entityNames } from '../../http/messages.ts';
import { forbidden } from '../../shared/errors.ts';
import { can, grant } from '../access/policy.ts';
import { registerAttachmentOwner } from '../attachments/attachments.owners.ts';
import { assertMayAct, getOrder, onWorkOrderEvent } from '../work-orders/work-orders.service.ts';
import { registerOnsiteGuards } from './onsite.guards.ts';
import { positionRoutes } from './onsite.positions.routes.ts';
import { onsiteRoutes } from './onsite.routes.ts';
import { checkInOnArrival, registerOnsiteMessages } from './onsite.service.ts';

export const onsiteCapability: Capability = {
  name: 'onsite',
  routes: [...onsiteRoutes, ...positionRoutes],
  /** The checklist permission, WO-6/7/8 guards, work orders as file owners, the check-in on arrival. */
  register() {
    registerOnsiteMessages();
    grant('onsite.checklists.manage', ['admin']);
    entityNames.checklist_item = { 'zh-CN': '检查项', en: 'checklist item' };
    registerOnsiteGuards();

    // Files of a work order are seen by whoever may see the order; added by whoever may act on it.
    registerAttachmentOwner('work_order', {
      ensureVisible: async (ctx, actor, id) => {
        await getOrder(ctx, actor.scope, id);
      },
      ensureWritable: async (ctx, actor, id) => {
        if (!can(actor, 'work_orders.act')) throw forbidden();
        await assertMayAct(ctx, actor, await getOrder(ctx, actor.scope, id));
      },
    });

    onWorkOrderEvent(checkInOnArrival);
  },
};
