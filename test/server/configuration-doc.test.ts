/**
 * docs/CONFIGURATION.md lists every environment variable the server reads. This test finds the
 * variables in the source (any file that touches the environment) and fails, naming them, when
 * the page is missing one — so a new setting cannot ship undocumented.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './cli-helpers.ts';

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** Variable names read in a file: `env.NAME`, `env['NAME']`, and quoted NAMEs in env-reading files. */
export function variablesRead(text: string): string[] {
  if (!/process\.env|ProcessEnv/.test(text)) return [];
  const names = new Set<string>();
  for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]+)\b/g)) names.add(m[1]!);
  for (const m of text.matchAll(/\benv\[\s*'([A-Z][A-Z0-9_]+)'\s*\]/g)) names.add(m[1]!);
  // Settings read through a helper: intSetting(env, 'PORT', …) or int('TIMER_BATCH_SIZE', …).
  for (const m of text.matchAll(/\(\s*(?:env\s*,\s*)?'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)'\s*,/g))
    names.add(m[1]!);
  return [...names];
}

test('every environment variable read under src/ is documented in docs/CONFIGURATION.md', () => {
  const doc = readFileSync(path.join(repoRoot, 'docs/CONFIGURATION.md'), 'utf8');
  const found = new Map<string, string>();
  for (const file of sourceFiles(path.join(repoRoot, 'src'))) {
    for (const name of variablesRead(readFileSync(file, 'utf8'))) {
      if (!found.has(name)) found.set(name, path.relative(repoRoot, file));
    }
  }
  for (const core of ['DATABASE_URL', 'PORT', 'HOST', 'ONSITE_TIME_ZONE']) {
    assert.ok(found.has(core), `the scan should find ${core}; the pattern no longer matches src/config.ts`);
  }
  const missing = [...found].filter(([name]) => !doc.includes(`\`${name}\``));
  assert.deepEqual(
    missing.map(([name, file]) => `${name} (read in ${file})`),
    [],
    'add a row for each to docs/CONFIGURATION.md',
  );
});

test('the scan recognises each way a setting is read', () => {
  const text = `const e: NodeJS.ProcessEnv = process.env;
    env.ALPHA_ONE; env['BETA']; intSetting(env, 'GAMMA_X', 1, 0, 2); int('DELTA', 5, 1, 9); log('not a setting')`;
  assert.deepEqual(variablesRead(text).sort(), ['ALPHA_ONE', 'BETA', 'DELTA', 'GAMMA_X']);
  assert.deepEqual(
    variablesRead("env.ALPHA; int('X_Y', 1)"),
    [],
    'files that do not touch the environment are skipped',
  );
});
