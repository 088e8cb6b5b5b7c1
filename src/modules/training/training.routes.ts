/** WO-9 on-site training records: record one (signed), list an order's. */
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { zIdParams, zText } from '../../http/schemas.ts';
import * as training from './training.service.ts';

const zTraining = z.object({
  id: z.string(),
  orderId: z.string(),
  topic: z.string(),
  trainees: z.string(),
  signerName: z.string(),
  signatureAttachmentId: z.string(),
  trainedBy: z.string(),
  trainedAt: z.string(),
});

function present(r: {
  id: string;
  order_id: string;
  topic: string;
  trainees: string;
  signer_name: string;
  signature_attachment_id: string;
  trained_by: string;
  trained_at: string;
}): z.infer<typeof zTraining> {
  return {
    id: r.id,
    orderId: r.order_id,
    topic: r.topic,
    trainees: r.trainees,
    signerName: r.signer_name,
    signatureAttachmentId: r.signature_attachment_id,
    trainedBy: r.trained_by,
    trainedAt: r.trained_at,
  };
}

export const trainingRoutes = [
  route({
    method: 'POST',
    url: '/api/v1/work-orders/:id/trainings',
    summary:
      'WO-9: training given on site — what was taught, to whom, signed by the customer’s staff (signature image, PNG/JPEG base64)',
    tags: ['onsite'],
    auth: 'user',
    permission: 'work_orders.act',
    status: 201,
    bodyLimit: () => 3 * 1_048_576,
    params: zIdParams,
    body: z.strictObject({
      topic: zText(2000),
      trainees: zText(1000),
      signerName: zText(100),
      signaturePngBase64: z
        .string()
        .min(16)
        .max(3 * 1_048_576),
    }),
    response: zTraining,
    handler: async ({ ctx, actor, params, body }) =>
      present(await training.recordTraining(ctx, actor, params.id, body)),
  }),
  route({
    method: 'GET',
    url: '/api/v1/work-orders/:id/trainings',
    summary: 'WO-9: the training given on site for an order',
    tags: ['onsite'],
    auth: 'user',
    permission: 'work_orders.read',
    params: zIdParams,
    response: z.object({ items: z.array(zTraining) }),
    handler: async ({ ctx, actor, params }) => ({
      items: (await training.listTrainings(ctx, actor, params.id)).map(present),
    }),
  }),
];
