/**
 * Prints the gzip size of the JavaScript the console's first screen loads (the entry chunk, the
 * console's shell and every chunk they import statically, transitively) and of the engineer's
 * route (the entry, the field app and everything it can load, lazy parts included: what a phone
 * fetches and keeps for working offline), each beside its budget, and fails the build above
 * either, so a heavy library that slips into the field app or out of its lazy route is caught.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  CONSOLE_SHELL,
  consoleFirstScreenKeys,
  engineerFirstLoadKeys,
  engineerRouteKeys,
  entryKeys,
  FIELD_SHELL,
  type Manifest,
  readManifest,
} from './chunks.ts';

const FIRST_SCREEN_BUDGET = 500 * 1024;
/** Issue 17: the engineer's phone on mobile data, before the route is usable. */
const ENGINEER_BUDGET = 250 * 1024;
/** The same route with every part it loads later (the site's forms, the QR encoder), all kept offline. */
const ENGINEER_ALL_BUDGET = 350 * 1024;
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest: Manifest = readManifest(dist);

const entries = entryKeys(manifest);
if (entries.length === 0) throw new Error('no entry chunk in the Vite manifest');
for (const shell of [FIELD_SHELL, CONSOLE_SHELL]) {
  // Each shell must be a chunk of its own, or the figures below would not separate them.
  if (!manifest[shell]) throw new Error(`${shell} is not a chunk of its own in the Vite manifest`);
}

/** Prints one screen's JavaScript beside its budget and answers whether it is within it. */
function report(name: string, keys: Set<string>, budget: number, listChunks: boolean): boolean {
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
    console.log(`${name} JavaScript (${rows.length} chunks; ${lazy} other chunks not counted):`);
    for (const r of rows) console.log(r);
  }
  console.log(
    `${name} JavaScript total: ${(raw / 1024).toFixed(1)} kB, gzip ${(gzip / 1024).toFixed(1)} kB (budget ${budget / 1024} kB gzip)`,
  );
  if (gzip > budget) {
    console.error(`${name} JavaScript is over budget by ${((gzip - budget) / 1024).toFixed(1)} kB gzip`);
    return false;
  }
  return true;
}

const first = report('first-screen', consoleFirstScreenKeys(manifest), FIRST_SCREEN_BUDGET, true);
const engineer = report('engineer route', engineerFirstLoadKeys(manifest), ENGINEER_BUDGET, true);
const offline = report('engineer route with its lazy parts', engineerRouteKeys(manifest), ENGINEER_ALL_BUDGET, false);
if (!first || !engineer || !offline) process.exit(1);
