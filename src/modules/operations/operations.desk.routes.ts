/** The planner's and approver's desk: edit the header, refuse with a reason, the approval inbox, the watch roster. */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zIdParams, zInstant, zText } from '../../http/schemas.ts';
import {
  approvalInbox,
  editOperation,
  type RosterEntry,
  sendBack,
  watchRoster,
} from './operations.planning.ts';
import { presentOperation, zOperation } from './operations.present.ts';

const TAG = 'operations';
const BASE = '/api/v1/operations';

const zShift = z.object({ startsAt: z.string(), endsAt: z.string() });

const presentRoster = (r: RosterEntry) => ({
  operation: presentOperation(r.operation),
  crew: r.crew,
  watch: r.watch,
});

export const operationDeskRoutes = [
  route({
    method: 'PATCH',
    url: `${BASE}/:id`,
    summary:
      'Edit the title, window or observation days while the plan may change; a new window is checked against MO-1 and MO-2 and, once submitted, makes a new plan version (MO-3)',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.plan',
    params: zIdParams,
    body: z.strictObject({
      title: zText(200).optional(),
      windowStart: zInstant.optional(),
      windowEnd: zInstant.optional(),
      observationDays: z.number().int().min(1).max(3).optional(),
    }),
    response: zOperation,
    handler: async ({ ctx, actor, params, body }) =>
      presentOperation(await editOperation(ctx, actor, params.id, body)),
  }),
  route({
    method: 'POST',
    url: `${BASE}/:id/refusals`,
    summary: 'Refuse the current plan version with a reason; the operation goes back to draft (MO-3, MO-4)',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.approve',
    params: zIdParams,
    body: z.strictObject({ reason: zText(1000) }),
    response: zOperation,
    handler: async ({ ctx, actor, params, body }) =>
      presentOperation(await sendBack(ctx, actor, params.id, body.reason)),
  }),
  route({
    method: 'GET',
    url: '/api/v1/operation-approvals',
    summary: 'What waits for my plan review or approval, soonest window first (MO-3, MO-4)',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.approve',
    response: z.object({
      items: z.array(
        z.object({
          operation: zOperation,
          task: z.enum(['review', 'approve']),
          role: z.string(),
          approvedRoles: z.array(z.string()),
          requiredRoles: z.array(z.string()),
        }),
      ),
    }),
    handler: async ({ ctx, actor }) => ({
      items: (await approvalInbox(ctx, actor)).map((i) => ({
        ...i,
        operation: presentOperation(i.operation),
      })),
    }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/operation-roster',
    summary:
      'Who is on duty during each operation window between two instants: lead, team, rostered shifts and the MO-8 watch',
    tags: [TAG],
    auth: 'user',
    permission: 'operations.read',
    query: z.strictObject({ from: zInstant, to: zInstant }),
    response: z.object({
      items: z.array(
        z.object({
          operation: zOperation,
          crew: z.array(
            z.object({
              personId: z.string(),
              name: z.string(),
              lead: z.boolean(),
              shifts: z.array(zShift),
            }),
          ),
          watch: z.array(z.object({ names: z.array(z.string()), from: z.string(), to: z.string() })),
        }),
      ),
    }),
    handler: async ({ ctx, actor, query }) => ({
      items: (await watchRoster(ctx, actor, query.from, query.to)).map(presentRoster),
    }),
  }),
];
