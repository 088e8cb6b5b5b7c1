/**
 * Shared set-up for the issue-10 regression tests: the work-order world with an order
 * dispatched to the near engineer, a proposed appointment and a customer link.
 */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { buildWorld, phoneIntake, type World } from '../../src/modules/work-orders/work-orders.fixtures.ts';
import { json, type Session, type TestApp } from '../harness.ts';

export interface Scene {
  w: World;
  post(as: Session | undefined, url: string, payload?: unknown): ReturnType<TestApp['request']>;
  get(as: Session | undefined, url: string): ReturnType<TestApp['request']>;
  /** A new order dispatched to the near engineer. */
  dispatched(extra?: Record<string, unknown>): Promise<{ id: string; number: string }>;
  /** A proposed appointment on the order (the first window offered). */
  proposed(orderId: string): Promise<string>;
  /** A customer link to the order: its API path. */
  link(orderId: string, hours?: number): Promise<string>;
  /** History entries of a record with this action. */
  historyCount(entityId: string, action: string): Promise<number>;
}

export async function buildScene(t: TestApp): Promise<Scene> {
  const w = await buildWorld(t);
  const post: Scene['post'] = (as, url, payload = {}) =>
    t.request({ method: 'POST', url, payload: payload as Record<string, unknown>, ...(as ? { as } : {}) });
  const get: Scene['get'] = (as, url) => t.request({ method: 'GET', url, ...(as ? { as } : {}) });
  const dispatched: Scene['dispatched'] = async (extra = {}) => {
    const res = await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w, extra));
    assert.equal(res.statusCode, 201, res.body);
    const o = json<{ id: string; number: string }>(res);
    const acc = await post(w.callCenter, `/api/v1/work-orders/${o.id}/transitions`, { to: 'accepted' });
    assert.equal(acc.statusCode, 200, acc.body);
    const d = await post(w.dispatcher, `/api/v1/work-orders/${o.id}/assignments`, {
      leadEngineerId: w.engNear.personId,
    });
    assert.equal(d.statusCode, 200, d.body);
    return o;
  };
  const proposed: Scene['proposed'] = async (orderId) => {
    const { windows } = json<{ windows: { start: string; end: string }[] }>(
      await get(w.engNear, `/api/v1/work-orders/${orderId}/appointment-windows?count=2`),
    );
    const res = await post(w.engNear, `/api/v1/work-orders/${orderId}/appointments`, {
      windowStart: windows[0]!.start,
      windowEnd: windows[0]!.end,
    });
    assert.equal(res.statusCode, 201, res.body);
    return json<{ id: string }>(res).id;
  };
  const link: Scene['link'] = async (orderId, hours = 24) => {
    const res = await post(w.callCenter, `/api/v1/work-orders/${orderId}/customer-links`, { hours });
    assert.equal(res.statusCode, 201, res.body);
    return json<{ apiPath: string }>(res).apiPath;
  };
  const historyCount: Scene['historyCount'] = async (entityId, action) => {
    const row = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM history WHERE entity_id = ${entityId} AND action = ${action}`.execute(
      t.ctx.db,
    );
    return Number(row.rows[0]?.n ?? 0);
  };
  return { w, post, get, dispatched, proposed, link, historyCount };
}

/** Sends `n` copies of a request at once and tallies the statuses. */
export async function burst(
  n: number,
  send: () => ReturnType<TestApp['request']>,
): Promise<{ statuses: number[]; count(status: number): number }> {
  const res = await Promise.all(Array.from({ length: n }, send));
  const statuses = res.map((r) => r.statusCode);
  return { statuses, count: (s) => statuses.filter((x) => x === s).length };
}

/** Exactly one success (any 2xx); the rest are clear refusals or 503 busy, never a 5xx bug. */
export function assertOneWinner(statuses: number[], label: string): void {
  const ok = statuses.filter((s) => s >= 200 && s < 300);
  assert.equal(ok.length, 1, `${label}: exactly one success in ${statuses.join(',')}`);
  for (const s of statuses) assert.ok(s < 300 || (s >= 400 && s < 500) || s === 503, `${label}: ${s}`);
}
