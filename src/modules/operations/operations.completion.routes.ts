/** MO-13 after completion: the leftovers with their closing, and the completion report PDF. */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zId, zIdParams, zText } from '../../http/schemas.ts';
import { closeLeftover, completionReportOf, leftoversOf } from './operations.completion.ts';

const TAG = 'operations';
const BASE = '/api/v1/operations';

const zLeftover = z.object({
  id: z.string(),
  description: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  dueOn: z.string(),
  dueAt: z.string().nullable(),
  overdueAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedNote: z.string().nullable(),
});

export const operationCompletionRoutes = [
  route({
    method: 'GET',
    url: `${BASE}/:id/leftovers`,
    summary:
      'The leftovers of an operation, each with its owner, due date, deadline (and when it ran out) and whether it is closed (MO-13)',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.read',
    params: zIdParams,
    response: z.object({ items: z.array(zLeftover) }),
    handler: async ({ ctx, actor, params }) => ({ items: await leftoversOf(ctx, actor, params.id) }),
  }),
  route({
    method: 'POST',
    url: `${BASE}/:id/leftovers/:leftoverId/close`,
    summary:
      'Close a leftover with what was done, which stops its deadline clock; its owner or an engineer of the operation (MO-13)',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.read',
    params: z.strictObject({ id: zId, leftoverId: zId }),
    body: z.strictObject({ note: zText(2000) }),
    response: zLeftover,
    handler: async ({ ctx, actor, params, body }) =>
      closeLeftover(ctx, actor, params.id, params.leftoverId, body.note),
  }),
  route({
    method: 'GET',
    url: `${BASE}/:id/completion-report`,
    summary: 'Where the PDF completion report is stored: an attachment of the operation (MO-13)',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.read',
    params: zIdParams,
    response: z.object({ attachmentId: z.string().nullable() }),
    handler: async ({ ctx, actor, params }) => ({
      attachmentId: await completionReportOf(ctx, actor, params.id),
    }),
  }),
];
