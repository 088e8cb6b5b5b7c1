/** The closing capability: its routes and what it registers. */
import type { Capability } from '../../app/capability.ts';
import { registerClosingFacts } from '../reports/reports.service.ts';
import { closingRoutes, registerClosing, registerClosingLinkSection } from './closing.routes.ts';
import { currentEngineerSignature, currentRating, currentSignOff, draftReport } from './closing.service.ts';

export const closingCapability: Capability = {
  name: 'closing',
  routes: closingRoutes,
  register() {
    registerClosing();
    registerClosingLinkSection();
    // What the service report prints from closing (reports never imports closing).
    registerClosingFacts({ currentSignOff, currentRating, currentEngineerSignature, draftReport });
  },
};
