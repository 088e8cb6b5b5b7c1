/**
 * Live push of new notices. On PostgreSQL the insert's transaction sends NOTIFY, which every
 * server process sharing the database hears through LISTEN (and only once the transaction has
 * committed); on SQLite, with one process per file, an in-process emitter does the same.
 */
import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import type pg from 'pg';
import type { AppContext } from '../../app/context.ts';
import type { OnsiteDatabase } from '../../db/database.ts';

const CHANNEL = 'onsite_notify';

type Listener = (personId: string) => void;

class Hub {
  private readonly emitter = new EventEmitter();
  private listeners = 0;
  private client: pg.PoolClient | null = null;
  private starting: Promise<void> | null = null;
  private readonly closers = new Set<() => void>();

  constructor(private readonly database: OnsiteDatabase) {
    this.emitter.setMaxListeners(0);
  }

  /** Called inside the transaction that created notices for `personId`. */
  async publish(tx: AppContext, personId: string): Promise<void> {
    if (this.database.pool) {
      await sql`SELECT pg_notify(${CHANNEL}, ${personId})`.execute(tx.db);
    } else {
      // The listener's own query waits for the writer's transaction, so it reads committed rows.
      setImmediate(() => this.emitter.emit('notice', personId));
    }
  }

  private async listen(): Promise<void> {
    const pool = this.database.pool;
    if (!pool || this.client) return;
    const client = await pool.connect();
    client.on('notification', (msg) => {
      if (msg.channel === CHANNEL && msg.payload) this.emitter.emit('notice', msg.payload);
    });
    client.on('error', () => {
      this.client = null;
    });
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
  }

  /** Subscribes to notices for everyone; resolves once the database listener is in place. */
  async subscribe(fn: Listener, close: () => void): Promise<() => Promise<void>> {
    this.listeners += 1;
    this.emitter.on('notice', fn);
    this.closers.add(close);
    this.starting ??= this.listen().finally(() => {
      this.starting = null;
    });
    await this.starting;
    return async () => {
      this.emitter.off('notice', fn);
      this.closers.delete(close);
      this.listeners -= 1;
      if (this.listeners === 0 && this.client) {
        const c = this.client;
        this.client = null;
        await c.query(`UNLISTEN ${CHANNEL}`).catch(() => {});
        c.release();
      }
    };
  }

  /** Ends every open stream (server shutdown), which releases the listener connection. */
  closeAll(): void {
    for (const close of [...this.closers]) close();
  }
}

const hubs = new WeakMap<OnsiteDatabase, Hub>();

/** The hub of one open database. */
export function hubFor(database: OnsiteDatabase): Hub {
  let h = hubs.get(database);
  if (!h) {
    h = new Hub(database);
    hubs.set(database, h);
  }
  return h;
}
