/**
 * Property: whatever arrives — random JSON, wrong types, huge or odd Unicode text, unknown
 * fields, random or malformed ids, broken JSON, the wrong content type — every registered
 * route answers without a 5xx, every error is the one error shape, and every success matches
 * the route's declared response schema. The route list is read from `apiRoutes` at run time,
 * so routes added later are covered without touching this file.
 *
 * FUZZ_RUNS (default 20) sets the administrator's runs per route (anonymous callers get a quarter
 * on signed-in routes, where all they can earn is 401; an engineer a fifth); FUZZ_SEED replays a failure
 * (fast-check prints the seed and path of any counterexample).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import type { RouteDef } from '../../src/http/route.ts';
import { apiRoutes } from '../../src/http/routes.ts';
import { createApiToken } from '../../src/modules/access/access.service.ts';
import { CUSTOMER_ROLES, ROLES } from '../../src/modules/access/roles.ts';
import { verifyHistory } from '../../src/modules/history/history.service.ts';
import { createRegion } from '../../src/modules/regions/regions.service.ts';
import { type Session, startTestApp, type TestApp, testDatabases } from '../harness.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
/** FUZZ_STATS=1 prints how often each status answered, to see how deep requests reach; =samples adds the refusals. */
const STATS = process.env.FUZZ_STATS === '1' || process.env.FUZZ_STATS === 'samples';
const STATS_SAMPLES = process.env.FUZZ_STATS === 'samples';
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

/** The parts of a JSON Schema (as z.toJSONSchema writes it) that steer generation. */
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
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

function schemaOf(s: z.ZodType | undefined): JsonSchema | undefined {
  if (!s) return undefined;
  try {
    return z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return {};
  }
}

const HUGE = 'x'.repeat(100_000);
const HUGE_CJK = '测'.repeat(40_000);
const OVER_LIMIT = 'y'.repeat(1_100_000);

/** Text that has broken programs before. */
const nastyStrings = fc.constantFrom(
  '',
  ' ',
  '\t\n',
  '\u0000',
  'a\u0000b',
  '%00',
  '\ud800',
  '\udfff\ud800',
  'busy \udc00 today',
  '\ufdd0',
  '\ufffe',
  '\u{10FFFF}',
  '\u{1FFFE}',
  '𠮷野家',
  'é',
  '\u202e\u0041',
  '\uffff',
  '../../etc/passwd',
  "' OR '1'='1' --",
  '"; DROP TABLE history; --',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '$' + '{7*7}',
  '%s%s%n',
  '{entity}',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '9007199254740993',
  '-2147483649',
  '0x10',
  'true',
  '2026-02-30',
  '2026-13-01',
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '2026-11-02T08:00:00+08:00',
  '2026-11-02T25:00:00Z',
  'Asia/Shanghai',
  'Mars/Olympus',
  '__proto__',
  'constructor',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-7fff-bfff-ffffffffffff',
  HUGE,
  HUGE_CJK,
);

/** One character that cannot be stored as sent: a lone surrogate, a non-character, NUL. */
const unstorable = fc.constantFrom('\udc00', '\ud800', '\ufdd0', '\uffff', '\u{10FFFE}', '\u0000');

/** True when a JSON value holds such a character in any string or key (an independent check, not the server's). */
function holdsUnstorable(value: unknown): boolean {
  const bad =
    /[\ufdd0-\ufdef\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]/;
  const badText = (text: string) => text.includes('\u0000') || bad.test(text);
  if (typeof value === 'string') return badText(value);
  if (Array.isArray(value)) return value.some(holdsUnstorable);
  if (value && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => badText(k) || holdsUnstorable(v));
  return false;
}

const anyString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: nastyStrings },
  { weight: 1, arbitrary: fc.uuid() },
);

const anyNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, -1, 1, 2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53 + 2, 1e308, -1e308, 0.1, 1e-7),
);

