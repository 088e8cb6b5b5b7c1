/**
 * Background jobs of a server process: the durable-timer sweeper (deadlines, escalation steps,
 * outgoing messages, recurring jobs). `onsite serve` starts it; closing the server stops it and
 * ends the live notification streams.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { hubFor } from '../modules/notifications/notifications.hub.ts';
import { jobSettings, type Sweeper, startSweeper } from './sweeper.ts';

/** Starts the sweeper for a running server (unless JOBS_ENABLED=false) and stops it when the server closes. */
export function startJobs(ctx: AppContext, app: FastifyInstance): Sweeper | null {
  const settings = jobSettings();
  app.addHook('preClose', async () => {
    hubFor(ctx.database).closeAll();
  });
  if (!settings.enabled) return null;
  const sweeper = startSweeper(ctx, settings);
  app.addHook('onClose', async () => {
    await sweeper.stop();
  });
  return sweeper;
}
