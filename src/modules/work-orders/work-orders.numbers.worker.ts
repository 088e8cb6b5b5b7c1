/**
 * One intake process of the multi-process order-number test (work-orders.numbers.test.ts):
 * opens the shared database as `onsite serve` would, takes `count` orders with `concurrency`
 * in flight as one person, and prints the numbers it was given (and how many busy retries it needed) as JSON.
 *
 *   node --import tsx work-orders.numbers.worker.ts <databaseUrl> <personId> <count> <concurrency> <clockIso> <intakeJson>
 */
import { bootstrap } from '../../app/bootstrap.ts';
import { loadConfig } from '../../config.ts';
import { classifyDbError } from '../../db/dialect.ts';
import { ManualClock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { actorFor } from '../access/access.service.ts';
import { createOrder, type IntakeInput } from './work-orders.service.ts';

const [databaseUrl, personId, count, concurrency, clockIso, intakeJson] = process.argv.slice(2);
const ctx = await bootstrap(loadConfig({ DATABASE_URL: databaseUrl!, LOG_LEVEL: 'silent' }), {
  clock: new ManualClock(clockIso),
  migrate: false,
  poolSize: Number(concurrency),
  log: { info() {}, warn() {}, error() {} },
});
try {
  const actor = await actorFor(ctx, personId!, 'session');
  if (!actor) throw new Error(`no active person ${personId}`);
  const input = JSON.parse(intakeJson!) as IntakeInput;
  const numbers: string[] = [];
  let retries = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Number(concurrency) }, async () => {
      while (next < Number(count)) {
        next += 1;
        // Contention (SQLite's write lock held past the busy timeout by another process, or no
        // pool connection free in time on a loaded machine) is what the API answers 503 busy
        // for; a client retries, and so does this one, counting.
        for (;;) {
          try {
            numbers.push((await createOrder(ctx, actor, input)).number);
            break;
          } catch (err) {
            const busy =
              classifyDbError(err)?.kind === 'busy' || (err instanceof AppError && err.status === 503);
            if (!busy) throw err;
            retries += 1;
          }
        }
      }
    }),
  );
  process.stdout.write(JSON.stringify({ numbers, retries }));
} finally {
  await ctx.database.close();
}
