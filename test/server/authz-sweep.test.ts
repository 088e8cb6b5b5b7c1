/**
 * Authorisation sweep over every registered route (read from `apiRoutes` at run time, so a route
 * added later is covered without touching this file):
 *
 * 1. A signed-in route answers 401 in the one error shape without credentials, with a bogus or
 *    expired session cookie and with a bogus, revoked or expired bearer token.
 * 2. A route with a permission answers 403 to a person holding only a role the permission is not
 *    granted to (computed from the policy's grants; people always hold at least one role).
 * 3. Public routes and signed-in routes without a permission are exactly the allow-lists below,
 *    so a new route that forgets its authentication or permission fails here.
 * 4. Cross-tenant: two partners covering different prefectures, each with a dispatcher and an
 *    engineer, orders, sites, people and the records hanging off orders. Partner A's people call
 *    every route that takes an id with partner B's records and get 403/404, never 2xx; every
 *    list they can read holds none of B's ids.
 * 5. Customer links: a link for order X reads and acts on X only (a forged or spliced token is
 *    refused, B's report and appointment are out of reach), a revoked link is refused, and a link
 *    past its expiry is refused (ManualClock).
 * 6. Engineers read their partner's orders but act only on orders they own or are assigned to.
 * 7. Overlapping coverage (a county vendor inside a prefecture vendor): each partner reaches its
 *    own orders and the unassigned ones offered to it, never the other's; a partner's field
 *    engineer sees only their own and their area team's orders.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import type { RouteDef } from '../../src/http/route.ts';
import { apiRoutes } from '../../src/http/routes.ts';
import { actorFor, createApiToken, revokeApiToken } from '../../src/modules/access/access.service.ts';
import { rolesGranted } from '../../src/modules/access/policy.ts';
import { CUSTOMER_ROLES, ROLES, type Role } from '../../src/modules/access/roles.ts';
import { createAsset } from '../../src/modules/assets/assets.service.ts';
import { signaturePng } from '../../src/modules/attachments/attachments.fixtures.ts';
import { signLink } from '../../src/modules/customer-link/customer-link.rules.ts';
import { linkSecret } from '../../src/modules/customer-link/customer-link.service.ts';
import { addContact, createCustomer } from '../../src/modules/customers/customers.service.ts';
import { createEquipment } from '../../src/modules/equipment/equipment.service.ts';
import {
  importFile,
  listItems as listLedgerItems,
  listLines as listLedgerLines,
} from '../../src/modules/ledger/ledger.service.ts';
import { notify } from '../../src/modules/notifications/notifications.service.ts';
import { createPartner } from '../../src/modules/partners/partners.service.ts';
import { createDepot, createPart, recordMovement } from '../../src/modules/parts/parts.service.ts';
import {
  addCertification,
  roleProblems,
  upsertEngineerProfile,
} from '../../src/modules/people/people.service.ts';
import { createRegion } from '../../src/modules/regions/regions.service.ts';
import { createSite } from '../../src/modules/sites/sites.service.ts';
import { newId } from '../../src/shared/ids.ts';
import { errorOf, json, type Session, startTestApp, type TestApp, testDatabases } from '../harness.ts';
import { buildOverlap } from './overlap-fixture.ts';

const key = (r: Pick<RouteDef, 'method' | 'url'>) => `${r.method} ${r.url}`;

/** Routes anyone may call. Each is authenticated by something else, or has nothing to protect. */
const PUBLIC_ROUTES = new Set([
  'POST /api/v1/auth/login', // the credential check itself
  'POST /api/v1/auth/logout', // ends whatever session the cookie names; harmless without one
  // Customer links: the signed token (HMAC over link, order and expiry) is the credential.
  'GET /api/v1/customer/orders/:token',
  'POST /api/v1/customer/orders/:token/appointment/confirm',
  'POST /api/v1/customer/orders/:token/appointment/move',
  'POST /api/v1/customer/orders/:token/sign-off',
  'POST /api/v1/customer/orders/:token/satisfaction',
  'POST /api/v1/customer/orders/:token/complaints',
  'GET /api/v1/customer/orders/:token/reports/:reportId',
]);

/** Signed-in routes without a permission: each checks the caller itself (self or a permission, in scope). */
const SELF_SERVICE_ROUTES = new Set([
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/password',
  'GET /api/v1/reference/roles',
  'GET /api/v1/people/:id/engineer-profile', // self, else people.read in scope
  'PUT /api/v1/people/:id/position', // self, else people.manage in scope
  // Saved views: each person reads, saves and removes only their own (lists.test.ts).
  'GET /api/v1/saved-views',
  'POST /api/v1/saved-views',
  'DELETE /api/v1/saved-views/:id',
  'GET /api/v1/people/:id/certifications', // self, else people.read in scope
]);

/**
 * Records every scope shares by design, so partner A reading B's id of this kind is expected:
 * the value says why. Any other `:id` route must name partner B's record of its kind in `bIds`.
 */
const SHARED_KINDS: Record<string, string> = {
  knowledge: 'the knowledge base is shared by everyone who may read it (knowledge.service getEntry)',
  'checklist-items': 'the on-site checklist is one list for every order',
  calendars: 'working-day calendars are national reference data',
  tokens: 'API tokens are managed by administrators only (tokens.manage), never partner staff',
  expressions: 'the wording lexicon is one for the organisation (CW-1), changed by administrators only',
  templates: 'message templates are one set for the organisation (CW-3), changed by administrators only',
  'complaint-policies':
    'complaint deadline policies are organisation settings, changed by administrators only',
  'software-versions':
    'the released-version catalog is one for the organisation (MO-10), changed only by holders of versions.manage (own staff)',
  'group-robots':
    'group robots are organisation settings (team chats of the maintenance groups), read by administrators, auditors and the director only, managed by administrators',
  scorecards:
    "a month's scorecard is one for the organisation: a partner reads and answers only its own line, closing is the operator's (assessment.scorecards.test.ts)",
};

/** Streams never end, so they are checked for 401/403 only. */
const isStream = (r: RouteDef) => r.produces === 'text/event-stream';

/** The parts of a JSON Schema (as z.toJSONSchema writes it) a minimal valid value needs. */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
}

/**
 * A small valid value for a schema, so a request gets past validation to the handler's scope
 * check; `idFor(name)` supplies ids by field name. Only required fields are filled.
 */
function sample(s: JsonSchema, idFor: (field: string) => string, field = ''): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const alts = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])];
  if (alts.length) {
    const pick = alts.find((a) => a.type !== 'null') ?? alts[0]!;
    return sample(pick, idFor, field);
  }
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  const type = types.find((x) => x !== 'null') ?? types[0];
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of s.required ?? []) {
        const prop = s.properties?.[name];
        if (prop) out[name] = sample(prop, idFor, name);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items ?? {}, idFor, field));
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'string': {
      if (s.format === 'uuid' || /Id$|^id$/.test(field)) return idFor(field);
      if (field === 'month') return '2026-10';
      if (s.format === 'date-time') return '2026-11-10T02:00:00.000Z';
      if (s.format === 'date') return '2026-11-10';
      if (s.format === 'email') return 'someone@example.com';
      return 'x'.repeat(Math.max(s.minLength ?? 1, 1));
    }
    default:
      return undefined;
  }
}