/** Any JSON value at all, including deep, wide and odd ones. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: anyString },
  { weight: 2, arbitrary: anyNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.dictionary(anyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }) },
  { weight: 1, arbitrary: fc.array(anyString, { maxLength: 5 }) },
);

function typesOf(s: JsonSchema): string[] {
  return s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
}

/** Values near what the schema wants: right type with edge values, valid choices, or near misses. */
function guided(s: JsonSchema, ids: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<unknown> {
  const alts: fc.Arbitrary<unknown>[] = [];
  for (const sub of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])])
    alts.push(guided(sub, ids, depth + 1));
  if (s.enum?.length)
    alts.push(
      fc.constantFrom(...s.enum),
      fc.constantFrom(...s.enum).map((v) => `${String(v)} `),
    );
  if (s.const !== undefined) alts.push(fc.constant(s.const));
  for (const type of typesOf(s)) {
    switch (type) {
      case 'string': {
        const lengths = [s.minLength, s.maxLength].filter((n): n is number => n !== undefined);
        alts.push(anyString);
        for (const n of lengths)
          alts.push(fc.constantFrom(n - 1, n, n + 1).map((k) => '字'.repeat(Math.max(0, k))));
        if (s.pattern?.includes('[0-9a-f]') || s.format === 'uuid') alts.push(ids, fc.uuid());
        if (s.format === 'date-time') alts.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
        if (s.format === 'date' || s.pattern?.includes('\\d{4}'))
          alts.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
        break;
      }
      case 'integer':
      case 'number': {
        const bounds = [s.minimum, s.maximum, s.exclusiveMinimum, s.exclusiveMaximum].filter(
          (n): n is number => n !== undefined,
        );
        alts.push(anyNumber);
        for (const b of bounds) alts.push(fc.constantFrom(b - 1, b, b + 1, b + 0.5));
        break;
      }
      case 'boolean':
        alts.push(fc.boolean(), fc.constantFrom(0, 1, 'true'));
        break;
      case 'null':
        alts.push(fc.constant(null));
        break;
      case 'array':
        alts.push(fc.array(depth < 4 && s.items ? guided(s.items, ids, depth + 1) : junk, { maxLength: 4 }));
        break;
      case 'object':
        if (depth < 4) alts.push(guidedObject(s, ids, depth + 1));
        break;
      default:
        break;
    }
  }
  if (alts.length === 0) return junk;
  return fc.oneof({ weight: 6, arbitrary: fc.oneof(...alts) }, { weight: 1, arbitrary: junk });
}

/** An object with a random subset of the schema's fields, each near-valid, sometimes with an unknown one. */
function guidedObject(
  s: JsonSchema,
  ids: fc.Arbitrary<string>,
  depth = 0,
): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(props)) shape[k] = guided(v, ids, depth);
  const base = Object.keys(shape).length ? fc.record(shape, { requiredKeys: [] }) : fc.constant({});
  return fc
    .tuple(base, fc.option(fc.tuple(anyString, junk), { freq: 5 }))
    .map(([obj, extra]) => (extra ? { ...obj, [extra[0]]: extra[1] } : obj));
}

/** Fields whose valid values a JSON Schema cannot describe, recognised by name. */
function byName(key: string, s: JsonSchema): fc.Arbitrary<unknown> | undefined {
  const nullable = (a: fc.Arbitrary<unknown>) =>
    typesOf(s).includes('null') || s.anyOf?.some((x) => typesOf(x).includes('null'))
      ? fc.option(a, { nil: null })
      : a;
  if (/time_?zone/i.test(key))
    return nullable(fc.constantFrom('Asia/Shanghai', 'Asia/Urumqi', 'UTC', 'Europe/Berlin'));
  if (/phone|mobile/i.test(key)) return nullable(fc.stringMatching(/^1[3-9]\d{9}$/));
  if (/email/i.test(key)) return nullable(fc.emailAddress());
  if (/^lat(itude)?$/i.test(key)) return nullable(fc.double({ min: -90, max: 90, noNaN: true }));
  if (/^(lng|lon|longitude)$/i.test(key)) return nullable(fc.double({ min: -180, max: 180, noNaN: true }));
  if (/password/i.test(key)) return fc.constantFrom('Passw0rd!test', 'N3w-password!', 'short');
  return undefined;
}

