/**
 * Which built files a screen needs, read from Vite's manifest: an entry and every chunk it
 * imports statically, transitively. The first-screen budget and the engineer's offline cache
 * both ask this, so they agree on what "the engineer route" is.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export type Manifest = Record<string, ManifestChunk>;

/** The engineer's field app in the manifest (its source path): the shell the entry loads on /engineer. */
export const FIELD_SHELL = 'src/field/FieldApp.tsx';
/** The console's shell, which the entry loads on every other address. */
export const CONSOLE_SHELL = 'src/App.tsx';

export function readManifest(dist: string): Manifest {
  return JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

/**
 * Manifest keys of the roots and their static imports, transitively; with `lazyFrom`, the lazy
 * imports of every chunk reached that is not in it are followed too (everything the roots can
 * ever load, without the lazy imports of the chunks already counted, such as the entry's shells).
 */
export function closure(manifest: Manifest, roots: string[], lazyFrom?: Set<string>): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const k of manifest[key]?.imports ?? []) visit(k);
    if (lazyFrom && !lazyFrom.has(key)) for (const k of manifest[key]?.dynamicImports ?? []) visit(k);
  };
  for (const r of roots) visit(r);
  return seen;
}

/** The entry chunks' keys. */
export function entryKeys(manifest: Manifest): string[] {
  return Object.entries(manifest)
    .filter(([, c]) => c.isEntry)
    .map(([k]) => k);
}

/** Files (JavaScript and CSS) of the given manifest keys. */
export function filesOf(manifest: Manifest, keys: Iterable<string>): string[] {
  const files = new Set<string>();
  for (const k of keys) {
    const c = manifest[k];
    if (!c) continue;
    files.add(c.file);
    for (const css of c.css ?? []) files.add(css);
  }
  return [...files];
}

/**
 * What the engineer's route loads before it is usable: the entry and its static imports, and the
 * field app with its static imports (the day's orders, calling, navigation, check-in and out, the
 * queue). The console's shell, which the entry loads only on other addresses, is not part of it.
 */
export function engineerFirstLoadKeys(manifest: Manifest): Set<string> {
  const keys = closure(manifest, entryKeys(manifest));
  for (const k of closure(manifest, [FIELD_SHELL])) keys.add(k);
  return keys;
}

/**
 * Everything the engineer's route can load: the first load and every part the field app loads
 * lazily (the site's forms once an order has an arrival, the late-notice form, the QR encoder
 * on a tap). The service worker keeps all of it, so the phone works offline.
 */
export function engineerRouteKeys(manifest: Manifest): Set<string> {
  const keys = engineerFirstLoadKeys(manifest);
  for (const k of closure(manifest, [FIELD_SHELL], new Set(closure(manifest, entryKeys(manifest))))) keys.add(k);
  return keys;
}

/** What the console's first screen loads: the entry, its static imports, and the console's shell with its static imports. */
export function consoleFirstScreenKeys(manifest: Manifest): Set<string> {
  return closure(manifest, [...entryKeys(manifest), CONSOLE_SHELL]);
}
