import { bootstrap } from '../../app/bootstrap.ts';
import { loadConfig } from '../../config.ts';
import { buildServer } from '../../http/server.ts';
import { startJobs } from '../../jobs/index.ts';
import { jobSettings } from '../../jobs/sweeper.ts';
import { notifySettingsFromEnv } from '../../modules/notifications/notifications.settings.ts';
import type { Command } from '../command.ts';

/** Starts the HTTP server; migrations are applied first. Stops cleanly on SIGINT/SIGTERM. */
export const serveCommand: Command = {
  words: ['serve'],
  summary: 'Start the Onsite server (applies pending migrations first)',
  usage:
    'onsite serve\n\nSettings come from the environment: PORT, HOST, DATABASE_URL … (docs/CONFIGURATION.md).',
  options: {},
  async run() {
    const config = loadConfig();
    // Every setting is checked before anything starts, so a bad one stops start-up by name.
    jobSettings();
    const notify = notifySettingsFromEnv();
    const ctx = await bootstrap(config);
    const app = await buildServer(ctx);
    ctx.log = app.log;
    startJobs(ctx, app);
    const stop = async () => {
      await app.close();
      await ctx.database.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (err) {
      await ctx.database.close();
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'EADDRINUSE')
        throw new Error(`PORT ${config.port} is already in use; set PORT to a free port`);
      throw err;
    }
    const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
    console.log(`Onsite is running at http://${shown}:${config.port}/  (database: ${ctx.kit.kind})`);
    if (!notify.smtpUrl) {
      console.log(
        'E-mail delivery is off (SMTP_URL is not set): notices reach people in their Onsite inbox.',
      );
    }
    return new Promise<number>(() => {});
  },
};
