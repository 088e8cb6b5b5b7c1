/** The knowledge capability: its routes and what it registers. */
import type { Capability } from '../../app/capability.ts';
import { knowledgeOrderRoutes, registerKnowledgeOrderHooks } from './knowledge.orders.ts';
import { knowledgeRoutes, registerKnowledgeGrants } from './knowledge.routes.ts';

export const knowledgeCapability: Capability = {
  name: 'knowledge',
  routes: [...knowledgeRoutes, ...knowledgeOrderRoutes],
  register() {
    registerKnowledgeGrants();
    registerKnowledgeOrderHooks();
  },
};
