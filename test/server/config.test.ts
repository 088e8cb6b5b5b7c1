/**
 * A wrong or unreachable setting stops start-up with a message naming the setting
 * (docs/CONFIGURATION.md). Each case starts the real `onsite serve` as a child process.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { freePort, runCli, startServer, tempDir } from './cli-helpers.ts';

describe('start-up refuses bad configuration, naming the setting', { concurrency: 4 }, () => {
  let tmp: ReturnType<typeof tempDir>;
  let sqliteUrl: string;
  before(() => {
    tmp = tempDir('onsite-config-');
    sqliteUrl = `sqlite:${path.join(tmp.dir, 'onsite.db')}`;
  });
  after(() => tmp.cleanup());

  const cases: { name: string; env: () => Record<string, string>; setting: string; reason: RegExp }[] = [
    { name: 'PORT=abc', env: () => ({ PORT: 'abc' }), setting: 'PORT', reason: /whole number.*"abc"/ },
    { name: 'PORT=70000', env: () => ({ PORT: '70000' }), setting: 'PORT', reason: /between 0 and 65535/ },
    {
      name: 'DATABASE_URL=mysql://x',
      env: () => ({ DATABASE_URL: 'mysql://x' }),
      setting: 'DATABASE_URL',
      reason: /must start with postgres:\/\/.*sqlite:/,
    },
    {
      name: 'DATABASE_URL pointing to an unreachable PostgreSQL',
      env: () => ({ DATABASE_URL: 'postgres://onsite:secret@127.0.0.1:1/x' }),
      setting: 'DATABASE_URL',
      reason: /cannot reach postgres:\/\/\*\*\*@127\.0\.0\.1:1\/x/,
    },
    {
      name: 'DATABASE_URL=sqlite: in a directory that does not exist',
      env: () => ({ DATABASE_URL: `sqlite:${path.join(tmp.dir, 'no', 'such', 'dir', 'onsite.db')}` }),
      setting: 'DATABASE_URL',
      reason: /does not exist/,
    },
    {
      name: 'ONSITE_TIME_ZONE=Mars/Olympus',
      env: () => ({ ONSITE_TIME_ZONE: 'Mars/Olympus' }),
      setting: 'ONSITE_TIME_ZONE',
      reason: /not an IANA time zone/,
    },
    { name: 'LOG_LEVEL=loud', env: () => ({ LOG_LEVEL: 'loud' }), setting: 'LOG_LEVEL', reason: /one of/ },
    {
      name: 'SMTP_URL=http://x',
      env: () => ({ SMTP_URL: 'http://x' }),
      setting: 'SMTP_URL',
      reason: /smtp:\/\//,
    },
    {
      name: 'QUIET_HOURS=25',
      env: () => ({ QUIET_HOURS: '25' }),
      setting: 'QUIET_HOURS',
      reason: /22:00-07:00/,
    },
    {
      name: 'JOBS_ENABLED=maybe',
      env: () => ({ JOBS_ENABLED: 'maybe' }),
      setting: 'JOBS_ENABLED',
      reason: /true or false/,
    },
    {
      name: 'TIMER_BATCH_SIZE=0',
      env: () => ({ TIMER_BATCH_SIZE: '0' }),
      setting: 'TIMER_BATCH_SIZE',
      reason: /between 1 and 10000/,
    },
    {
      name: 'COOKIE_SECURE=maybe',
      env: () => ({ COOKIE_SECURE: 'maybe' }),
      setting: 'COOKIE_SECURE',
      reason: /true or false/,
    },
    {
      name: 'SESSION_TTL_HOURS=0',
      env: () => ({ SESSION_TTL_HOURS: '0' }),
      setting: 'SESSION_TTL_HOURS',
      reason: /between 1 and/,
    },
  ];

  for (const c of cases) {
    test(`${c.name} → exit 78 and a message naming ${c.setting}`, async () => {
      const r = await runCli(['serve'], { DATABASE_URL: sqliteUrl, ...c.env() });
      assert.equal(r.code, 78, `exit code; stderr: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`Configuration error in ${c.setting}:`));
      assert.match(r.stderr, c.reason);
      assert.doesNotMatch(r.stderr, /secret/, 'a password in DATABASE_URL is never printed');
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace for a configuration error');
      assert.doesNotMatch(r.stdout, /Onsite is running/);
    });
  }

  test('a PORT already in use stops start-up with a message naming PORT', async () => {
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const r = await runCli(['serve'], { DATABASE_URL: sqliteUrl, HOST: '127.0.0.1', PORT: String(port) });
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, new RegExp(`PORT ${port} is already in use`));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  test('control: the same command with good settings starts and stops cleanly', async () => {
    const server = await startServer({ DATABASE_URL: sqliteUrl });
    const res = await fetch(`${server.url}/api/openapi.json`);
    assert.equal(res.status, 200);
    await res.arrayBuffer();
    assert.equal(await server.stop(), 0);
  });
});
