/** Sends a generated file as a download: its type, an attachment name, and no content sniffing. */
import type { FastifyReply } from 'fastify';

export async function sendDownload(
  reply: FastifyReply,
  type: string,
  fileName: string,
  body: Buffer | NodeJS.ReadableStream,
): Promise<undefined> {
  await reply
    .type(type)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('x-content-type-options', 'nosniff')
    .send(body);
  return undefined;
}
