/**
 * Every capability built on the `Capability` shape, in registration order. A new capability
 * adds one line here; its routes join the API and its `register` runs at start, in this order.
 * (Older capabilities still register on import through src/http/routes.ts while they are moved
 * onto this list.)
 */

import { assessmentCapability } from '../modules/assessment/assessment.module.ts';
import { complaintsCapability } from '../modules/complaints/complaints.module.ts';
import { dutyCapability } from '../modules/duty/duty.module.ts';
import { routingCapability } from '../modules/routing/routing.module.ts';
import { templatesCapability } from '../modules/templates/templates.module.ts';
import { trainingCapability } from '../modules/training/training.module.ts';
import { wordingCapability } from '../modules/wording/wording.module.ts';
import type { Capability } from './capability.ts';

export const CAPABILITIES: Capability[] = [
  trainingCapability,
  dutyCapability,
  routingCapability,
  wordingCapability,
  templatesCapability,
  complaintsCapability,
  assessmentCapability,
];

let registered = false;

/** Runs every capability's `register` once per process, in list order. */
export function registerCapabilities(): void {
  if (registered) return;
  registered = true;
  for (const capability of CAPABILITIES) capability.register?.();
}