/** Values the schema accepts (as far as JSON Schema tells), so requests reach the handlers. */
function valid(s: JsonSchema, ids: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<unknown> {
  const subs = [...(s.anyOf ?? []), ...(s.oneOf ?? [])];
  if (subs.length) return fc.oneof(...subs.map((sub) => valid(sub, ids, depth + 1)));
  if (s.allOf?.[0]) return valid(s.allOf[0], ids, depth + 1);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  if (s.const !== undefined) return fc.constant(s.const);
  const types = typesOf(s);
  if (types.length > 1) return fc.oneof(...types.map((type) => valid({ ...s, type }, ids, depth)));
  switch (types[0]) {
    case 'string': {
      const min = s.minLength ?? 1;
      const max = Math.min(s.maxLength ?? 30, Math.max(min, 30));
      const fits = (v: string) => v.length >= min && v.length <= (s.maxLength ?? Number.POSITIVE_INFINITY);
      if (s.format === 'date-time')
        return fc
          .date({
            min: new Date('2020-01-01T00:00:00Z'),
            max: new Date('2030-12-31T00:00:00Z'),
            noInvalidDate: true,
          })
          .map((d) => d.toISOString());
      if (s.format === 'date' || s.pattern?.includes('\\d{4}-'))
        return fc
          .date({
            min: new Date('2020-01-01T00:00:00Z'),
            max: new Date('2030-12-31T00:00:00Z'),
            noInvalidDate: true,
          })
          .map((d) => d.toISOString().slice(0, 10));
      if (s.format === 'email') return fc.emailAddress();
      if (s.format === 'uuid' || s.pattern?.includes('[0-9a-f]{8}'))
        return fc.oneof(ids, fc.uuid({ version: 7 }));
      if (s.pattern) {
        try {
          return fc.stringMatching(new RegExp(s.pattern)).filter(fits);
        } catch {
          // A pattern fast-check cannot generate from falls back to plain text.
        }
      }
      const text = fc
        .string({ unit: 'grapheme', minLength: min, maxLength: max })
        .filter((v) => fits(v) && v.trim().length > 0);
      // Now and then an otherwise valid text carries one character no database can keep as
      // sent, so such text reaches every field that would store it.
      return fc.oneof(
        { weight: 9, arbitrary: text },
        {
          weight: 1,
          arbitrary: fc
            .tuple(text, unstorable)
            .map(([v, bad]) => `${[...v].slice(0, -1).join('')}${bad}`)
            .filter(fits),
        },
      );
    }
    case 'integer':
      return fc.integer({
        min: s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -5),
        max: s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1000),
      });
    case 'number':
      return fc.double({
        min: s.minimum ?? -1000,
        max: s.maximum ?? 1000,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(s.items && depth < 4 ? valid(s.items, ids, depth + 1) : junk, {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)),
      });
    case 'object': {
      if (depth >= 4) return fc.constant({});
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(s.properties ?? {}))
        shape[k] = byName(k, v) ?? valid(v, ids, depth + 1);
      const required = (s.required ?? []).filter((k) => k in shape);
      return Object.keys(shape).length ? fc.record(shape, { requiredKeys: required }) : fc.constant({});
    }
    default:
      return junk;
  }
}

/** Characters that break storage, display or comparison when slipped into otherwise good text. */
const poison = fc.constantFrom(
  '\u0000',
  '\u0000',
  '\u0000',
  '\ud800',
  '\u202e',
  '\ufeff',
  '😀',
  '\n',
  "'",
  '%',
  '_',
  '\\',
);

/**
 * A valid object with one thing wrong: a field replaced by something hostile, a character
 * slipped into a text field, a required field left out, or an unknown field added.
 */
