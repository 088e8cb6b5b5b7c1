/**
 * Test harness: runs every integration test on SQLite and on PostgreSQL. Each test app gets a
 * database of its own (a temp file, or a fresh PostgreSQL database), so test files run in
 * parallel and helpers never see each other's rows.
 */

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { bootstrap } from '../src/app/bootstrap.ts';
import type { AppContext } from '../src/app/context.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { buildServer } from '../src/http/server.ts';
import type { Role } from '../src/modules/access/roles.ts';
import { createPerson, type PersonCreate } from '../src/modules/people/people.service.ts';
import { type Clock, ManualClock } from '../src/shared/clock.ts';

export type DbKind = 'sqlite' | 'postgres';

/** The PostgreSQL server tests use: TEST_DATABASE_URL, or the local default. */
export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const pgUp = process.env.ONSITE_TEST_DBS === 'sqlite' ? false : await postgresReachable();
if (!pgUp && process.env.CI === 'true' && process.env.ONSITE_TEST_DBS !== 'sqlite') {
  throw new Error(
    `CI=true but PostgreSQL is not reachable at ${PG_ADMIN_URL}: the PostgreSQL suite is mandatory in CI`,
  );
}

/** The databases this run covers. */
export const testDatabases: DbKind[] =
  process.env.ONSITE_TEST_DBS === 'postgres' ? ['postgres'] : pgUp ? ['sqlite', 'postgres'] : ['sqlite'];

/** A throwaway database of the given kind, with a config pointing at it. */
export async function scratchDatabase(kind: DbKind): Promise<{ config: Config; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'onsite-test-'));
    const config = loadConfig(
      { DATABASE_URL: `sqlite:${path.join(dir, 'test.db')}`, LOG_LEVEL: 'silent' },
      dir,
    );
    return { config, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `onsite_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const config = loadConfig({ DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' });
  return {
    config,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A running test app: its context, the Fastify instance and request helpers. */
export interface TestApp {
  kind: DbKind;
  ctx: AppContext;
  app: FastifyInstance;
  clock: ManualClock;
  /** Sends a request; `as` signs in with that session cookie or bearer token. */
  request(opts: InjectOptions & { as?: Session }): Promise<LightMyRequestResponse>;
  /** Creates a person with a password and signs them in. */
  personWith(roles: Role[], extra?: Partial<PersonCreate>): Promise<Session>;
  close(): Promise<void>;
}

/** How a test request is authenticated. */
export type Session = { cookie: string; personId: string } | { bearer: string; personId: string };

export const TEST_PASSWORD = 'Passw0rd!test';

let counter = 0;

/** Starts an app on a fresh database of `kind`. */
export async function startTestApp(
  kind: DbKind,
  opts: { clock?: Clock; configure?: (c: Config) => Config } = {},
): Promise<TestApp> {
  const scratch = await scratchDatabase(kind);
  const clock = (opts.clock as ManualClock | undefined) ?? new ManualClock();
  const config = opts.configure ? opts.configure(scratch.config) : scratch.config;
  const ctx = await bootstrap(config, { clock, log: { info() {}, warn() {}, error() {} }, poolSize: 4 });
  const app = await buildServer(ctx, { logger: false });
  const request: TestApp['request'] = (o) => {
    const { as, ...rest } = o;
    const headers: Record<string, string> = { ...(rest.headers as Record<string, string> | undefined) };
    if (as && 'cookie' in as) headers.cookie = as.cookie;
    if (as && 'bearer' in as) headers.authorization = `Bearer ${as.bearer}`;
    return app.inject({ ...rest, headers });
  };
  const personWith: TestApp['personWith'] = async (roles, extra = {}) => {
    counter += 1;
    const username = extra.username ?? `u${counter}_${randomBytes(3).toString('hex')}`;
    const person = await createPerson(
      ctx,
      { system: 'test' },
      {
        username,
        displayName: extra.displayName ?? `测试${counter}`,
        roles,
        password: TEST_PASSWORD,
        ...extra,
      },
    );
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: TEST_PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`test login failed: ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'onsite_session');
    return { cookie: `onsite_session=${cookie?.value}`, personId: person.id };
  };
  return {
    kind,
    ctx,
    app,
    clock,
    request,
    personWith,
    close: async () => {
      await app.close();
      await ctx.database.close();
      await scratch.drop();
    },
  };
}

/** The parsed JSON body of a response. */
export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T;
}

/** Asserts the one error shape and returns it. */
export function errorOf(res: LightMyRequestResponse): {
  code: string;
  message: string;
  details: { field: string; message: string }[];
} {
  const body = json<{
    error: { code: string; message: string; details: { field: string; message: string }[] };
  }>(res);
  if (!body.error || typeof body.error.code !== 'string' || !Array.isArray(body.error.details)) {
    throw new Error(`not the error shape: ${res.body}`);
  }
  return body.error;
}
