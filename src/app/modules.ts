/**
 * Every capability, in registration order. A new capability adds one line to the list; its
 * routes join the API (src/http/routes.ts) and its `register` runs at start, in this order.
 * The order matters where registrations meet: work-order listeners run in it (the on-site
 * check-in on arrival before the deadline clocks react).
 */

import { registerSweeperTimers } from '../jobs/sweeper.ts';
import { acceptanceCapability } from '../modules/acceptance/acceptance.module.ts';
import { accessCapability } from '../modules/access/access.module.ts';
import { appointmentsCapability } from '../modules/appointments/appointments.module.ts';
import { assessmentCapability } from '../modules/assessment/assessment.module.ts';
import { assetsCapability } from '../modules/assets/assets.module.ts';
import { attachmentsCapability } from '../modules/attachments/attachments.module.ts';
import { calendarsCapability } from '../modules/calendars/calendars.module.ts';
import { capacityCapability } from '../modules/capacity/capacity.module.ts';
import { closingCapability } from '../modules/closing/closing.module.ts';
import { complaintsCapability } from '../modules/complaints/complaints.module.ts';
import { customerLinkCapability } from '../modules/customer-link/customer-link.module.ts';
import { customersCapability } from '../modules/customers/customers.module.ts';
import { dashboardCapability } from '../modules/dashboard/dashboard.module.ts';
import { deadlinesCapability } from '../modules/deadlines/deadlines.module.ts';
import { dispatchCapability } from '../modules/dispatch/dispatch.module.ts';
import { dutyCapability } from '../modules/duty/duty.module.ts';
import { equipmentCapability } from '../modules/equipment/equipment.module.ts';
import { escalationCapability } from '../modules/escalation/escalation.module.ts';
import { groupRobotsCapability } from '../modules/group-robots/group-robots.module.ts';
import { historyCapability } from '../modules/history/history.module.ts';
import { inspectionsCapability } from '../modules/inspections/inspections.module.ts';
import { knowledgeCapability } from '../modules/knowledge/knowledge.module.ts';
import { ledgerCapability } from '../modules/ledger/ledger.module.ts';
import { listsCapability } from '../modules/lists/lists.module.ts';
import { notificationsCapability } from '../modules/notifications/notifications.module.ts';
import { onsiteCapability } from '../modules/onsite/onsite.module.ts';
import { operationsCapability } from '../modules/operations/operations.module.ts';
import { partnersCapability } from '../modules/partners/partners.module.ts';
import { partsCapability } from '../modules/parts/parts.module.ts';
import { peopleCapability } from '../modules/people/people.module.ts';
import { regionsCapability } from '../modules/regions/regions.module.ts';
import { routingCapability } from '../modules/routing/routing.module.ts';
import { selfServiceCapability } from '../modules/self-service/self-service.module.ts';
import { sitesCapability } from '../modules/sites/sites.module.ts';
import { templatesCapability } from '../modules/templates/templates.module.ts';
import { trainingCapability } from '../modules/training/training.module.ts';
import { wordingCapability } from '../modules/wording/wording.module.ts';
import { workOrdersCapability } from '../modules/work-orders/work-orders.module.ts';
import type { Capability } from './capability.ts';

export const CAPABILITIES: Capability[] = [
  accessCapability,
  historyCapability,
  regionsCapability,
  partnersCapability,
  peopleCapability,
  customersCapability,
  sitesCapability,
  equipmentCapability,
  knowledgeCapability,
  attachmentsCapability,
  onsiteCapability,
  closingCapability,
  workOrdersCapability,
  dispatchCapability,
  appointmentsCapability,
  customerLinkCapability,
  calendarsCapability,
  deadlinesCapability,
  escalationCapability,
  notificationsCapability,
  dashboardCapability,
  trainingCapability,
  dutyCapability,
  routingCapability,
  wordingCapability,
  templatesCapability,
  complaintsCapability,
  assessmentCapability,
  partsCapability,
  operationsCapability,
  ledgerCapability,
  assetsCapability,
  groupRobotsCapability,
  listsCapability,
  capacityCapability,
  inspectionsCapability,
  acceptanceCapability,
  selfServiceCapability,
];

let registered = false;

/**
 * Runs every capability's `register` once per process, in list order. Every entry point calls
 * it (bootstrap does, so the server, each CLI command, the demo loader and the test harness get
 * the same permissions, guards, listeners and timers); calling it again does nothing.
 */
export function registerCapabilities(): void {
  if (registered) return;
  registered = true;
  registerSweeperTimers();
  for (const capability of CAPABILITIES) capability.register?.();
}