function mutated(s: JsonSchema, ids: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const keys = Object.keys(s.properties ?? {});
  return fc
    .tuple(valid(s, ids), fc.nat(), fc.nat(3), junk, poison, anyString)
    .map(([base, pick, how, hostile, char, name]) => {
      if (!base || typeof base !== 'object' || Array.isArray(base)) return base;
      const obj = { ...(base as Record<string, unknown>) };
      const key = keys.length ? keys[pick % keys.length]! : name;
      switch (how) {
        case 0:
          obj[key] = hostile;
          break;
        case 1: {
          const v = obj[key];
          obj[key] = typeof v === 'string' ? `${v.slice(0, 1)}${char}${v.slice(1)}` : char;
          break;
        }
        case 2:
          delete obj[key];
          break;
        default:
          obj[name] = hostile;
          break;
      }
      return obj;
    });
}

/** One generated request against one route. */
interface FuzzRequest {
  path: string;
  query: string;
  body?: { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; contentType: string };
}

/** Any generated value as text (objects with a null prototype have no String()). */
function asText(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined');
}

function encodeSegment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    // A lone surrogate cannot be percent-encoded; send its replacement like a browser would.
    return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'));
  }
}

const brokenJson = fc.constantFrom(
  '{',
  '{"a":',
  '[1,2',
  '{"a":1}}',
  "{'a':1}",
  'nul',
  '{"__proto__":{"x":1}}',
  '',
);

