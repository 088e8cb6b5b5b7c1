/** Test helpers that bring a work order to the site through the real API (intake → dispatch → appointment → en route). */
import assert from 'node:assert/strict';
import { json, type Session, type TestApp } from '../../../test/harness.ts';
import { signaturePng } from '../attachments/attachments.fixtures.ts';
import { phoneIntake, type World } from '../work-orders/work-orders.fixtures.ts';

/** The order fields the on-site tests read. */
export interface OrderView {
  id: string;
  number: string;
  state: string;
  severity: string;
  restoredAt: string | null;
  resolvedAt: string | null;
}

/** A signature image as base64, different for each seed. */
export const signature = (seed = 1) => signaturePng(200, 60, seed).toString('base64');

/** Request helpers bound to a test app. */
export function api(t: TestApp) {
  const send = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    as: Session | null,
    url: string,
    payload?: unknown,
    lang?: 'en',
  ) =>
    t.request({
      method,
      url,
      ...(as ? { as } : {}),
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      headers: lang ? { 'accept-language': 'en' } : {},
    });
  return {
    get: (as: Session | null, url: string, lang?: 'en') => send('GET', as, url, undefined, lang),
    post: (as: Session | null, url: string, payload: unknown = {}, lang?: 'en') =>
      send('POST', as, url, payload, lang),
    put: (as: Session | null, url: string, payload: unknown, lang?: 'en') =>
      send('PUT', as, url, payload, lang),
    patch: (as: Session | null, url: string, payload: unknown, lang?: 'en') =>
      send('PATCH', as, url, payload, lang),
  };
}

/**
 * Takes an order in and brings it to en route with `lead` (and `helpers`) assigned. Critical
 * orders set off at once; others agree an appointment first (WO-5), confirmed by phone.
 */
export async function enRoute(
  t: TestApp,
  w: World,
  extra: Record<string, unknown> = {},
  team: { lead?: Session; helpers?: Session[] } = {},
): Promise<OrderView> {
  const { post, get } = api(t);
  const lead = team.lead ?? w.engNear;
  const created = await post(w.callCenter, '/api/v1/work-orders', phoneIntake(w, extra));
  assert.equal(created.statusCode, 201, created.body);
  const o = json<OrderView>(created);
  const accepted = await post(w.callCenter, `/api/v1/work-orders/${o.id}/transitions`, { to: 'accepted' });
  assert.equal(accepted.statusCode, 200, accepted.body);
  const assigned = await post(w.dispatcher, `/api/v1/work-orders/${o.id}/assignments`, {
    leadEngineerId: lead.personId,
    ...(team.helpers ? { helperIds: team.helpers.map((h) => h.personId) } : {}),
  });
  assert.equal(assigned.statusCode, 200, assigned.body);
  if (o.severity !== 'critical') {
    const windows = json<{ windows: { start: string; end: string }[] }>(
      await get(lead, `/api/v1/work-orders/${o.id}/appointment-windows?minutes=120&count=1`),
    ).windows;
    const proposed = await post(lead, `/api/v1/work-orders/${o.id}/appointments`, {
      windowStart: windows[0]!.start,
      windowEnd: windows[0]!.end,
    });
    assert.equal(proposed.statusCode, 201, proposed.body);
    const confirmed = await post(lead, `/api/v1/appointments/${json<{ id: string }>(proposed).id}/confirm`);
    assert.equal(confirmed.statusCode, 200, confirmed.body);
  }
  const moved = await post(lead, `/api/v1/work-orders/${o.id}/transitions`, { to: 'en_route' });
  assert.equal(moved.statusCode, 200, moved.body);
  return json<OrderView>(moved);
}

/** Completes WO-6 for one engineer already checked in: signed request and every checklist item done. */
export async function completeSiteWork(t: TestApp, as: Session, orderId: string): Promise<void> {
  const { post, put, get } = api(t);
  const sr = await post(as, `/api/v1/work-orders/${orderId}/service-requests`, {
    scopeOfWork: '更换上联光模块并测试',
    signerName: '刘工',
    signerTitle: '机房负责人',
    signaturePngBase64: signature(7),
  });
  assert.equal(sr.statusCode, 201, sr.body);
  const onsite = json<{ checklist: { item: { id: string } }[] }>(
    await get(as, `/api/v1/work-orders/${orderId}/onsite`),
  );
  for (const c of onsite.checklist) {
    const r = await put(as, `/api/v1/work-orders/${orderId}/checklist/${c.item.id}`, { done: true });
    assert.equal(r.statusCode, 200, r.body);
  }
}
