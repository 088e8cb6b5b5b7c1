/**
 * The `onsite` command line, run as a child process the way an operator runs it: help and
 * usage errors, user add, migrate, backup and restore while a server holds the database open
 * (RC-3), audit verify (RC-2), and the demo data on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { bootstrap } from '../../src/app/bootstrap.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/cli/demo/catalog/accounts.ts';
import { DEMO_PARTNERS } from '../../src/cli/demo/catalog/organisation.ts';
import { DEMO_PREFECTURES } from '../../src/cli/demo/catalog/regions.ts';
import { loadDemo } from '../../src/cli/demo/load.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { buildServer } from '../../src/http/server.ts';
import { ROLES } from '../../src/modules/access/roles.ts';
import { OPERATION_STATES } from '../../src/modules/operations/operations.rules.ts';
import { ManualClock } from '../../src/shared/clock.ts';
import { scratchDatabase, testDatabases } from '../harness.ts';
import { login, runCli, startServer, tempDir } from './cli-helpers.ts';

const latestMigration = Object.keys(migrations).at(-1)!;
/** The in-process demo runs at a fixed instant, so dates are checked against a known day. */
const DEMO_INSTANT = '2026-11-02T02:00:00.000Z';
const DEMO_TODAY = '2026-11-02';

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Usernames in a SQLite database file, read directly (the server may not be running). */
function usernames(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT username FROM people ORDER BY username').all() as { username: string }[]).map(
      (r) => r.username,
    );
  } finally {
    db.close();
  }
}

describe('onsite help and usage errors', { concurrency: 4 }, () => {
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  before(() => {
    tmp = tempDir('onsite-cli-help-');
    env = { DATABASE_URL: `sqlite:${path.join(tmp.dir, 'onsite.db')}` };
  });
  after(() => tmp.cleanup());

  test('--help lists every command; each command has its own --help with usage', async () => {
    const r = await runCli(['--help'], env);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: onsite <command>/);
    const listed = r.stdout
      .split('\n')
      .filter((l) => /^ {2}\S/.test(l))
      .map((l) => l.trim().split(/\s{2,}/)[0]!);
    for (const expected of ['serve', 'migrate', 'user add', 'audit verify', 'backup', 'restore', 'demo']) {
      assert.ok(listed.includes(expected), `help lists ${expected}: ${listed.join(', ')}`);
    }
    const helps = await Promise.all(listed.map((words) => runCli([...words.split(' '), '--help'], env)));
    listed.forEach((words, i) => {
      const h = helps[i]!;
      assert.equal(h.code, 0, `${words} --help: ${h.stderr}`);
      assert.match(h.stdout, new RegExp(`Usage: onsite ${words}`), `${words} --help shows its usage`);
    });
  });

  test('no command prints the help and exits 2', async () => {
    const r = await runCli([], env);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /Usage: onsite <command>/);
  });

  test('an unknown command exits 2 and says so', async () => {
    const r = await runCli(['frobnicate'], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command "frobnicate"/);
  });

  test('an unknown option exits 2 with the command usage', async () => {
    const r = await runCli(['migrate', '--colour'], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--colour/);
    assert.match(r.stderr, /onsite migrate/);
  });

  test('demo --scale must be small or full', async () => {
    const r = await runCli(['demo', '--scale', 'huge'], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--scale must be small or full/);
  });
});

