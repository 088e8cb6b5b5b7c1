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

/** The engineer's page in the manifest (its source path). */
export const ENGINEER_PAGE = 'src/pages/EngineerPage.tsx';

export function readManifest(dist: string): Manifest {
  return JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

/** Manifest keys of the entries and their static imports (and, for `withDynamic`, those keys' lazy imports too). */
export function closure(manifest: Manifest, roots: string[], withDynamic: string[] = []): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const k of manifest[key]?.imports ?? []) visit(k);
    if (withDynamic.includes(key)) for (const k of manifest[key]?.dynamicImports ?? []) visit(k);
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

/** What the engineer's route loads: the entry's closure, the page's, and the page's own lazy parts. */
export function engineerRouteKeys(manifest: Manifest): Set<string> {
  return closure(manifest, [...entryKeys(manifest), ENGINEER_PAGE], [ENGINEER_PAGE]);
}
