import { bootstrap } from '../../app/bootstrap.ts';
import { loadConfig } from '../../config.ts';
import { AppError } from '../../shared/errors.ts';
import { type Command, UsageError } from '../command.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from '../demo/catalog/accounts.ts';
import { loadDemo } from '../demo/load.ts';
import { DEMO_SCALES, type DemoScale } from '../demo/loader.ts';

function printLogins(logins: readonly DemoAccount[], caveat: string): void {
  console.log('');
  console.log(`Demo sign-ins (password for all: ${DEMO_PASSWORD}${caveat})`);
  const width = Math.max(...logins.map((l) => l.username.length));
  for (const l of logins) console.log(`  ${l.username.padEnd(width)}  ${l.note}  (${l.displayName})`);
}

/** Loads the demo organisation (seed 004's province and vendors) into an empty database. */
export const demoCommand: Command = {
  words: ['demo'],
  summary: 'Load realistic demo data (Guizhou, 3 partners, engineers, sites) and print demo sign-ins',
  usage: `onsite demo [--if-empty] [--scale small|full] [--seed N]

Loads one province (贵州省) with its 9 prefectures and 88 counties, the three maintenance
partners of seed 004, engineers with certifications and work cards, customers, sites and
equipment, and a sign-in for every role (password ${DEMO_PASSWORD}). The data are the same on
every run with the same seed; dates are placed around today.
  --if-empty   do nothing (exit 0) when the database already has people
  --scale      small (a quick set for tests) or full (default)
  --seed       seed of the generator (default 4)`,
  options: {
    'if-empty': { type: 'boolean' },
    scale: { type: 'string' },
    seed: { type: 'string' },
  },
  async run(values) {
    const scaleName = (values.scale as string | undefined) ?? 'full';
    if (scaleName !== 'small' && scaleName !== 'full') {
      throw new UsageError(`--scale must be small or full, got "${scaleName}"`);
    }
    const seedText = (values.seed as string | undefined) ?? '4';
    if (!/^\d{1,9}$/.test(seedText)) throw new UsageError(`--seed must be a whole number, got "${seedText}"`);
    const scale: DemoScale = DEMO_SCALES[scaleName];

    const config = loadConfig();
    const ctx = await bootstrap(config);
    try {
      const { n } = await ctx.db
        .selectFrom('people')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(n) > 0) {
        if (values['if-empty']) {
          console.log(`the database already has ${n} people; demo data not loaded (--if-empty)`);
          // `npm start` runs this every time: remind of the sign-ins when this is the demo database.
          const present = await ctx.db
            .selectFrom('people')
            .select('username')
            .where(
              'username',
              'in',
              DEMO_ACCOUNTS.map((a) => a.username),
            )
            .execute();
          if (present.length === DEMO_ACCOUNTS.length) printLogins(DEMO_ACCOUNTS, ', unless changed since');
          return 0;
        }
        console.error(
          `onsite demo: the database already has ${n} people; demo data load into an empty database only (use --if-empty to skip quietly, or point DATABASE_URL at a new database)`,
        );
        return 1;
      }
      const started = Date.now();
      console.log(`loading demo data (${scale.name}) into ${ctx.kit.kind} …`);
      const state = await loadDemo(ctx, {
        scale: scale.name,
        seed: Number(seedText),
        print: (l) => console.log(l),
      });
      console.log(`demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      printLogins(state.logins, '');
      return 0;
    } catch (err) {
      if (err instanceof AppError) {
        const details = err.details.map((d) => `${d.field}: ${d.message.en}`).join('; ');
        throw new Error(`demo data were refused: ${err.code}${details ? `: ${details}` : ''}`);
      }
      throw err;
    } finally {
      await ctx.database.close();
    }
  },
};
