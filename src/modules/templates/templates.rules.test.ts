import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STANDARD_TEMPLATES } from './templates.defaults.ts';
import { NOTICE_NEEDS, NOTICE_TEMPLATES } from './templates.notices.ts';
import {
  bodyProblems,
  droppedNeeds,
  placeholders,
  render,
  sampleValues,
  smsSegments,
  VARIABLES,
} from './templates.rules.ts';

test('CW-3 placeholders and body problems: unknown, undeclared, stray braces', () => {
  assert.deepEqual(placeholders('{customerName}您好，{orderNumber}，{customerName}'), [
    'customerName',
    'orderNumber',
  ]);
  assert.deepEqual(bodyProblems('{customerName}您好', ['customerName']), []);
  assert.deepEqual(bodyProblems('{coupon}', []), [{ kind: 'unknown_variable', name: 'coupon' }]);
  assert.deepEqual(bodyProblems('{orderNumber}', ['customerName']), [
    { kind: 'undeclared_variable', name: 'orderNumber' },
  ]);
  assert.deepEqual(bodyProblems('您好 {customerName', ['customerName']), [{ kind: 'stray_brace', name: '' }]);
});

test('CW-3 render: every placeholder needs a value; unknown or malformed values are refused', () => {
  const vars = ['customerName', 'engineerPhone'];
  assert.deepEqual(
    render('{customerName}，电话{engineerPhone}', vars, {
      customerName: '王先生',
      engineerPhone: '13800000000',
    }),
    {
      ok: true,
      text: '王先生，电话13800000000',
    },
  );
  assert.deepEqual(render('{customerName}', vars, {}), {
    ok: false,
    missing: ['customerName'],
    unknown: [],
    invalid: [],
  });
  assert.deepEqual(render('{customerName}', vars, { customerName: ' ' }), {
    ok: false,
    missing: ['customerName'],
    unknown: [],
    invalid: [],
  });
  assert.deepEqual(render('{customerName}', vars, { customerName: 'a', coupon: 'x' }), {
    ok: false,
    missing: [],
    unknown: ['coupon'],
    invalid: [],
  });
  assert.deepEqual(render('{customerName}', vars, { customerName: 'a', engineerPhone: 'call me' }), {
    ok: false,
    missing: [],
    unknown: [],
    invalid: ['engineerPhone'],
  });
  assert.deepEqual(sampleValues(vars, 'zh-CN'), { customerName: '王先生', engineerPhone: '13800000000' });
});

test('CW-3 SMS segments: 70 Chinese characters in one, 67 per part beyond; 160 / 153 for plain text', () => {
  assert.deepEqual(smsSegments('好'.repeat(70)), { segments: 1, perSegment: 70, length: 70 });
  assert.deepEqual(smsSegments('好'.repeat(71)), { segments: 2, perSegment: 67, length: 71 });
  assert.deepEqual(smsSegments('好'.repeat(135)), { segments: 3, perSegment: 67, length: 135 });
  assert.deepEqual(smsSegments('a'.repeat(160)), { segments: 1, perSegment: 160, length: 160 });
  assert.deepEqual(smsSegments('a'.repeat(161)), { segments: 2, perSegment: 153, length: 161 });
  assert.equal(smsSegments('').segments, 0);
});

test('CW-3 a system notice’s template keeps every value the notice fills, declared and in both bodies', () => {
  const needs = ['orderNumber', 'engineerName'];
  const both = ['工单 {orderNumber}，工程师 {engineerName}', 'Order {orderNumber}, engineer {engineerName}'];
  const cases: Array<[string, string[], string[], string[]]> = [
    ['all kept', ['orderNumber', 'engineerName'], both, []],
    ['undeclared', ['orderNumber'], both, ['engineerName']],
    ['left out of the English body', needs, [both[0]!, 'Order {orderNumber}'], ['engineerName']],
    ['left out of both', needs, ['您好', 'Hello'], ['orderNumber', 'engineerName']],
  ];
  for (const [name, declared, bodies, dropped] of cases)
    assert.deepEqual(droppedNeeds(needs, declared, bodies), dropped, name);
  // The seeded notice templates satisfy their own needs, with variables the catalogue knows.
  const seeds = [...STANDARD_TEMPLATES, ...NOTICE_TEMPLATES];
  for (const code of Object.keys(NOTICE_NEEDS))
    assert.ok(
      seeds.some((t) => t.code === code),
      code,
    );
  for (const t of seeds.filter((x) => NOTICE_NEEDS[x.code])) {
    assert.deepEqual(
      droppedNeeds(NOTICE_NEEDS[t.code]!, t.variables, [t.body['zh-CN'], t.body.en]),
      [],
      t.code,
    );
    for (const v of t.variables) assert.ok(VARIABLES[v], `${t.code}: ${v}`);
  }
});
