/** The dispatcher map's engineer positions (see onsite.positions.ts). */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { engineerPositions } from './onsite.positions.ts';

export const positionRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/engineers/positions',
    summary:
      'Each engineer’s last known position (the GPS fix of their latest check-in, with its accuracy and time), for the dispatcher’s map',
    tags: ['onsite'],
    auth: 'user',
    permission: 'work_orders.assign',
    response: z.object({
      items: z.array(
        z.object({
          personId: z.string(),
          name: z.string(),
          lat: z.number(),
          lng: z.number(),
          accuracyM: z.number().nullable(),
          at: z.string(),
          orderId: z.string(),
        }),
      ),
    }),
    handler: async ({ ctx, actor }) => ({
      items: (await engineerPositions(ctx, actor.scope)).map((r) => ({
        personId: r.person_id,
        name: r.display_name,
        lat: r.check_in_lat as number,
        lng: r.check_in_lng as number,
        accuracyM: r.check_in_accuracy_m,
        at: r.check_in_at,
        orderId: r.order_id,
      })),
    }),
  }),
];