function jsonSchema(s: z.ZodType): JsonSchema {
  return z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** A body that passes the route's schema, built from it, or from `override` when given. */
function validBody(def: RouteDef, idFor: (field: string) => string, override?: unknown): unknown {
  if (!def.body) return undefined;
  const value = override ?? sample(jsonSchema(def.body), idFor);
  return def.body.safeParse(value).success ? value : undefined;
}

/** A query that passes the route's schema (required fields only). */
function validQuery(def: RouteDef, idFor: (field: string) => string): Record<string, string> | undefined {
  if (!def.query) return {};
  const value = sample(jsonSchema(def.query), idFor) as Record<string, unknown>;
  const q = Object.fromEntries(Object.entries(value ?? {}).map(([k, v]) => [k, String(v)]));
  return def.query.safeParse(q).success ? q : undefined;
}

/** Fills `:name` parameters of a URL. */
function fill(url: string, values: (param: string, before: string) => string): string {
  const parts = url.split('/');
  return parts.map((p, i) => (p.startsWith(':') ? values(p.slice(1), parts[i - 1] ?? '') : p)).join('/');
}

/** A shaped value for each kind of URL parameter, when what it names does not matter. */
function anyParam(param: string): string {
  if (param === 'year') return '2026';
  if (param === 'token') return `${newId()}.1999999999.${'A'.repeat(43)}`;
  return newId();
}

type Send = { method: RouteDef['method']; url: string; payload?: unknown; headers?: Record<string, string> };

async function send(t: TestApp, as: Session | undefined, r: Send) {
  return t.request({
    method: r.method,
    url: r.url,
    ...(as ? { as } : {}),
    ...(r.payload === undefined ? {} : { payload: r.payload as Record<string, unknown> }),
    ...(r.headers ? { headers: r.headers } : {}),
  });
}

for (const kind of testDatabases) {
  describe(`authorisation sweep: authentication and permission on every route (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    test('public routes and signed-in routes without a permission are exactly the allow-lists', () => {
      const keys = apiRoutes.map(key);
      assert.equal(new Set(keys).size, keys.length, 'each method and URL is declared once');
      const publicNow = apiRoutes.filter((r) => r.auth === 'public').map(key);
      assert.deepEqual(
        publicNow.filter((k) => !PUBLIC_ROUTES.has(k)),
        [],
        'a public route not on the allow-list: give it auth "user" and a permission, or justify it here',
      );
      assert.deepEqual(
        [...PUBLIC_ROUTES].filter((k) => !publicNow.includes(k)),
        [],
        'the allow-list names a route that is no longer public (or gone): trim it',
      );
      const selfNow = apiRoutes.filter((r) => r.auth === 'user' && !r.permission).map(key);
      assert.deepEqual(
        selfNow.filter((k) => !SELF_SERVICE_ROUTES.has(k)),
        [],
        'a signed-in route without a permission: give it one, or justify its own check here',
      );
      assert.deepEqual(
        [...SELF_SERVICE_ROUTES].filter((k) => !selfNow.includes(k)),
        [],
        'the self-service list names a route that now has a permission (or is gone): trim it',
      );
      for (const r of apiRoutes.filter((x) => x.permission)) {
        assert.ok(
          rolesGranted(r.permission!).length > 0,
          `${key(r)}: permission ${r.permission} is granted to no role`,
        );
      }
    });

    test('every signed-in route answers 401 without valid credentials (missing, bogus, expired, revoked)', async () => {
      const admin = await t.personWith(['admin']);
      const expiring = await t.personWith(['admin']);
      const revoked = await createApiToken(
        t.ctx,
        { system: 'test' },
        { personId: admin.personId, name: 'revoked' },
      );
      const actor = await actorFor(t.ctx, admin.personId, 'session');
      assert.ok(actor);
      await revokeApiToken(t.ctx, actor, revoked.id);
      const shortLived = await createApiToken(
        t.ctx,
        { system: 'test' },
        {
          personId: admin.personId,
          name: 'short',
          expiresAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
        },
      );
      // Both still-valid credentials work before time moves, so the 401s below are theirs to earn.
      const me = await send(t, expiring, { method: 'GET', url: '/api/v1/auth/me' });
      assert.equal(me.statusCode, 200);
      const meToken = await send(
        t,
        { bearer: shortLived.token, personId: admin.personId },
        {
          method: 'GET',
          url: '/api/v1/auth/me',
        },
      );
      assert.equal(meToken.statusCode, 200);
      t.clock.advanceMinutes(t.ctx.config.sessionTtlHours * 60 + 1);

      const credentials: [string, Session | undefined][] = [
        ['no credentials', undefined],
        ['a bogus session cookie', { cookie: 'onsite_session=not-a-session', personId: '' }],
        ['an expired session cookie', expiring],
        ['a bogus bearer token', { bearer: 'ost_not-a-real-token', personId: '' }],
        ['a revoked bearer token', { bearer: revoked.token, personId: admin.personId }],
        ['an expired bearer token', { bearer: shortLived.token, personId: admin.personId }],
      ];
      let checked = 0;
      for (const r of apiRoutes.filter((x) => x.auth === 'user')) {
        const url = fill(r.url, anyParam);
        for (const [what, as] of credentials) {
          const res = await send(t, as, { method: r.method, url });
          assert.equal(res.statusCode, 401, `${key(r)} with ${what} → ${res.statusCode} ${res.body}`);
          assert.equal(errorOf(res).code, 'unauthenticated', `${key(r)} with ${what}`);
          checked += 1;
        }
      }
      assert.ok(checked >= 6 * 100, `only ${checked} checks ran`);
    });

    test('every route with a permission answers 403 to every role it is not granted to', async () => {
      const customer = await createCustomer(
        t.ctx,
        { system: 'test' },
        {
          code: `AZ${kind}`,
          name: '权限测试客户',
          kind: 'enterprise',
          regionId: (
            await createRegion(
              t.ctx,
              { system: 'test' },
              { code: `AZR${kind}`, name: '某省', level: 'province' },
            )
          ).id,
        },
      );
      const byRole = new Map<Role, Session>();
      for (const role of ROLES) {
        byRole.set(
          role,
          await t.personWith([role], CUSTOMER_ROLES.includes(role) ? { customerId: customer.id } : {}),
        );
      }
      let checked = 0;
      for (const r of apiRoutes.filter((x) => x.auth === 'user' && x.permission)) {
        const granted = new Set(rolesGranted(r.permission!));
        const url = fill(r.url, anyParam);
        const refused = ROLES.filter((role) => !granted.has(role));
        for (const role of refused) {
          const res = await send(t, byRole.get(role), { method: r.method, url });
          assert.equal(
            res.statusCode,
            403,
            `${key(r)} as ${role} (lacks ${r.permission}) → ${res.statusCode} ${res.body}`,
          );
          assert.equal(errorOf(res).code, 'forbidden');
          checked += 1;
        }
      }
      assert.ok(checked > 200, `only ${checked} checks ran`);
    });
  });

  describe(`authorisation sweep: partner A never reaches partner B's records (${kind})`, () => {
    let t: TestApp;
    let w: Awaited<ReturnType<typeof buildTwoPartners>>;
    before(async () => {
      t = await startTestApp(kind);
      w = await buildTwoPartners(t);
    });
    after(() => t.close());

    test("every route with an id refuses partner A's people B's records (403/404, nothing of B's in the answer)", async () => {
      const missing: string[] = [];
      const unbuildable: string[] = [];
      const leaks: string[] = [];
      let checked = 0;
      for (const r of apiRoutes.filter((x) => x.auth === 'user' && x.url.includes('/:') && !isStream(x))) {
        const firstParamAt = r.url.split('/').findIndex((p) => p.startsWith(':'));
        const kindOf = r.url.split('/')[firstParamAt - 1] ?? '';
        if (SHARED_KINDS[kindOf]) continue;
        const candidates = w.bIds[kindOf];
        if (!candidates) {
          missing.push(`${key(r)} (no record of partner B for "${kindOf}")`);
          continue;
        }
        for (const bId of candidates) {
          const url = fill(r.url, (param, prev) => {
            if (prev === kindOf && param === 'id') return bId;
            if (param === 'itemId') return w.checklistItemId;
            if (param === 'personId') return w.b.eng.personId;
            if (param === 'year') return '2026';
            return newId();
          });
          const payload = r.body ? validBody(r, w.idForBody, w.bodies[key(r)]) : undefined;
          if (r.body && payload === undefined && !r.body.safeParse(undefined).success) {
            unbuildable.push(key(r));
            continue;
          }
          const query = validQuery(r, w.idForBody);
          const qs = query && Object.keys(query).length ? `?${new URLSearchParams(query)}` : '';
          for (const [who, as] of w.aCallers) {
            const res = await send(t, as, { method: r.method, url: `${url}${qs}`, payload });
            checked += 1;
            if (![403, 404].includes(res.statusCode)) {
              leaks.push(
                `${key(r)} as ${who} with B's ${kindOf} → ${res.statusCode} ${res.body.slice(0, 200)}`,
              );
              continue;
            }
            errorOf(res);
            for (const secret of w.bSecrets) {
              if (res.body.includes(secret)) leaks.push(`${key(r)} as ${who}: the refusal names ${secret}`);
            }
          }
        }
      }
      assert.deepEqual(missing, [], 'name partner B’s record for these routes in buildTwoPartners().bIds');
      assert.deepEqual(unbuildable, [], 'give these routes a valid body in buildTwoPartners().bodies');
      assert.deepEqual(leaks, [], 'partner A reached partner B’s records');
      assert.ok(checked > 100, `only ${checked} checks ran`);
    });

    test("every list partner A's people may read holds none of partner B's ids", async () => {
      const leaks: string[] = [];
      const unbuildable: string[] = [];
      let readable = 0;
      let filtered = 0;
      for (const r of apiRoutes.filter(
        (x) => x.auth === 'user' && x.method === 'GET' && !x.url.includes('/:') && !isStream(x),
      )) {
        const query = validQuery(r, w.idForBody);
        if (query === undefined) {
          unbuildable.push(key(r));
          continue;
        }
        // The plain list, then one variant per optional id filter set to B's record of that kind
        // (a filter must narrow inside the scope, never reach past it).
        const variants: { q: Record<string, string>; given: string | null }[] = [{ q: query, given: null }];
        const props = r.query ? (jsonSchema(r.query).properties ?? {}) : {};
        for (const name of Object.keys(props)) {
          const bId = w.bIdForFilter(name);
          if (!bId || name in query) continue;
          const q = { ...query, [name]: bId };
          if (r.query?.safeParse(q).success) {
            variants.push({ q, given: bId });
            filtered += 1;
          }
        }
        for (const { q, given } of variants) {
          const qs = Object.keys(q).length ? `?${new URLSearchParams(q)}` : '';
          for (const [who, as] of w.aCallers) {
            const res = await send(t, as, { method: 'GET', url: `${r.url}${qs}` });
            if (res.statusCode === 200) readable += 1;
            else if (res.statusCode >= 500) leaks.push(`${key(r)}${qs} as ${who} → ${res.statusCode}`);
            for (const [what, id] of Object.entries(w.bExclusive)) {
              if (id !== given && res.body.includes(id))
                leaks.push(`${key(r)}${qs} as ${who} lists B's ${what}`);
            }
            for (const secret of w.bSecrets) {
              if (res.body.includes(secret)) leaks.push(`${key(r)}${qs} as ${who} shows ${secret}`);
            }
          }
        }
      }
      assert.deepEqual(unbuildable, []);
      assert.deepEqual(leaks, [], 'partner A sees partner B’s records in lists');
      assert.ok(readable > 10, `only ${readable} lists answered 200`);
      assert.ok(filtered >= 5, `only ${filtered} id filters were tried with B's ids`);
      // The lists are not empty by accident: A's own records are there.
      const orders = await send(t, w.a.dispatcher, { method: 'GET', url: '/api/v1/work-orders' });
      assert.ok(orders.body.includes(w.a.orderId), 'partner A lists its own order');
      const sites = await send(t, w.a.dispatcher, { method: 'GET', url: '/api/v1/sites' });
      assert.ok(sites.body.includes(w.a.siteId), 'partner A lists its own site');
      const people = await send(t, w.a.dispatcher, { method: 'GET', url: '/api/v1/people' });
      assert.ok(people.body.includes(w.a.eng.personId), 'partner A lists its own engineer');
      // And partner B sees its own (the fixture is not lopsided).
      const bOrders = await send(t, w.b.dispatcher, { method: 'GET', url: '/api/v1/work-orders' });
      assert.ok(bOrders.body.includes(w.b.orderId) && !bOrders.body.includes(w.a.orderId));
    });

    test("A's own records, read by A's people, show nothing of B's (details, candidates, histories)", async () => {
      const leaks: string[] = [];
      let read = 0;
      for (const r of apiRoutes.filter((x) => x.auth === 'user' && x.method === 'GET' && !isStream(x))) {
        const params = r.url.split('/').filter((p) => p.startsWith(':'));
        if (params.length !== 1 || params[0] !== ':id') continue;
        const kindOf = r.url.split('/')[r.url.split('/').indexOf(':id') - 1] ?? '';
        const aId = w.aIds[kindOf];
        if (!aId) continue;
        const url = r.url.replace(':id', aId);
        for (const [who, as] of w.aCallers) {
          const res = await send(t, as, { method: 'GET', url });
          if (res.statusCode === 200) read += 1;
          for (const [what, id] of Object.entries(w.bExclusive)) {
            if (res.body.includes(id)) leaks.push(`${url} as ${who} shows B's ${what}`);
          }
          for (const secret of w.bSecrets) {
            if (res.body.includes(secret)) leaks.push(`${url} as ${who} shows ${secret}`);
          }
        }
      }
      assert.deepEqual(leaks, [], "A's own records show B's");
      assert.ok(read > 20, `only ${read} reads of A's records answered 200`);
    });

    test("partner A cannot pull B's records into its own requests (ids in bodies and queries)", async () => {
      const refusedWith = async (
        as: Session,
        method: Send['method'],
        url: string,
        payload: unknown,
        what: string,
      ) => {
        const res = await send(t, as, { method, url, payload });
        assert.ok(
          res.statusCode >= 400 && res.statusCode < 500,
          `${what}: ${method} ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`,
        );
        errorOf(res);
        for (const secret of w.bSecrets)
          assert.ok(!res.body.includes(secret), `${what}: the refusal shows ${secret}`);
      };
      const png = signaturePng(60, 20, 9).toString('base64');
      const upload = { kind: 'photo', fileName: 'x.png', mimeType: 'image/png', contentBase64: png };
      // Attachments hang off work orders (and shared knowledge entries).
      for (const [ownerType, ownerId] of [
        ['work_order', w.b.orderId],
        ['work_order', w.bCriticalOrderId],
      ] as const) {
        await refusedWith(
          w.a.eng,
          'POST',
          '/api/v1/attachments',
          { ...upload, ownerType, ownerId },
          `attach to B's ${ownerType}`,
        );
        const list = await send(t, w.a.dispatcher, {
          method: 'GET',
          url: `/api/v1/attachments?ownerType=${ownerType}&ownerId=${ownerId}`,
        });
        assert.ok(
          list.statusCode === 404 || list.statusCode === 403,
          `list B's ${ownerType} attachments → ${list.statusCode} ${list.body.slice(0, 200)}`,
        );
      }
      await refusedWith(
        w.a.dispatcher,
        'POST',
        '/api/v1/work-orders',
        w.intake(w.customerB, w.siteB, w.equipB),
        "open an order at B's site",
      );
      // B's external reference is taken, but the refusal does not name B's order.
      await refusedWith(
        w.a.dispatcher,
        'POST',
        '/api/v1/work-orders',
        { ...w.intake(w.customerA, w.a.siteId, w.a.equipId), externalRef: w.bExternalRef },
        "reuse B's external reference",
      );
      await refusedWith(
        w.a.dispatcher,
        'POST',
        `/api/v1/work-orders/${w.a.orderId}/assignments`,
        { leadEngineerId: w.b.eng.personId },
        "dispatch B's engineer",
      );
      await refusedWith(
        w.a.dispatcher,
        'POST',
        `/api/v1/work-orders/${w.a.orderId}/forward`,
        { toPersonId: w.b.eng.personId, note: '转给乙' },
        "forward to B's engineer",
      );
      await refusedWith(
        w.a.dispatcher,
        'POST',
        `/api/v1/work-orders/${w.a.orderId}/handovers`,
        { toPersonId: w.b.dispatcher.personId, reason: '交给乙' },
        "hand over to B's dispatcher",
      );
      for (const q of [`customerId=${w.customerB}`, `siteId=${w.siteB}`]) {
        const res = await send(t, w.a.dispatcher, { method: 'GET', url: `/api/v1/equipment?${q}` });
        for (const [what, id] of Object.entries(w.bExclusive)) {
          assert.ok(!res.body.includes(id), `GET /api/v1/equipment?${q} shows B's ${what}`);
        }
      }
    });

    test("an EOMS import by partner A treats B's codes exactly like codes that do not exist", async () => {
      const header =
        'eoms_no,type,severity,customer_code,contact_name,contact_phone,site_code,region_code,serial_no,symptom,occurred_at,found_how';
      const row = (ref: string, c: { customer: string; site: string; region: string; serial: string }) =>
        `${ref},fault_repair,major,${c.customer},刘工,13800000001,${c.site},${c.region},${c.serial},OLT 掉线,2026-11-02 09:30,客户来电`;
      const unknown = { customer: 'NOPE-C', site: 'NOPE-S', region: 'NOPE-R', serial: 'NOPE-SN' };
      const res = await send(t, w.a.dispatcher, {
        method: 'POST',
        url: '/api/v1/work-orders/import',
        payload: { format: 'csv', content: [header, row('EB-1', w.bCodes), row('EB-2', unknown)].join('\n') },
      });
      assert.equal(res.statusCode, 200, res.body);
      const out = json<{ accepted: number; rows: { status: string; problems?: { field: string }[] }[] }>(res);
      assert.equal(out.accepted, 0, "no order is opened from B's codes");
      const fields = (i: number) => (out.rows[i]?.problems ?? []).map((p) => p.field).sort();
      assert.deepEqual(
        fields(0),
        fields(1),
        "B's codes are refused as unknown, so their existence is not revealed",
      );
      for (const secret of w.bSecrets)
        assert.ok(!res.body.includes(secret), `the import answer shows ${secret}`);
      for (const [what, id] of Object.entries(w.bExclusive))
        assert.ok(!res.body.includes(id), `the import answer names B's ${what}`);
    });

    test('engineers read their partner’s orders but act only on their own (work-order policy)', async () => {
      const read = await send(t, w.a.eng2, { method: 'GET', url: `/api/v1/work-orders/${w.a.orderId}` });
      assert.equal(read.statusCode, 200, 'a partner engineer reads orders in the partner’s regions');
      const act = await send(t, w.a.eng2, {
        method: 'POST',
        url: `/api/v1/work-orders/${w.a.orderId}/transitions`,
        payload: { to: 'en_route' },
      });
      assert.equal(act.statusCode, 403, act.body);
      assert.equal(errorOf(act).code, 'not_yours');
      const scopeReview = await send(t, w.a.eng2, {
        method: 'POST',
        url: `/api/v1/work-orders/${w.a.orderId}/scope-reviews`,
        payload: { kind: 'outside_scope', reason: '不是我的单' },
      });
      assert.equal(
        scopeReview.statusCode,
        403,
        `an unassigned engineer raises no scope review: ${scopeReview.body}`,
      );
      const handoversBefore = await t.ctx.db.selectFrom('work_order_handovers').select('id').execute();
      const handover = await send(t, w.a.eng2, {
        method: 'POST',
        url: `/api/v1/work-orders/${w.a.orderId}/handovers`,
        payload: { toPersonId: w.a.eng2.personId, reason: '我来接' },
      });
      // The handover rule answers with its own reason (only the owner or a coordinator hands over).
      assert.ok(
        [403, 422].includes(handover.statusCode),
        `an unassigned engineer hands over no order: ${handover.body}`,
      );
      assert.equal(
        (await t.ctx.db.selectFrom('work_order_handovers').select('id').execute()).length,
        handoversBefore.length,
      );
      const own = await send(t, w.a.eng, {
        method: 'GET',
        url: `/api/v1/work-orders?assigneeId=${w.a.eng.personId}`,
      });
      assert.equal(own.statusCode, 200, own.body);
      assert.ok(own.body.includes(w.a.orderId));
    });

    test('the shared knowledge base names a source order only to those who may see it', async () => {
      const asA = await send(t, w.a.dispatcher, {
        method: 'GET',
        url: `/api/v1/knowledge/${w.bKnowledgeId}`,
      });
      assert.equal(asA.statusCode, 200, 'knowledge is shared (WO-12)');
      assert.equal(json<{ sourceOrderId: string | null }>(asA).sourceOrderId, null);
      const asB = await send(t, w.b.dispatcher, {
        method: 'GET',
        url: `/api/v1/knowledge/${w.bKnowledgeId}`,
      });
      assert.equal(json<{ sourceOrderId: string | null }>(asB).sourceOrderId, w.b.orderId);
      // A's order has the same symptom, so B's entry matches it, without naming B's order.
      const matches = await send(t, w.a.dispatcher, {
        method: 'GET',
        url: `/api/v1/work-orders/${w.a.orderId}/knowledge`,
      });
      assert.equal(matches.statusCode, 200, matches.body);
      assert.ok(matches.body.includes(w.bKnowledgeId), 'the entry learned from B matches A’s symptom');
      assert.ok(!matches.body.includes(w.b.orderId));
      const search = await send(t, w.a.eng, {
        method: 'POST',
        url: '/api/v1/knowledge/related',
        payload: { text: 'OLT 上联口频繁闪断' },
      });
      assert.equal(search.statusCode, 200, search.body);
      assert.ok(search.body.includes(w.bKnowledgeId) && !search.body.includes(w.b.orderId));
    });

    test('a customer link reads and acts on its own order only; forged, spliced, revoked and expired links are refused', async () => {
      const linkA = w.a.link;
      const view = await send(t, undefined, { method: 'GET', url: `/api/v1/customer/orders/${linkA.token}` });
      assert.equal(view.statusCode, 200, view.body);
      assert.ok(view.body.includes(w.a.orderNumber));
      for (const secret of w.bSecrets) assert.ok(!view.body.includes(secret), `A's link shows ${secret}`);

      const [linkId, exp] = linkA.token.split('.');
      const secret = await linkSecret(t.ctx);
      const refusals: [string, string][] = [
        // A correct MAC, but for a claim naming order B: the server checks against the link's stored order.
        ['forged for order B', signLink(secret, { linkId: linkId!, orderId: w.b.orderId, exp: Number(exp) })],
        // B's link id spliced onto A's expiry and MAC.
        ['spliced link id', `${w.b.link.id}.${exp}.${linkA.token.split('.')[2]}`],
        // A's token with a later expiry.
        ['extended expiry', `${linkId}.${Number(exp) + 86_400}.${linkA.token.split('.')[2]}`],
      ];
      for (const [what, token] of refusals) {
        for (const r of apiRoutes.filter((x) => x.url.startsWith('/api/v1/customer/orders/:token'))) {
          const url = fill(r.url, (p) => (p === 'token' ? token : p === 'reportId' ? w.bReportId : newId()));
          const payload = validBody(r, w.idForBody, w.bodies[key(r)]);
          const res = await send(t, undefined, { method: r.method, url, payload });
          assert.ok(
            res.statusCode >= 400 && res.statusCode < 500,
            `${key(r)} with a ${what} token → ${res.statusCode} ${res.body}`,
          );
          errorOf(res);
          for (const s of w.bSecrets)
            assert.ok(!res.body.includes(s), `${key(r)} with a ${what} token shows ${s}`);
        }
      }

      // A's valid link cannot fetch B's report nor confirm B's appointment.
      const report = await send(t, undefined, {
        method: 'GET',
        url: `/api/v1/customer/orders/${linkA.token}/reports/${w.bReportId}`,
      });
      assert.equal(report.statusCode, 404, report.body);
      const apptBefore = await t.ctx.db
        .selectFrom('appointments')
        .selectAll()
        .where('id', '=', w.bAppointmentId)
        .executeTakeFirstOrThrow();
      const confirm = await send(t, undefined, {
        method: 'POST',
        url: `/api/v1/customer/orders/${linkA.token}/appointment/confirm`,
        payload: { appointmentId: w.bAppointmentId },
      });
      assert.ok([404, 409, 422].includes(confirm.statusCode), confirm.body);
      const apptAfter = await t.ctx.db
        .selectFrom('appointments')
        .selectAll()
        .where('id', '=', w.bAppointmentId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(apptAfter, apptBefore, "A's link left B's appointment untouched");

      // Revoked: B's dispatcher withdraws B's link; it stops at once.
      const revoke = await send(t, w.b.dispatcher, {
        method: 'POST',
        url: `/api/v1/customer-links/${w.b.link.id}/revoke`,
      });
      assert.ok([200, 204].includes(revoke.statusCode), revoke.body);
      const afterRevoke = await send(t, undefined, {
        method: 'GET',
        url: `/api/v1/customer/orders/${w.b.link.token}`,
      });
      assert.ok(afterRevoke.statusCode >= 400 && afterRevoke.statusCode < 500, afterRevoke.body);

      // Expired: past the link's lifetime the same token is refused for reading and acting.
      t.clock.set(new Date(new Date(linkA.expiresAt).getTime() + 1000));
      for (const r of apiRoutes.filter((x) => x.url.startsWith('/api/v1/customer/orders/:token'))) {
        const url = fill(r.url, (p) =>
          p === 'token' ? linkA.token : p === 'reportId' ? w.a.reportIdOrRandom : newId(),
        );
        const payload = validBody(r, w.idForBody, w.bodies[key(r)]);
        const res = await send(t, undefined, { method: r.method, url, payload });
        assert.ok(
          res.statusCode >= 400 && res.statusCode < 500,
          `${key(r)} after expiry → ${res.statusCode} ${res.body}`,
        );
        assert.equal(errorOf(res).code, 'link_expired', `${key(r)} after expiry`);
      }
    });
  });

  describe(`authorisation sweep: partners with overlapping coverage (${kind})`, () => {
    let t: TestApp;
    let o: Awaited<ReturnType<typeof buildOverlap>>;
    before(async () => {
      t = await startTestApp(kind);
      o = await buildOverlap(t);
    });
    after(() => t.close());

    test("§1 every order route refuses one partner's people the other partner's order where coverage overlaps", async () => {
      const leaks: string[] = [];
      let checked = 0;
      const pairs = [
        { who: 'prefecture vendor', callers: [o.x.dispatcher, o.x.eng], other: o.y.order },
        { who: 'county vendor', callers: [o.y.dispatcher, o.y.eng], other: o.x.order },
      ];
      for (const r of apiRoutes.filter(
        (x) => x.auth === 'user' && x.url.startsWith('/api/v1/work-orders/:id'),
      )) {
        for (const { who, callers, other } of pairs) {
          const url = fill(r.url, (param, prev) =>
            prev === 'work-orders' && param === 'id' ? other.id : anyParam(param),
          );
          const payload = r.body ? validBody(r, () => newId()) : undefined;
          for (const as of callers) {
            const res = await send(t, as, { method: r.method, url, payload });
            checked += 1;
            if (![403, 404, 422].includes(res.statusCode) || res.body.includes(other.number)) {
              leaks.push(`${key(r)} as the ${who} → ${res.statusCode} ${res.body.slice(0, 160)}`);
            }
          }
        }
      }
      assert.deepEqual(leaks, [], 'a partner reached the other partner’s order');
      assert.ok(checked > 50, `only ${checked} checks ran`);
    });

    test('§1 lists show a partner its own orders and the unassigned ones in its coverage, never the other’s', async () => {
      const leaks: string[] = [];
      const lists = apiRoutes.filter(
        (x) => x.auth === 'user' && x.method === 'GET' && !x.url.includes('/:') && !isStream(x),
      );
      const sides = [
        {
          who: 'prefecture vendor',
          callers: [o.x.dispatcher, o.x.eng, o.x.engElsewhere, o.x.manager],
          others: [o.y.order, o.y.critical],
        },
        { who: 'county vendor', callers: [o.y.dispatcher, o.y.eng], others: [o.x.order] },
      ];
      for (const r of lists) {
        const query = validQuery(r, () => newId());
        if (query === undefined) continue;
        const qs = Object.keys(query).length ? `?${new URLSearchParams(query)}` : '';
        for (const { who, callers, others } of sides) {
          for (const as of callers) {
            const res = await send(t, as, { method: 'GET', url: `${r.url}${qs}` });
            if (others.some((other) => res.body.includes(other.id) || res.body.includes(other.number)))
              leaks.push(`${key(r)} as the ${who} lists the other partner’s order`);
          }
        }
      }
      assert.deepEqual(leaks, []);
      const listed = async (as: Session) =>
        json<{ items: { id: string }[] }>(
          await send(t, as, { method: 'GET', url: '/api/v1/work-orders' }),
        ).items.map((i) => i.id);
      assert.deepEqual(new Set(await listed(o.x.dispatcher)), new Set([o.x.order.id, o.unassigned.id]));
      assert.deepEqual(
        new Set(await listed(o.y.dispatcher)),
        new Set([o.y.order.id, o.y.critical.id, o.unassigned.id]),
      );
    });

    test('§1 a partner’s manager sees no escalation of the other partner’s order in the shared region', async () => {
      const esc = await t.ctx.db
        .selectFrom('escalations')
        .select('id')
        .where('subject_id', '=', o.y.critical.id)
        .executeTakeFirstOrThrow();
      const list = await send(t, o.x.manager, { method: 'GET', url: '/api/v1/escalations' });
      assert.equal(list.statusCode, 200, list.body);
      assert.ok(!list.body.includes(esc.id) && !list.body.includes(o.y.critical.id), list.body.slice(0, 300));
      const one = await send(t, o.x.manager, { method: 'GET', url: `/api/v1/escalations/${esc.id}` });
      assert.equal(one.statusCode, 404, one.body);
    });

    test('§1 a partner’s field engineer sees their own and their area team’s orders, not the whole partner’s', async () => {
      const listed = async (as: Session) =>
        json<{ items: { id: string }[] }>(
          await send(t, as, { method: 'GET', url: '/api/v1/work-orders' }),
        ).items.map((i) => i.id);
      // The engineer of the site's county: their own order and the unassigned one of their area.
      assert.deepEqual(new Set(await listed(o.x.eng)), new Set([o.x.order.id, o.unassigned.id]));
      // The partner's engineer of another county sees neither, and opens neither by id.
      assert.deepEqual(await listed(o.x.engElsewhere), []);
      for (const id of [o.x.order.id, o.unassigned.id]) {
        const res = await send(t, o.x.engElsewhere, { method: 'GET', url: `/api/v1/work-orders/${id}` });
        assert.equal(res.statusCode, 404, res.body);
      }
      // The partner's dispatcher keeps the partner's whole scope.
      const res = await send(t, o.x.dispatcher, {
        method: 'GET',
        url: `/api/v1/work-orders/${o.x.order.id}`,
      });
      assert.equal(res.statusCode, 200, res.body);
    });
  });
}

/** A 1×1 PNG for signatures. */
const PNG = signaturePng(120, 40, 3).toString('base64');

/**
 * Two partners: A covers prefecture 贵阳, B covers 遵义. Each has a dispatcher and an engineer (A
 * a second, unassigned engineer), a customer of its own with a site and equipment, and orders.
 * B's first order goes all the way to closed (appointment, link, attachments, report, follow-up,
 * knowledge); its second is critical and open (escalation, handover, scope review).
 */
async function buildTwoPartners(t: TestApp) {
  const sys = { system: 'test' };
  const ctx = t.ctx;
  const tag = `${t.kind[0]}${Math.random().toString(36).slice(2, 6)}`;
  const province = await createRegion(ctx, sys, { code: `P${tag}`, name: '贵州省', level: 'province' });
  const prefA = await createRegion(ctx, sys, {
    code: `A${tag}`,
    name: '贵阳市',
    level: 'prefecture',
    parentId: province.id,
  });
  const countyA = await createRegion(ctx, sys, {
    code: `A1${tag}`,
    name: '南明区',
    level: 'county',
    parentId: prefA.id,
  });
  const prefB = await createRegion(ctx, sys, {
    code: `B${tag}`,
    name: '遵义市',
    level: 'prefecture',
    parentId: province.id,
  });
  const countyB = await createRegion(ctx, sys, {
    code: `B1${tag}`,
    name: '红花岗区',
    level: 'county',
    parentId: prefB.id,
  });
  const partnerA = await createPartner(ctx, sys, { code: `PA${tag}`, name: '甲代维', regionIds: [prefA.id] });
  const partnerB = await createPartner(ctx, sys, { code: `PB${tag}`, name: '乙代维', regionIds: [prefB.id] });
  const customerA = await createCustomer(ctx, sys, {
    code: `CA${tag}`,
    name: '贵阳某企业',
    kind: 'enterprise',
    regionId: countyA.id,
  });
  const customerB = await createCustomer(ctx, sys, {
    code: `CB${tag}`,
    name: '遵义某企业乙',
    kind: 'enterprise',
    regionId: countyB.id,
  });
  const contactB = await addContact(ctx, sys, customerB.id, { name: '乙方联系人', phone: '13900000002' });
  const siteA = await createSite(ctx, sys, {
    code: `SA${tag}`,
    customerId: customerA.id,
    name: '南明机房甲',
    address: '贵阳市南明区 1 号',
    regionId: countyA.id,
    lat: 26.5647,
    lng: 106.7135,
    areaClass: 'urban',
  });
  const siteB = await createSite(ctx, sys, {
    code: `SB${tag}`,
    customerId: customerB.id,
    name: '红花岗机房乙',
    address: '遵义市红花岗区 2 号',
    regionId: countyB.id,
    lat: 27.7,
    lng: 106.93,
    areaClass: 'urban',
  });
  const equipA = await createEquipment(ctx, sys, {
    siteId: siteA.id,
    product: 'OLT',
    model: 'MA5800',
    serialNo: `SA${tag}`,
  });
  const equipB = await createEquipment(ctx, sys, {
    siteId: siteB.id,
    product: 'OLT',
    model: 'MA5800',
    serialNo: `SB${tag}`,
  });

  const staff = async (roles: Role[], partnerId: string, regionId: string, name: string) => {
    // An e-mail address, so notices to B's people also queue outbound messages that must stay B's.
    const s = await t.personWith(roles, {
      displayName: name,
      partnerId,
      regionIds: [regionId],
      email: `${roles[0]}-${partnerId.slice(-6)}@example.com`,
    });
    if (roles.includes('engineer')) {
      await upsertEngineerProfile(ctx, sys, s.personId, {
        employment: 'partner',
        workCardNo: `WC-${name}-${tag}`,
        workCardExpiresOn: '2028-12-31',
      });
    }
    return s;
  };
  const a = {
    dispatcher: await staff(['dispatcher'], partnerA.id, prefA.id, '甲调度'),
    eng: await staff(['engineer'], partnerA.id, prefA.id, '甲工程师'),
    eng2: await staff(['engineer'], partnerA.id, prefA.id, '甲工程师二'),
  };
  const b = {
    dispatcher: await staff(['dispatcher'], partnerB.id, prefB.id, '乙调度'),
    eng: await staff(['engineer'], partnerB.id, prefB.id, '乙工程师'),
  };
  const certB = await addCertification(ctx, sys, b.eng.personId, { product: 'OLT', expiresOn: '2028-06-30' });
  await addCertification(ctx, sys, a.eng.personId, { product: 'OLT', expiresOn: '2028-06-30' });
  const callCenter = await t.personWith(['call_center'], { displayName: '话务员' });
  const manager = await t.personWith(['area_service_manager'], { displayName: '区域经理' });
  const admin = await t.personWith(['admin'], { displayName: '管理员' });

  const call = async (as: Session | undefined, method: Send['method'], url: string, payload?: unknown) => {
    const res = await send(t, as, { method, url, payload });
    assert.ok(res.statusCode < 300, `fixture ${method} ${url} → ${res.statusCode} ${res.body}`);
    return res;
  };
  const intake = (customerId: string, siteId: string, equipmentId: string, severity = 'major') => ({
    type: 'fault_repair',
    channel: 'customer_call',
    severity,
    customerId,
    contactName: '刘工',
    contactPhone: '13800000001',
    siteId,
    equipmentId,
    occurredAt: '2026-11-02T01:30:00.000Z',
    symptom: 'OLT 上联口频繁闪断',
    alarms: 'ETH_LOS',
    suspectedCause: '光模块老化',
    foundHow: '客户来电',
  });
  type Order = { id: string; number: string };
  const openAndAssign = async (body: Record<string, unknown>, lead: Session) => {
    const o = json<Order>(await call(callCenter, 'POST', '/api/v1/work-orders', body));
    await call(callCenter, 'POST', `/api/v1/work-orders/${o.id}/transitions`, { to: 'accepted' });
    await call(manager, 'POST', `/api/v1/work-orders/${o.id}/assignments`, {
      leadEngineerId: lead.personId,
      overrideReason: '授权测试',
    });
    return o;
  };

  const orderA = await openAndAssign(intake(customerA.id, siteA.id, equipA.id), a.eng);
  const linkA = json<{ id: string; token: string; expiresAt: string }>(
    await call(callCenter, 'POST', `/api/v1/work-orders/${orderA.id}/customer-links`, {}),
  );

  // B's order 1, carried all the way to closed by B's engineer.
  const orderB = await openAndAssign(intake(customerB.id, siteB.id, equipB.id), b.eng);
  const { windows } = json<{ windows: { start: string; end: string }[] }>(
    await call(b.eng, 'GET', `/api/v1/work-orders/${orderB.id}/appointment-windows?count=2`),
  );
  const apptB = json<{ id: string }>(
    await call(b.eng, 'POST', `/api/v1/work-orders/${orderB.id}/appointments`, {
      windowStart: windows[0]!.start,
      windowEnd: windows[0]!.end,
    }),
  );
  await call(b.eng, 'POST', `/api/v1/appointments/${apptB.id}/confirm`);
  const linkB = json<{ id: string; token: string; expiresAt: string }>(
    await call(callCenter, 'POST', `/api/v1/work-orders/${orderB.id}/customer-links`, {}),
  );
  t.clock.set(windows[0]!.start);
  await call(b.eng, 'POST', `/api/v1/work-orders/${orderB.id}/transitions`, { to: 'en_route' });
  await call(b.eng, 'POST', `/api/v1/work-orders/${orderB.id}/check-in`, { lat: 27.7, lng: 106.93 });
  await call(b.eng, 'POST', `/api/v1/work-orders/${orderB.id}/service-requests`, {
    scopeOfWork: '更换光模块',
    signerName: '乙客户',
    signaturePngBase64: PNG,
  });
  const onsite = json<{ checklist: { item: { id: string } }[] }>(
    await call(b.eng, 'GET', `/api/v1/work-orders/${orderB.id}/onsite`),
  );
  for (const c of onsite.checklist) {
    await call(b.eng, 'PUT', `/api/v1/work-orders/${orderB.id}/checklist/${c.item.id}`, { done: true });
  }
  const photoB = json<{ id: string }>(
    await call(b.eng, 'POST', '/api/v1/attachments', {
      ownerType: 'work_order',
      ownerId: orderB.id,
      kind: 'photo',
      fileName: 'site.png',
      mimeType: 'image/png',
      contentBase64: PNG,
    }),
  );
  t.clock.advanceMinutes(40);
  await call(b.eng, 'POST', `/api/v1/work-orders/${orderB.id}/transitions`, { to: 'service_restored' });
  t.clock.advanceMinutes(40);
  await call(b.eng, 'POST', `/api/v1/work-orders/${orderB.id}/transitions`, { to: 'resolved' });
  await call(b.eng, 'POST', `/api/v1/work-orders/${orderB.id}/sign-off`, {
    signerName: '乙客户',
    signaturePngBase64: PNG,
    opinion: '已修复',
  });
  await call(b.eng, 'POST', `/api/v1/work-orders/${orderB.id}/satisfaction`, { score: 5 });
  const reportB = json<{ id: string }>(
    await call(b.eng, 'POST', `/api/v1/work-orders/${orderB.id}/reports`, {
      workDone: '更换光模块',
      cause: '光模块老化',
    }),
  );
  await call(callCenter, 'POST', `/api/v1/work-orders/${orderB.id}/transitions`, { to: 'closed' });
  const detailB = json<{ followUps: { id: string }[] }>(
    await call(b.dispatcher, 'GET', `/api/v1/work-orders/${orderB.id}`),
  );
  const followUpB = detailB.followUps[0]!.id;
  const knowledgeB = json<{ id: string }>(
    await call(b.eng, 'POST', `/api/v1/work-orders/${orderB.id}/knowledge`, { fix: '更换上联光模块' }),
  ).id;

  // B's order 2: critical and open — escalation, handover, scope review hang off it.
  const orderB2 = await openAndAssign(
    { ...intake(customerB.id, siteB.id, equipB.id, 'critical'), externalRef: `EOMS-B-${tag}` },
    b.eng,
  );
  const handoverB = json<{ id: string }>(
    await call(callCenter, 'POST', `/api/v1/work-orders/${orderB2.id}/handovers`, {
      toPersonId: b.dispatcher.personId,
      reason: '交给乙调度',
    }),
  ).id;
  const scopeReviewB = json<{ id: string }>(
    await call(b.dispatcher, 'POST', `/api/v1/work-orders/${orderB2.id}/scope-reviews`, {
      kind: 'contract_expired',
      reason: '合同可能已过期',
    }),
  ).id;
  const escalationB = await ctx.db
    .selectFrom('escalations')
    .select('id')
    .where('subject_id', '=', orderB2.id)
    .executeTakeFirst();
  assert.ok(escalationB, 'a critical order raises an escalation (SL-2)');
  const [notificationB] = await notify(ctx, {
    personIds: [b.eng.personId],
    kind: 'test',
    title: { 'zh-CN': '乙方通知', en: 'Notice for partner B' },
    body: { 'zh-CN': '乙方通知', en: 'Notice for partner B' },
    subjectType: 'work_order',
    subjectId: orderB2.id,
  });
  assert.ok(notificationB);
  const complaintB = json<{ id: string }>(
    await call(callCenter, 'POST', '/api/v1/complaints', {
      source: 'hotline',
      category: 'attitude',
      severity: 'medium',
      summary: '乙方工程师态度差',
      orderId: orderB.id,
    }),
  ).id;
  const checklistItem = await ctx.db.selectFrom('checklist_items').select('id').executeTakeFirstOrThrow();
  // B's duty roster: a shift today and leave next week (DP-1).
  const today = t.clock.now().toISOString().slice(0, 10);
  await call(b.dispatcher, 'POST', '/api/v1/duty/shifts', {
    personId: b.eng.personId,
    from: today,
    to: today,
    start: '08:00',
    end: '18:00',
  });
  const dutyB = await ctx.db
    .selectFrom('duty_shifts')
    .select('id')
    .where('person_id', '=', b.eng.personId)
    .executeTakeFirstOrThrow();
  const leaveB = json<{ id: string }>(
    await call(b.dispatcher, 'POST', '/api/v1/duty/leave', {
      personId: b.eng.personId,
      from: today,
      to: today,
      kind: 'training',
    }),
  ).id;
  // B's daily plan (DP-2).
  const planB = json<{ id: string }>(
    await call(b.dispatcher, 'POST', '/api/v1/plans', { regionId: prefB.id, day: today, seconds: 0.2 }),
  ).id;
  // B's major operation (MO-1 … MO-13), planned by B's engineer in a night window at B's site.
  const operationB = json<{ id: string }>(
    await call(b.eng, 'POST', '/api/v1/operations', {
      kind: 'expansion',
      title: '乙方扩容',
      siteIds: [siteB.id],
      leadId: b.eng.personId,
      product: 'OLT',
      windowStart: '2026-11-02T17:00:00.000Z',
      windowEnd: '2026-11-02T19:00:00.000Z',
    }),
  ).id;
  // A report of A's own does not exist (A's order is not closed); a random id stands in after expiry.
  const reportIdOrRandom = newId();

  // RS-1: a depot of partner B holding a faulty part returned there.
  const depotB = await createDepot(ctx, sys, {
    code: `DB${tag}`,
    name: '乙备件库',
    regionId: prefB.id,
    partnerId: partnerB.id,
  });
  const partB = await createPart(ctx, sys, { code: `PT${tag}`, name: '光模块', unit: '个' });
  await recordMovement(ctx, sys, depotB.id, {
    kind: 'return_faulty',
    partId: partB.id,
    qty: 1,
    faultCode: 'BJ-01',
  });
  const faultyB = await ctx.db
    .selectFrom('faulty_parts')
    .select('id')
    .where('depot_id', '=', depotB.id)
    .executeTakeFirstOrThrow();
  // RS-7: partner B's ledger, an EOMS export reconciled against it, and the item it opened.
  const ledgerRows = async function* (rows: string[][]) {
    yield ['电路编号', '业务类型', '区县', '客户名称', '装机地址', '带宽', '状态'];
    yield* rows;
  };
  await importFile(ctx, sys, {
    partnerId: partnerB.id,
    target: 'ledger',
    fileName: 'b.csv',
    sha256: 'b',
    records: ledgerRows([['LB1', '家庭宽带', '乙区', '乙用户', '乙地址', '100M', '在用']]),
  });
  const ledgerImportB = await importFile(ctx, sys, {
    partnerId: partnerB.id,
    target: 'eoms',
    fileName: 'b.csv',
    sha256: 'b',
    records: ledgerRows([['LB1', '家庭宽带', '乙区', '乙用户', '乙地址', '200M', '在用']]),
  });
  const ledgerItemB = (
    await listLedgerItems(ctx, { kind: 'all' }, { partnerId: partnerB.id, limit: 1, offset: 0 })
  )[0]!;
  const ledgerLineB = (
    await listLedgerLines(ctx, { kind: 'all' }, { partnerId: partnerB.id, limit: 1, offset: 0 })
  )[0]!;
  // RS-2: an instrument of partner B carried by B's engineer.
  const assetB = await createAsset(ctx, sys, {
    kind: 'instrument',
    type: 'otdr',
    name: '乙OTDR',
    serialNo: `AB${tag}`,
    regionId: prefB.id,
    partnerId: partnerB.id,
    personId: b.eng.personId,
    calibrationDue: '2027-06-30',
  });
  // RS-5: partner B's inspection plan for its site and one inspection of it. The inspection row is
  // written as the occurrence timer would write it, without moving the clock every session rides on.
  await call(admin, 'PUT', '/api/v1/inspection-checklists', {
    equipmentClass: 'OLT',
    items: [{ key: 'look', label: '外观' }],
  });
  const inspectionPlanB = json<{ id: string }>(
    await call(b.dispatcher, 'POST', '/api/v1/inspection-plans', {
      name: '乙巡检',
      target: 'site',
      siteId: siteB.id,
      equipmentClass: 'OLT',
      recurrence: 'monthly',
    }),
  ).id;
  const inspectionB = newId();
  await ctx.db
    .insertInto('inspections')
    .values({
      id: inspectionB,
      plan_id: inspectionPlanB,
      occurrence: '2026-12-01T01:00:00.000Z',
      due_at: '2027-01-01T01:00:00.000Z',
      site_id: siteB.id,
      equipment_id: null,
      target_key: siteB.id,
      region_id: countyB.id,
      region_path: countyB.path,
      partner_id: partnerB.id,
      equipment_class: 'OLT',
      state: 'open',
      results_json: null,
      completed_by: null,
      completed_at: null,
      created_at: '2026-12-01T01:00:00.000Z',
    })
    .execute();
  // RS-6: an acceptance record of B's order with a leftover item (as the acceptance routes write them).
  const acceptanceB = newId();
  const memoB = newId();
  const at = ctx.clock.now().toISOString();
  await ctx.db
    .insertInto('acceptances')
    .values({
      id: acceptanceB,
      order_id: orderB.id,
      state: 'draft',
      signer_name: null,
      signature_attachment_id: null,
      signed_by: null,
      signed_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await ctx.db
    .insertInto('acceptance_memos')
    .values({
      id: memoB,
      acceptance_id: acceptanceB,
      order_id: orderB.id,
      description: '乙遗留问题',
      due_on: '2026-12-31',
      state: 'open',
      closing_note: null,
      closed_by: null,
      closed_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  // A saved view of partner B's dispatcher: A's people may not remove it.
  const viewB = json<{ id: string }>(
    await call(b.dispatcher, 'POST', '/api/v1/saved-views', {
      page: 'orders',
      name: '乙视图',
      query: 'open=true',
    }),
  ).id;
  /** B's records by the URL segment that names their kind. */
  const bIds: Record<string, string[]> = {
    regions: [prefB.id, countyB.id],
    partners: [partnerB.id],
    people: [b.eng.personId, b.dispatcher.personId],
    certifications: [certB.id],
    customers: [customerB.id],
    contacts: [contactB.id],
    sites: [siteB.id],
    equipment: [equipB.id],
    attachments: [photoB.id],
    'work-orders': [orderB.id, orderB2.id],
    // Self-service's own view of an order (/api/v1/my/orders/:id): B's orders must stay out of reach.
    orders: [orderB.id, orderB2.id],
    handovers: [handoverB],
    'follow-ups': [followUpB],
    'scope-reviews': [scopeReviewB],
    appointments: [apptB.id],
    'customer-links': [linkB.id],
    escalations: [escalationB.id],
    notifications: [notificationB],
    shifts: [dutyB.id],
    leave: [leaveB],
    plans: [planB],
    operations: [operationB],
    complaints: [complaintB],
    depots: [depotB.id],
    'faulty-parts': [faultyB.id],
    'ledger-imports': [ledgerImportB.id],
    'ledger-items': [ledgerItemB.id],
    'ledger-lines': [ledgerLineB.id],
    assets: [assetB.id],
    'saved-views': [viewB],
    'inspection-plans': [inspectionPlanB],
    inspections: [inspectionB],
    'acceptance-memos': [memoB],
  };
  /** Ids only partner B's side may see; none may appear in anything A reads. */
  const bExclusive: Record<string, string> = {
    partner: partnerB.id,
    region: prefB.id,
    customer: customerB.id,
    contact: contactB.id,
    site: siteB.id,
    equipment: equipB.id,
    engineer: b.eng.personId,
    dispatcher: b.dispatcher.personId,
    certification: certB.id,
    order: orderB.id,
    criticalOrder: orderB2.id,
    appointment: apptB.id,
    link: linkB.id,
    attachment: photoB.id,
    report: reportB.id,
    followUp: followUpB,
    handover: handoverB,
    scopeReview: scopeReviewB,
    escalation: escalationB.id,
    notification: notificationB,
    shift: dutyB.id,
    leave: leaveB,
    plan: planB,
    operation: operationB,
    ledgerImport: ledgerImportB.id,
    ledgerItem: ledgerItemB.id,
    ledgerLine: ledgerLineB.id,
    asset: assetB.id,
    inspectionPlan: inspectionPlanB,
    inspection: inspectionB,
    acceptanceMemo: memoB,
  };
  /** Bodies for routes whose schema the sampler cannot satisfy. */
  const bodies: Record<string, unknown> = {
    'POST /api/v1/operations/:id/backup': {
      what: 'HLR 数据',
      location: 'OMC /backup',
      fileName: 'b.tar',
      sizeBytes: 1024,
      sha256: 'a'.repeat(64),
      changeTableChecked: true,
    },
    'POST /api/v1/plans/:id/locks': { orderIds: [orderB.id], locked: true, version: 1 },
    'POST /api/v1/complaints/:id/actions': {
      description: '越权测试',
      ownerId: a.eng.personId,
      dueDate: '2026-12-31',
    },
    'POST /api/v1/work-orders/:id/service-requests': {
      scopeOfWork: '越权测试',
      signerName: '甲',
      signaturePngBase64: PNG,
    },
    'POST /api/v1/work-orders/:id/sign-off': { signerName: '甲', signaturePngBase64: PNG, opinion: '越权' },
    'POST /api/v1/customer/orders/:token/sign-off': {
      signerName: '甲',
      signaturePngBase64: PNG,
      opinion: '越权',
    },
    'POST /api/v1/work-orders/:id/check-in': { lat: 27.7, lng: 106.93 },
    'POST /api/v1/work-orders/:id/check-out': { lat: 27.7, lng: 106.93 },
    'POST /api/v1/work-orders/:id/appointments': {
      windowStart: windows[1]!.start,
      windowEnd: windows[1]!.end,
    },
    'POST /api/v1/work-orders/:id/assignments': { leadEngineerId: a.eng.personId },
    'POST /api/v1/people/:id/certifications': { product: 'OLT', expiresOn: '2028-06-30' },
    'PUT /api/v1/sites/:id/working-hours': { days: [1, 2, 3], opens: '08:00', closes: '18:00' },
    'POST /api/v1/ledger-items/:id/resolve': { action: 'explain', note: '越权' },
    'POST /api/v1/inspections/:id/complete': { results: [{ key: 'look', ok: true }] },
    'POST /api/v1/acceptance-memos/:id/close': { note: '越权' },
    'POST /api/v1/work-orders/:id/acceptance/memos': { description: '越权', dueOn: '2026-12-31' },
    'PATCH /api/v1/inspection-plans/:id': { active: false },
  };
  /** Ids for body and query fields: A's own people where a person is named, B's appointment, else fresh. */
  const idForBody = (field: string): string => {
    if (/person|engineer|helper/i.test(field)) return a.eng.personId;
    if (field === 'appointmentId') return apptB.id;
    if (field === 'ownerId') return orderB.id;
    if (field === 'siteId') return siteB.id;
    if (field === 'customerId') return customerB.id;
    return newId();
  };
  /**
   * Partner A's side: one person for every role a partner's person may hold (roleProblems says
   * which), and one for every customer-side role of A's customer, so no role's grants reach B.
   */
  const aCallers: (readonly [string, Session])[] = [
    ['partner A dispatcher', a.dispatcher],
    ['partner A engineer', a.eng],
  ];
  for (const role of ROLES) {
    if (role === 'dispatcher' || role === 'engineer') continue;
    if (CUSTOMER_ROLES.includes(role)) {
      const s = await t.personWith([role], { customerId: customerA.id, displayName: `甲客户${role}` });
      aCallers.push([`A's customer ${role}`, s]);
    } else if (roleProblems([role], partnerA.id, null).length === 0) {
      const s = await t.personWith([role], {
        partnerId: partnerA.id,
        regionIds: [prefA.id],
        displayName: `甲${role}`,
      });
      aCallers.push([`partner A ${role}`, s]);
    }
  }
  /** B's record for a list filter, by the filter's name. */
  const bIdForFilter = (name: string): string | null => {
    const byName: Record<string, string> = {
      customerId: customerB.id,
      siteId: siteB.id,
      equipmentId: equipB.id,
      regionId: prefB.id,
      partnerId: partnerB.id,
      personId: b.eng.personId,
      assigneeId: b.eng.personId,
      ownerId: b.eng.personId,
      engineerId: b.eng.personId,
      orderId: orderB.id,
      workOrderId: orderB.id,
      notificationId: notificationB,
      escalationId: escalationB.id,
    };
    return byName[name] ?? (/Id$/.test(name) ? orderB.id : null);
  };
  /** A's own records by the URL segment that names their kind. */
  const aIds: Record<string, string> = {
    regions: prefA.id,
    partners: partnerA.id,
    people: a.eng.personId,
    customers: customerA.id,
    sites: siteA.id,
    equipment: equipA.id,
    'work-orders': orderA.id,
  };
  return {
    aCallers,
    aIds,
    bIdForFilter,
    customerA: customerA.id,
    siteB: siteB.id,
    customerB: customerB.id,
    equipB: equipB.id,
    intake,
    a: {
      ...a,
      orderId: orderA.id,
      orderNumber: orderA.number,
      siteId: siteA.id,
      equipId: equipA.id,
      link: linkA,
      reportIdOrRandom,
    },
    b: { ...b, link: linkB, orderId: orderB.id },
    bIds,
    bExclusive,
    bSecrets: [
      orderB.number,
      orderB2.number,
      siteB.name,
      customerB.name,
      '乙工程师',
      '乙调度',
      '乙方联系人',
      '乙方通知',
      'Notice for partner B',
    ],
    bReportId: reportB.id,
    bCriticalOrderId: orderB2.id,
    bExternalRef: `EOMS-B-${tag}`,
    bCodes: { customer: customerB.code, site: siteB.code, region: countyB.code, serial: `SB${tag}` },
    bKnowledgeId: knowledgeB,
    bAppointmentId: apptB.id,
    bodies,
    idForBody,
    checklistItemId: checklistItem.id,
    admin,
  };
}
