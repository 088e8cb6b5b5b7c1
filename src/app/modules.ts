/**
 * Every capability built on the `Capability` shape, in registration order. A new capability
 * adds one line here; its routes join the API and its `register` runs at start, in this order.
 * (Older capabilities still register on import through src/http/routes.ts while they are moved
 * onto this list.)
 */
import { operationsCapability } from '../modules/operations/operations.module.ts';
import type { Capability } from './capability.ts';

export const CAPABILITIES: Capability[] = [operationsCapability];

let registered = false;

/** Runs every capability's `register` once per process, in list order. */
export function registerCapabilities(): void {
  if (registered) return;
  registered = true;
  for (const capability of CAPABILITIES) capability.register?.();
}
