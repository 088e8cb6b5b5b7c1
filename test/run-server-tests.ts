/**
 * Runs every server test file (rules, API on both databases, CLI) with node's test runner.
 * Node 20's runner takes no globs, so the files are found here.
 *
 * Before the run it checks PostgreSQL: when it cannot be reached the PostgreSQL half of the
 * suite is skipped, and this says so loudly (a green run on SQLite alone must not pass for a
 * full one). With CI=true an unreachable PostgreSQL fails the run at once instead.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

function find(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const pgUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresProblem(): Promise<string | null> {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await client.end().catch(() => {});
  }
}

function banner(lines: string[]): string {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = '#'.repeat(width);
  return ['', bar, ...lines.map((l) => `# ${l.padEnd(width - 4)} #`), bar, ''].join('\n');
}

const only = process.argv.slice(2);
const files = only.length ? only : [...find('src'), ...find('test/server')].sort();
const shownUrl = pgUrl.replace(/\/\/[^@/]*@/, '//***@');

if (process.env.ONSITE_TEST_DBS !== 'sqlite') {
  const problem = await postgresProblem();
  if (problem && process.env.CI === 'true') {
    console.error(
      banner([
        `CI=true but PostgreSQL is not reachable at ${shownUrl}`,
        `(${problem})`,
        'The PostgreSQL suite is mandatory in CI: failing the run.',
      ]),
    );
    process.exit(1);
  }
  if (problem) {
    console.error(
      banner([
        'WARNING: PostgreSQL is NOT reachable — its half of the suite is SKIPPED.',
        `Tried ${shownUrl}: ${problem}`,
        'Only SQLite is being tested. Start PostgreSQL or set TEST_DATABASE_URL;',
        'with CI=true this is an error (see README.md, "Tests").',
      ]),
    );
  } else {
    console.log(`server tests on SQLite and PostgreSQL (${shownUrl})`);
  }
} else {
  console.log('server tests on SQLite only (ONSITE_TEST_DBS=sqlite)');
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: process.env },
);
process.exit(result.status ?? 1);
