/**
 * Prints the gzip size of the JavaScript the first screen loads (the entry chunk and every
 * chunk it imports statically, transitively) and fails above the budget, so a heavy library
 * that slips out of its lazy route is caught at build time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const BUDGET_BYTES = 500 * 1024;
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
  string,
  ManifestChunk
>;

const entries = Object.entries(manifest).filter(([, c]) => c.isEntry);
if (entries.length === 0) throw new Error('no entry chunk in the Vite manifest');

const seen = new Set<string>();
const visit = (key: string) => {
  if (seen.has(key)) return;
  seen.add(key);
  for (const k of manifest[key]?.imports ?? []) visit(k);
};
for (const [key] of entries) visit(key);

let raw = 0;
let gzip = 0;
const rows: string[] = [];
for (const key of seen) {
  const chunk = manifest[key];
  if (!chunk || !chunk.file.endsWith('.js')) continue;
  const bytes = readFileSync(path.join(dist, chunk.file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += gz;
  rows.push(`  ${chunk.file}  ${(bytes.length / 1024).toFixed(1)} kB  gzip ${(gz / 1024).toFixed(1)} kB`);
}
const lazy = Object.values(manifest).filter((c) => c.file.endsWith('.js')).length - rows.length;
console.log(`first-screen JavaScript (${rows.length} chunks; ${lazy} more load lazily):`);
for (const r of rows) console.log(r);
console.log(
  `first-screen JavaScript total: ${(raw / 1024).toFixed(1)} kB, gzip ${(gzip / 1024).toFixed(1)} kB (budget ${BUDGET_BYTES / 1024} kB gzip)`,
);
if (gzip > BUDGET_BYTES) {
  console.error(`first-screen JavaScript is over budget by ${((gzip - BUDGET_BYTES) / 1024).toFixed(1)} kB gzip`);
  process.exit(1);
}
