/** Every API route of the server, by capability. A new capability adds its list here. */
import { accessRoutes } from '../modules/access/access.routes.ts';
import { auditRoutes } from '../modules/history/history.routes.ts';
import { knowledgeRoutes } from '../modules/knowledge/knowledge.routes.ts';
import { regionRoutes } from '../modules/regions/regions.routes.ts';
import { attachmentRoutes } from '../modules/attachments/attachments.routes.ts';
import type { RouteDef } from './route.ts';

export const apiRoutes: RouteDef[] = [...accessRoutes, ...auditRoutes, ...regionRoutes, ...knowledgeRoutes, ...attachmentRoutes];
