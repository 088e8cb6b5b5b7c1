/**
 * Runs the real `onsite` command line (bin/onsite.mjs) as a child process, the way an operator
 * would: exit code, standard output and standard error are what the tests look at.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const onsiteBin = path.join(repoRoot, 'bin/onsite.mjs');

/** Variables that would leak the developer's own settings into a test run. */
const SETTINGS = [
  'DATABASE_URL',
  'PORT',
  'HOST',
  'ONSITE_TIME_ZONE',
  'LOG_LEVEL',
  'SESSION_TTL_HOURS',
  'COOKIE_SECURE',
  'TRUST_PROXY',
  'BODY_LIMIT_BYTES',
  'LOGIN_MAX_FAILURES',
  'LOGIN_WINDOW_MINUTES',
  'LOGIN_MAX_DELAY_SECONDS',
  'LOGIN_ADDRESS_MAX_FAILURES',
  'CUSTOMER_LINK_RATE_PER_MINUTE',
  'PG_POOL_SIZE',
  'PG_POOL_RESERVE',
  'PG_LOCK_TIMEOUT_MS',
  'PG_STATEMENT_TIMEOUT_MS',
  'MAX_CONNECTIONS',
  'HEADERS_TIMEOUT_MS',
  'WEB_DIST',
  'ATTACHMENTS_DIR',
  'ATTACHMENT_MAX_BYTES',
  'JOBS_ENABLED',
];

/** The environment for a child: the parent's, minus Onsite settings, plus `env`. */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env };
  for (const k of SETTINGS) delete out[k];
  return { ...out, ...env };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `onsite …args` to completion. A run past `timeoutMs` is killed and says so in its stderr,
 * so a slow machine reads as slow, not as a silent failure.
 */
export function runCli(
  args: string[],
  env: Record<string, string>,
  cwd = repoRoot,
  timeoutMs = 120_000,
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [onsiteBin, ...args],
      { cwd, env: childEnv(env), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        const killed = err?.killed ? `\n(killed after ${timeoutMs} ms)` : '';
        resolve({ code, stdout, stderr: stderr + killed });
      },
    );
  });
}

/** A temporary directory removed by `cleanup`. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A running `onsite serve`. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Sends SIGTERM and waits for the process to exit; returns its exit code. */
  stop(): Promise<number | null>;
}

/** Starts `onsite serve` and resolves once it says it is running (or rejects with its output). */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [onsiteBin, 'serve'], {
    cwd: repoRoot,
    env: childEnv({
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'false',
      ...env,
      PORT: String(port),
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const check = () => {
      if (out.includes('Onsite is running at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before starting:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Signs in over HTTP; returns the status code. */
export async function login(url: string, username: string, password: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  await res.arrayBuffer();
  return res.status;
}