function requestArb(r: RouteDef, ids: fc.Arbitrary<string>): fc.Arbitrary<FuzzRequest> {
  const names = [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const paramSchema = schemaOf(r.params);
  const segment = (name: string) =>
    fc.oneof(
      { weight: 3, arbitrary: ids.map(encodeSegment) },
      {
        weight: 2,
        arbitrary: guided(paramSchema?.properties?.[name] ?? {}, ids).map((v) => encodeSegment(asText(v))),
      },
      { weight: 1, arbitrary: fc.constantFrom('%E0%A4%A', '%', '..', '%2F', 'a'.repeat(300), '%00') },
    );
  const path = fc.tuple(...names.map(segment)).map((values) => {
    let i = 0;
    return r.url.replace(/:(\w+)/g, () => values[i++] ?? 'x');
  });

  const querySchema = schemaOf(r.query);
  const queryObj = fc.oneof(
    { weight: 2, arbitrary: querySchema ? valid(querySchema, ids) : fc.constant({}) },
    { weight: 2, arbitrary: querySchema ? mutated(querySchema, ids) : fc.constant({}) },
    { weight: 2, arbitrary: querySchema ? guidedObject(querySchema, ids) : fc.constant({}) },
    { weight: 1, arbitrary: fc.dictionary(anyString, anyString, { maxKeys: 3 }) },
  );
  const query = fc.oneof(
    {
      weight: 6,
      arbitrary: queryObj.map((o) => {
        const usp = new URLSearchParams();
        for (const [k, v] of Object.entries(o && typeof o === 'object' ? o : {})) {
          if (Array.isArray(v)) for (const item of v) usp.append(k, asText(item));
          else usp.append(k, asText(v));
        }
        return usp.toString();
      }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%zz=1', 'a[b]=c&a[d]=e', 'limit=1&limit=2', '=', '&&&', 'offset=1e999'),
    },
  );

  const bodySchema = schemaOf(r.body);
  const json = fc.oneof(
    { weight: 3, arbitrary: bodySchema ? valid(bodySchema, ids) : junk },
    { weight: 5, arbitrary: bodySchema ? mutated(bodySchema, ids) : junk },
    { weight: 3, arbitrary: bodySchema ? guidedObject(bodySchema, ids) : junk },
    { weight: 2, arbitrary: junk },
    { weight: 1, arbitrary: fc.constant({ huge: OVER_LIMIT }) },
  );
  const body =
    r.method === 'GET'
      ? fc.constant(undefined)
      : fc.oneof(
          { weight: 8, arbitrary: json.map((value) => ({ kind: 'json' as const, value })) },
          {
            weight: 2,
            arbitrary: brokenJson.map((text) => ({
              kind: 'raw' as const,
              text,
              contentType: 'application/json',
            })),
          },
          {
            weight: 1,
            arbitrary: fc
              .tuple(
                fc.constantFrom(
                  'text/plain',
                  'application/xml',
                  'multipart/form-data; boundary=x',
                  'application/x-www-form-urlencoded',
                ),
                anyString,
              )
              .map(([contentType, text]) => ({ kind: 'raw' as const, text, contentType })),
          },
          { weight: 1, arbitrary: fc.constant(undefined) },
        );
  return fc
    .record({ path, query, body })
    .map(({ body: b, ...rest }) => (b === undefined ? rest : { ...rest, body: b }));
}

/** What the checks need from an answer. */
interface Answer {
  statusCode: number;
  body: string;
}

/**
 * Sends one generated request. A live stream (text/event-stream) never ends by itself: its
 * answer is read until the stream says it is ready, then the client hangs up.
 */
async function send(t: TestApp, r: RouteDef, req: FuzzRequest, as: Session | undefined): Promise<Answer> {
  const url = req.query ? `${req.path}?${req.query}` : req.path;
  const body = req.body
    ? {
        payload: req.body.kind === 'json' ? (JSON.stringify(req.body.value) ?? 'null') : req.body.text,
        headers: { 'content-type': req.body.kind === 'json' ? 'application/json' : req.body.contentType },
      }
    : {};
  if (r.produces !== 'text/event-stream') {
    const res = await t.request({ method: r.method, url, ...body, ...(as ? { as } : {}) });
    return { statusCode: res.statusCode, body: res.body };
  }
  const res = await t.request({
    method: r.method,
    url,
    ...body,
    ...(as ? { as } : {}),
    payloadAsStream: true,
  });
  let text = '';
  const stream = res.stream();
  for await (const chunk of stream) {
    text += String(chunk);
    if (res.statusCode < 300 && text.includes('event: ready')) {
      // Hang up the way a client does: the connection goes away and 'close' fires once.
      res.raw.res.destroy();
      stream.destroy();
      break;
    }
  }
  return { statusCode: res.statusCode, body: res.statusCode < 300 ? '' : text };
}

/** The property every answer must hold. */
function checkAnswer(r: RouteDef, req: FuzzRequest, res: Answer): void {
  const where = `${r.method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 400)}`;
  assert.ok(res.statusCode < 500, where);
  // Issue 10, defect 1: text the database would not keep as sent is refused, never stored.
  if (r.body && req.body?.kind === 'json' && holdsUnstorable(req.body.value))
    assert.ok(res.statusCode >= 400, `unstorable text was accepted: ${where}`);
  if (res.statusCode >= 400) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      assert.fail(`error answer is not JSON: ${where}`);
    }
    const body = parsed as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    assert.deepEqual(Object.keys(body), ['error'], where);
    assert.deepEqual(Object.keys(body.error ?? {}).sort(), ['code', 'details', 'message'], where);
    const e = body.error!;
    assert.equal(typeof e.code, 'string', where);
    assert.match(e.code as string, /^[a-z_]+$/, where);
    assert.equal(typeof e.message, 'string', where);
    assert.ok((e.message as string).length > 0, where);
    assert.doesNotMatch(e.message as string, /\{\w+\}/, `unfilled placeholder: ${where}`);
    assert.ok(Array.isArray(e.details), where);
    for (const d of e.details as { field?: unknown; message?: unknown }[]) {
      assert.equal(typeof d.field, 'string', where);
      assert.equal(typeof d.message, 'string', where);
      assert.ok((d.message as string).length > 0, where);
    }
    assert.notEqual(e.code, 'internal', where);
    return;
  }
  // A success must be what the route's response schema (and so the OpenAPI document) promises.
  // An empty, `.` or `..` segment can land on a sibling route (`/x/` is the list `/x`).
  const sameRoute = !/\/\/|\/$|\/\.\.?(\/|$)/.test(req.path);
  if (sameRoute && r.response && !r.produces && res.statusCode !== 204) {
    const parsed = r.response.safeParse(JSON.parse(res.body));
    assert.ok(parsed.success, `response does not match its schema: ${where}\n${parsed.error?.message ?? ''}`);
  }
}

