/**
 * Loads every capability, so that whatever the entry point (server, CLI command, demo loader,
 * test), the same permissions, transition guards, event listeners (deadline clocks, SL-3
 * notices) and messages are registered. Modules register themselves when imported; the route
 * list imports them all, and a listener with no routes is imported here by name.
 */
import '../http/routes.ts';
import '../modules/deadlines/deadlines.orders.ts';
import { registerCapabilities } from './modules.ts';

registerCapabilities();