describe('onsite migrate and user add', () => {
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  before(() => {
    tmp = tempDir('onsite-cli-user-');
    env = { DATABASE_URL: `sqlite:${path.join(tmp.dir, 'onsite.db')}` };
  });
  after(() => tmp.cleanup());

  test('migrate applies every migration and prints the version; a second run applies nothing', async () => {
    const first = await runCli(['migrate'], env);
    assert.equal(first.code, 0, first.stderr);
    for (const name of Object.keys(migrations)) assert.match(first.stdout, new RegExp(`applied ${name}`));
    assert.match(first.stdout, new RegExp(`database \\(sqlite\\) is at ${latestMigration}`));
    const second = await runCli(['migrate'], env);
    assert.equal(second.code, 0);
    assert.doesNotMatch(second.stdout, /applied/);
    assert.match(second.stdout, new RegExp(`is at ${latestMigration}`));
  });

  test('several processes migrating one new SQLite file at once take turns; each migration is applied once', async () => {
    const { dir, cleanup } = tempDir('onsite-race-');
    try {
      const raceEnv = { DATABASE_URL: `sqlite:${path.join(dir, 'race.db')}` };
      const runs = await Promise.all([1, 2, 3, 4].map(() => runCli(['migrate'], raceEnv)));
      for (const r of runs) assert.equal(r.code, 0, r.stderr);
      for (const name of Object.keys(migrations)) {
        const appliedBy = runs.filter((r) => r.stdout.includes(`applied ${name}`)).length;
        assert.equal(appliedBy, 1, `${name} applied by exactly one process`);
      }
    } finally {
      cleanup();
    }
  });

  test('user add creates a person who can sign in', async () => {
    const r = await runCli(
      [
        'user',
        'add',
        '--username',
        'boss',
        '--password',
        'Adm1n!pass',
        '--name',
        '管理员',
        '--role',
        'admin',
      ],
      env,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /added boss \(admin\)/);
    const server = await startServer(env);
    try {
      assert.equal(await login(server.url, 'boss', 'Adm1n!pass'), 200);
      assert.equal(await login(server.url, 'boss', 'wrong-pass1'), 401);
    } finally {
      await server.stop();
    }
  });

  test('user add with an unknown role fails clearly and lists the roles', async () => {
    const r = await runCli(
      ['user', 'add', '--username', 'x', '--password', 'Adm1n!pass', '--role', 'wizard'],
      env,
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown role wizard/);
    for (const role of ROLES) assert.ok(r.stderr.includes(role), `lists ${role}`);
    assert.ok(!usernames(path.join(tmp.dir, 'onsite.db')).includes('x'));
  });

  test('user add without a password, or with a weak one, fails naming the problem', async () => {
    const missing = await runCli(['user', 'add', '--username', 'y'], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--username and --password are required/);
    const weak = await runCli(['user', 'add', '--username', 'y', '--password', 'short'], env);
    assert.equal(weak.code, 2);
    assert.match(weak.stderr, /password: must be at least 8 characters/);
  });

  test('user add with a taken username fails without a stack trace', async () => {
    const r = await runCli(['user', 'add', '--username', 'boss', '--password', 'Adm1n!pass'], env);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /username|conflict|exists/i);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});

describe('onsite backup and restore (SQLite) while a server holds the database open', () => {
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  let dbFile: string;
  before(() => {
    tmp = tempDir('onsite-cli-backup-');
    dbFile = path.join(tmp.dir, 'onsite.db');
    env = { DATABASE_URL: `sqlite:${dbFile}` };
  });
  after(() => tmp.cleanup());

  test('backup while serving, refuse restore while serving, restore after stop, chain intact', async () => {
    assert.equal(
      (await runCli(['user', 'add', '--username', 'alice', '--password', 'Alice!pass1'], env)).code,
      0,
    );
    const server = await startServer(env);
    const backupFile = path.join(tmp.dir, 'backups', 'before-bob.db');
    try {
      assert.equal(await login(server.url, 'alice', 'Alice!pass1'), 200);

      const b = await runCli(['backup', backupFile], env);
      assert.equal(b.code, 0, b.stderr);
      assert.match(b.stdout, /copying pages: \d+\/\d+ \(100%\)/, 'progress is shown');
      const printed = /sha256 ([0-9a-f]{64})/.exec(b.stdout)?.[1];
      assert.equal(printed, sha256(backupFile), 'the printed checksum is the file’s');
      assert.match(
        readFileSync(`${backupFile}.sha256`, 'utf8'),
        new RegExp(`^${printed}  before-bob.db\\n$`),
      );
      assert.ok(!existsSync(`${backupFile}-wal`), 'the backup is one self-contained file');
      assert.deepEqual(usernames(backupFile), ['alice']);

      const again = await runCli(['backup', backupFile], env);
      assert.equal(again.code, 2, 'an existing backup is not overwritten without --force');
      assert.match(again.stderr, /already exists/);

      // The server writes on: bob signs in through it after the backup was taken.
      assert.equal(
        (await runCli(['user', 'add', '--username', 'bob', '--password', 'Bob!pass12'], env)).code,
        0,
      );
      assert.equal(await login(server.url, 'bob', 'Bob!pass12'), 200);

      const refused = await runCli(['restore', backupFile], env);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /in use by another process \(is the server running\?\)/);
      assert.equal(await login(server.url, 'bob', 'Bob!pass12'), 200, 'the live database was not touched');
    } finally {
      assert.equal(await server.stop(), 0);
    }

    const r = await runCli(['restore', backupFile], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /checksum ok/);
    assert.match(r.stdout, new RegExp(`database is at ${latestMigration}`));
    const kept = /previous database kept as (\S+)/.exec(r.stdout)?.[1];
    assert.ok(kept && existsSync(kept), 'the replaced database is kept');
    assert.deepEqual(usernames(kept), ['alice', 'bob']);
    assert.deepEqual(usernames(dbFile), ['alice'], 'the database is back at the backup');

    const verify = await runCli(['audit', 'verify'], env);
    assert.equal(verify.code, 0, verify.stderr);
    assert.match(verify.stdout, /history chain intact: 1 entries verified/);

    const restarted = await startServer(env);
    try {
      assert.equal(await login(restarted.url, 'alice', 'Alice!pass1'), 200);
      assert.equal(await login(restarted.url, 'bob', 'Bob!pass12'), 401);
    } finally {
      await restarted.stop();
    }
  });

  test('backup without a FILE writes backups/onsite-<time>.db beside the database', async () => {
    const r = await runCli(['backup'], env);
    assert.equal(r.code, 0, r.stderr);
    const files = readdirSync(path.join(tmp.dir, 'backups')).filter((f) =>
      /^onsite-\d{8}T\d{6}Z\.db$/.test(f),
    );
    assert.equal(files.length, 1, readdirSync(path.join(tmp.dir, 'backups')).join(', '));
  });

  test('restore refuses a backup that does not match its checksum', async () => {
    const good = path.join(tmp.dir, 'backups', 'before-bob.db');
    const bad = path.join(tmp.dir, 'tampered.db');
    copyFileSync(good, bad);
    copyFileSync(`${good}.sha256`, `${bad}.sha256`);
    const bytes = readFileSync(bad);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1]! + 1) % 256;
    writeFileSync(bad, bytes);
    const r = await runCli(['restore', bad], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /does not match its checksum/);
  });

  test('restore refuses a SQLite file that is not an Onsite database, and a file that is not SQLite', async () => {
    const foreign = path.join(tmp.dir, 'foreign.db');
    const db = new Database(foreign);
    db.exec('CREATE TABLE notes (x text)');
    db.close();
    const r = await runCli(['restore', foreign], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not an Onsite database: it has no migrations table/);

    const text = path.join(tmp.dir, 'notes.txt');
    writeFileSync(text, 'this is not a database, just some words to fill a page '.repeat(100));
    const t = await runCli(['restore', text], env);
    assert.equal(t.code, 1);
    assert.match(t.stderr, /not a SQLite database|cannot be opened/);
    assert.deepEqual(usernames(dbFile), ['alice'], 'the database is untouched');
  });

  test('backup and restore on PostgreSQL point to pg_dump and pg_restore and exit non-zero', async () => {
    const pgEnv = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/onsite' };
    const b = await runCli(['backup'], pgEnv);
    assert.equal(b.code, 1);
    assert.match(b.stderr, /pg_dump/);
    const r = await runCli(['restore', 'x.dump'], pgEnv);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /pg_restore/);
  });
});

