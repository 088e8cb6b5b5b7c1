/** Loads the demo into an open database: what `onsite demo` runs, and what tests call in-process. */
import type { AppContext } from '../../app/context.ts';
import { progress as terminalProgress } from '../command.ts';
import { DEMO_PASSWORD } from './catalog/accounts.ts';
import { DEMO_PRODUCTS } from './catalog/organisation.ts';
import { DEMO_SCALES, type DemoScale, type DemoState, localDate, runDemoSteps } from './loader.ts';
import { DemoRandom } from './random.ts';
import { demoSteps } from './steps/index.ts';

/** Runs every demo step against `ctx` (which should hold an empty database) and returns what was created. */
export async function loadDemo(
  ctx: AppContext,
  opts: { scale: DemoScale['name']; seed: number; print?: (line: string) => void },
): Promise<DemoState> {
  const print = opts.print;
  const state: DemoState = {
    ctx,
    actor: { system: 'demo' },
    rng: new DemoRandom(opts.seed),
    scale: DEMO_SCALES[opts.scale],
    today: localDate(ctx.clock.now(), ctx.config.defaultTimeZone),
    password: DEMO_PASSWORD,
    province: null,
    prefectures: [],
    partners: [],
    products: DEMO_PRODUCTS,
    people: [],
    engineers: [],
    customers: [],
    sites: [],
    equipment: [],
    logins: [],
    progress: print ? terminalProgress : () => () => {},
  };
  await runDemoSteps(state, demoSteps, print ?? (() => {}));
  return state;
}