for (const kind of testDatabases) {
  describe(`fuzz: every route answers bad input with 4xx in the error shape (${kind})`, () => {
    let t: TestApp;
    let admin: Session;
    let engineer: Session;
    let ids: fc.Arbitrary<string>;
    before(async () => {
      t = await startTestApp(kind);
      // An administrator who also holds every internal role, so no route stops at 403.
      const adminCookie = await t.personWith(ROLES.filter((role) => !CUSTOMER_ROLES.includes(role)));
      // The administrator calls with an API token, so a fuzzed logout cannot end the run's session.
      const { token } = await createApiToken(
        t.ctx,
        { system: 'fuzz' },
        { personId: adminCookie.personId, name: 'fuzz' },
      );
      admin = { bearer: token, personId: adminCookie.personId };
      engineer = await t.personWith(['engineer']);
      // Real ids let generated requests reach past "not found" into the handlers; none of them
      // is the administrator's own, so a fuzzed change cannot lock the run out.
      const victim = await t.personWith(['dispatcher']);
      const province = await createRegion(
        t.ctx,
        { system: 'fuzz' },
        { code: 'FZP', name: '模糊省', level: 'province' },
      );
      const city = await createRegion(
        t.ctx,
        { system: 'fuzz' },
        { code: 'FZC', name: '模糊市', level: 'prefecture', parentId: province.id },
      );
      ids = fc.constantFrom(victim.personId, province.id, city.id, engineer.personId);
    });
    after(() => t.close());

    test('the route list is not empty and every route is fuzzed below', () => {
      assert.ok(apiRoutes.length > 0);
    });

    for (const r of apiRoutes) {
      test(`${r.method} ${r.url}`, async () => {
        const callers: [string, Session | undefined, number][] = [
          ['administrator', admin, RUNS],
          ['anonymous', undefined, r.auth === 'public' ? RUNS : Math.ceil(RUNS / 4)],
          ['engineer', engineer, Math.ceil(RUNS / 5)],
        ];
        const stats = new Map<string, number>();
        for (const [who, as, numRuns] of callers) {
          await fc
            .assert(
              fc.asyncProperty(requestArb(r, ids), async (req) => {
                const res = await send(t, r, req, as);
                if (STATS) {
                  const key = `${who} ${res.statusCode}`;
                  stats.set(key, (stats.get(key) ?? 0) + 1);
                  if (STATS_SAMPLES && res.statusCode >= 400 && res.statusCode !== 401)
                    console.log(`  ${key} ${req.path}?${req.query.slice(0, 80)} ${res.body.slice(0, 240)}`);
                }
                checkAnswer(r, req, res);
              }),
              // No shrinking: it can take thousands of runs on large inputs; the seed replays the failure.
              {
                numRuns,
                endOnFailure: true,
                includeErrorInReport: true,
                ...(SEED !== undefined ? { seed: SEED } : {}),
              },
            )
            .catch((err: unknown) => {
              throw new Error(`as ${who}: ${(err as Error).message}`);
            });
        }
        if (STATS) console.log(`${r.method} ${r.url}: ${[...stats].map(([k, n]) => `${k}×${n}`).join(', ')}`);
      });
    }

    test('after every route was fuzzed (lone surrogates, non-characters, NUL included) the history chain verifies', async () => {
      const result = await verifyHistory(t.ctx);
      assert.equal(result.firstBad, undefined, JSON.stringify(result.firstBad));
      assert.ok(result.ok && result.checked > 0);
    });
  });
}