// The small demo runs the real services under a moved clock: a minute on a quiet machine, several
// when the machine is shared, so its runs get more time than a plain command.
const DEMO_TIMEOUT_MS = 600_000;

describe('onsite demo', () => {
  for (const kind of testDatabases) {
    test(`demo --scale small loads every role, signs in, and verifies (${kind})`, async () => {
      const scratch = await scratchDatabase(kind);
      const env = { DATABASE_URL: scratch.config.databaseUrl };
      try {
        const r = await runCli(['demo', '--scale', 'small'], env, undefined, DEMO_TIMEOUT_MS);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /✓ regions: 贵州省, 9 prefectures, 88 counties\/districts/);
        assert.match(r.stdout, /Demo sign-ins \(password for all: /);
        assert.match(
          r.stdout,
          /✓ major operations: .*batch rollout refused \(siteIds: this version has not been proven/,
        );
        for (const a of DEMO_ACCOUNTS) assert.match(r.stdout, new RegExp(`^ {2}${a.username} `, 'm'));

        const ctx = await bootstrap(scratch.config, { log: { info() {}, warn() {}, error() {} } });
        try {
          const roles = await ctx.db.selectFrom('person_roles').select('role').distinct().execute();
          assert.deepEqual(
            roles.map((x) => x.role).sort(),
            [...ROLES].sort(),
            'every role is held by someone',
          );
          // MO-1 … MO-13 at work: an operation in every state, the New Year freeze flagging one.
          const opStates = await ctx.db.selectFrom('operations').select('state').distinct().execute();
          assert.deepEqual(
            opStates.map((x) => x.state).sort(),
            [...OPERATION_STATES].sort(),
            'an operation in every state',
          );
          const flagged = await ctx.db
            .selectFrom('operations')
            .select('id')
            .where('freeze_flagged_at', 'is not', null)
            .execute();
          assert.equal(flagged.length, 1, 'the holiday freeze flags the approved operation in it');
          const partners = await ctx.db
            .selectFrom('partners')
            .select(['code', 'name'])
            .orderBy('code')
            .execute();
          assert.deepEqual(
            partners.map((p) => p.code),
            DEMO_PARTNERS.map((p) => p.code).sort(),
          );
          const app = await buildServer(ctx, { logger: false });
          try {
            for (const username of ['admin', 'partner_engineer', 'escort', 'director']) {
              const res = await app.inject({
                method: 'POST',
                url: '/api/v1/auth/login',
                payload: { username, password: DEMO_PASSWORD },
              });
              assert.equal(res.statusCode, 200, `${username}: ${res.body}`);
            }
          } finally {
            await app.close();
          }
        } finally {
          await ctx.database.close();
        }

        const verify = await runCli(['audit', 'verify'], env);
        assert.equal(verify.code, 0, verify.stderr);
        const skipped = await runCli(['demo', '--if-empty'], env, undefined, DEMO_TIMEOUT_MS);
        assert.equal(skipped.code, 0);
        assert.match(skipped.stdout, /demo data not loaded \(--if-empty\)/);
        assert.match(
          skipped.stdout,
          /Demo sign-ins .*unless changed since/,
          'npm start reminds of the sign-ins',
        );
        const twice = await runCli(['demo', '--scale', 'small'], env, undefined, DEMO_TIMEOUT_MS);
        assert.equal(twice.code, 1);
        assert.match(twice.stderr, /already has \d+ people/);
      } finally {
        await scratch.drop();
      }
    });
  }

  /** Loads the demo in-process into a fresh SQLite file at a fixed instant; the caller closes it. */
  async function demoInProcess(scale: 'small' | 'full', seed: number) {
    const scratch = await scratchDatabase('sqlite');
    const ctx = await bootstrap(scratch.config, {
      clock: new ManualClock(DEMO_INSTANT),
      log: { info() {}, warn() {}, error() {} },
    });
    await loadDemo(ctx, { scale, seed });
    return {
      sqlite: ctx.database.sqlite!,
      close: async () => {
        await ctx.database.close();
        await scratch.drop();
      },
    };
  }

  test('the same seed gives the same data; another seed gives other data', async () => {
    const dump = (db: Database.Database) =>
      JSON.stringify([
        db.prepare('SELECT username, display_name, phone FROM people ORDER BY username').all(),
        db.prepare('SELECT code, name, address, lat, lng, area_class FROM sites ORDER BY code').all(),
        db
          .prepare(
            'SELECT product, level, certificate_no, expires_on FROM certifications ORDER BY certificate_no',
          )
          .all(),
        db
          .prepare('SELECT product, model, serial_no, contract_ends_on FROM equipment ORDER BY serial_no')
          .all(),
      ]);
    const runs = [
      await demoInProcess('small', 7),
      await demoInProcess('small', 7),
      await demoInProcess('small', 8),
    ];
    try {
      const [a, b, c] = runs.map((r) => dump(r.sqlite));
      assert.equal(a, b);
      assert.notEqual(a, c);
    } finally {
      for (const r of runs) await r.close();
    }
  });

  test('the full demo: Guizhou, seed 004’s vendors, ~60 engineers, a few hundred sites inside their prefectures', async () => {
    const run = await demoInProcess('full', 4);
    const db = run.sqlite;
    try {
      const one = <T>(q: string, ...p: unknown[]) => db.prepare(q).get(...p) as T;
      const n = (q: string, ...p: unknown[]) => one<{ n: number }>(q, ...p).n;
      assert.equal(n("SELECT count(*) n FROM regions WHERE level = 'prefecture'"), 9);
      assert.equal(n("SELECT count(*) n FROM regions WHERE level = 'county'"), 88);

      // Seed 004: 铁通 five prefectures, 天龙讯 and 澄星 two each, no prefecture twice.
      const coverage = db
        .prepare(
          'SELECT p.code, r.code AS region FROM partner_regions pr JOIN partners p ON p.id = pr.partner_id JOIN regions r ON r.id = pr.region_id',
        )
        .all() as { code: string; region: string }[];
      for (const partner of DEMO_PARTNERS) {
        assert.deepEqual(
          coverage
            .filter((c) => c.code === partner.code)
            .map((c) => c.region)
            .sort(),
          [...partner.prefectureCodes].sort(),
        );
      }
      assert.equal(new Set(coverage.map((c) => c.region)).size, 9);

      const engineers = n("SELECT count(*) n FROM person_roles WHERE role = 'engineer'");
      assert.ok(engineers >= 55 && engineers <= 70, `about 60 engineers, got ${engineers}`);
      const partnerEngineers = n(
        "SELECT count(*) n FROM engineer_profiles WHERE employment = 'partner' AND work_card_no IS NOT NULL",
      );
      assert.ok(partnerEngineers >= 30, 'partner engineers carry work cards');
      assert.ok(
        n('SELECT count(*) n FROM certifications WHERE expires_on < ?', DEMO_TODAY) > 0,
        'some expired',
      );
      assert.ok(n('SELECT count(*) n FROM engineer_profiles WHERE work_card_expires_on < ?', DEMO_TODAY) > 0);
      assert.ok(
        n(
          'SELECT count(*) n FROM engineer_profiles WHERE work_card_expires_on BETWEEN ? AND ?',
          DEMO_TODAY,
          '2026-12-02',
        ) > 0,
        'some work cards expire within a month',
      );
      const products = (
        db.prepare('SELECT DISTINCT product FROM certifications').all() as { product: string }[]
      ).map((p) => p.product);
      for (const p of [
        '华为 OLT MA5800',
        '中兴 ZXA10 C600',
        '烽火 AN6000',
        '路由器 NE40E',
        '交换机 S5735',
        '传输 OptiX OSN',
      ]) {
        assert.ok(products.includes(p), `certifications for ${p}`);
      }

      const sites = n('SELECT count(*) n FROM sites');
      assert.ok(sites >= 200 && sites <= 500, `a few hundred sites, got ${sites}`);
      // Every site lies near a seat of its own prefecture (well inside Guizhou's 24.6–29.2 N, 103.6–109.6 E).
      const rows = db
        .prepare(
          'SELECT s.lat, s.lng, pref.code AS pref FROM sites s JOIN regions c ON c.id = s.region_id JOIN regions pref ON pref.id = c.parent_id',
        )
        .all() as { lat: number; lng: number; pref: string }[];
      assert.equal(rows.length, sites, 'every site is in a county');
      for (const row of rows) {
        const pref = DEMO_PREFECTURES.find((p) => p.code === row.pref)!;
        const near = pref.counties.some(
          (c) => Math.abs(c.lat - row.lat) <= 0.11 && Math.abs(c.lng - row.lng) <= 0.11,
        );
        assert.ok(near, `site at ${row.lat},${row.lng} lies in ${pref.name}`);
        assert.ok(row.lat > 24.6 && row.lat < 29.3 && row.lng > 103.6 && row.lng < 109.6);
      }
      assert.ok(
        n('SELECT count(*) n FROM equipment WHERE contract_ends_on < ?', DEMO_TODAY) > 0,
        'some contracts ended',
      );
      assert.ok(n('SELECT count(*) n FROM equipment') >= sites / 2);
      const kinds = db.prepare('SELECT DISTINCT kind FROM customers ORDER BY kind').all() as {
        kind: string;
      }[];
      assert.deepEqual(
        kinds.map((k) => k.kind),
        ['enterprise', 'household', 'operator'],
      );
      const roles = db.prepare('SELECT DISTINCT role FROM person_roles').all() as { role: string }[];
      assert.deepEqual(roles.map((r) => r.role).sort(), [...ROLES].sort(), 'every role is held by someone');
    } finally {
      await run.close();
    }
  });
});
