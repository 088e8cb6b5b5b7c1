/** Every API route of the server, by capability. A new capability adds its list here. */

import { CAPABILITIES } from '../app/modules.ts';
import { accessRoutes } from '../modules/access/access.routes.ts';
import { appointmentRoutes } from '../modules/appointments/appointments.routes.ts';
import { attachmentRoutes } from '../modules/attachments/attachments.routes.ts';
import { calendarRoutes } from '../modules/calendars/calendars.routes.ts';
import { closingRoutes } from '../modules/closing/closing.routes.ts';
import { customerLinkRoutes } from '../modules/customer-link/customer-link.routes.ts';
import { customerRoutes } from '../modules/customers/customers.routes.ts';
import { dashboardRoutes } from '../modules/dashboard/dashboard.routes.ts';
import { deadlineRoutes } from '../modules/deadlines/deadlines.routes.ts';
import { dispatchRoutes } from '../modules/dispatch/dispatch.routes.ts';
import { equipmentRoutes } from '../modules/equipment/equipment.routes.ts';
import { escalationRoutes } from '../modules/escalation/escalation.routes.ts';
import { auditRoutes } from '../modules/history/history.routes.ts';
import { knowledgeOrderRoutes } from '../modules/knowledge/knowledge.orders.ts';
import { knowledgeRoutes } from '../modules/knowledge/knowledge.routes.ts';
import { notificationRoutes } from '../modules/notifications/notifications.routes.ts';
import { onsiteRoutes } from '../modules/onsite/onsite.routes.ts';
import { partnerRoutes } from '../modules/partners/partners.routes.ts';
import { peopleRoutes } from '../modules/people/people.routes.ts';
import { regionRoutes } from '../modules/regions/regions.routes.ts';
import { siteRoutes } from '../modules/sites/sites.routes.ts';
import { workOrderRoutes } from '../modules/work-orders/work-orders.routes.ts';
import type { RouteDef } from './route.ts';

export const apiRoutes: RouteDef[] = [
  ...accessRoutes,
  ...auditRoutes,
  ...regionRoutes,
  ...partnerRoutes,
  ...peopleRoutes,
  ...customerRoutes,
  ...siteRoutes,
  ...equipmentRoutes,
  ...knowledgeRoutes,
  ...attachmentRoutes,
  ...onsiteRoutes,
  ...closingRoutes,
  ...knowledgeOrderRoutes,
  ...workOrderRoutes,
  ...dispatchRoutes,
  ...appointmentRoutes,
  ...customerLinkRoutes,
  ...calendarRoutes,
  ...deadlineRoutes,
  ...escalationRoutes,
  ...notificationRoutes,
  ...dashboardRoutes,
  ...CAPABILITIES.flatMap((c) => c.routes),
];
