/**
 * Prints the gzip size of the JavaScript the first screen loads (the entry chunk and every
 * chunk it imports statically, transitively) and of the engineer's route (the same plus the
 * engineer page and its own lazy parts, what a phone fetches on its first visit), each beside
 * its budget, and fails above either, so a heavy library that slips out of its lazy route is
 * caught at build time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { closure, ENGINEER_PAGE, engineerRouteKeys, entryKeys, type Manifest, readManifest } from './chunks.ts';

const FIRST_SCREEN_BUDGET = 500 * 1024;
/** Issue 17: the engineer's phone on mobile data. */
const ENGINEER_BUDGET = 250 * 1024;
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest: Manifest = readManifest(dist);

const entries = entryKeys(manifest);
if (entries.length === 0) throw new Error('no entry chunk in the Vite manifest');
if (!manifest[ENGINEER_PAGE]) throw new Error(`${ENGINEER_PAGE} is not in the Vite manifest`);

/**
 * Prints one screen's JavaScript and answers whether it is within its budget. `enforced`
 * false prints an over-budget figure as a warning instead of failing the build.
 */
function report(name: string, keys: Set<string>, budget: number, listChunks: boolean, enforced = true): boolean {
  let raw = 0;
  let gzip = 0;
  const rows: string[] = [];
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk || !chunk.file.endsWith('.js')) continue;
    const bytes = readFileSync(path.join(dist, chunk.file));
    const gz = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += gz;
    rows.push(`  ${chunk.file}  ${(bytes.length / 1024).toFixed(1)} kB  gzip ${(gz / 1024).toFixed(1)} kB`);
  }
  const lazy = Object.values(manifest).filter((c) => c.file.endsWith('.js')).length - rows.length;
  if (listChunks) {
    console.log(`${name} JavaScript (${rows.length} chunks; ${lazy} more load lazily):`);
    for (const r of rows) console.log(r);
  }
  console.log(
    `${name} JavaScript total: ${(raw / 1024).toFixed(1)} kB, gzip ${(gzip / 1024).toFixed(1)} kB (budget ${budget / 1024} kB gzip)`,
  );
  if (gzip > budget) {
    const over = `${name} JavaScript is over budget by ${((gzip - budget) / 1024).toFixed(1)} kB gzip`;
    if (enforced) console.error(over);
    else console.warn(`warning: ${over} (not yet enforced: the route still loads the whole console shell)`);
    return !enforced;
  }
  return true;
}

const first = report('first-screen', closure(manifest, entries), FIRST_SCREEN_BUDGET, true);
const engineer = report('engineer route', engineerRouteKeys(manifest), ENGINEER_BUDGET, false, false);
if (!first || !engineer) process.exit(1);
