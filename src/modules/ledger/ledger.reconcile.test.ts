import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { records } from './ledger.read.ts';
import { reconcile } from './ledger.reconcile.ts';
import type { LineFacts } from './ledger.rules.ts';

const HEADER = '电路编号,业务类型,区县,客户名称,装机地址,带宽,状态';
const line = (no: string, extra: Partial<LineFacts> = {}): LineFacts => ({
  lineNo: no,
  kind: 'home',
  regionName: '南明区',
  customerName: `用户${no}`,
  address: '南明区某路 1 号',
  bandwidth: '300M',
  status: '在用',
  ...extra,
});
const csvOf = (rows: string[]) => [HEADER, ...rows].join('\r\n');

async function* from<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

async function run(ledger: LineFacts[], bytes: Buffer) {
  return reconcile({
    ledger: from([ledger]),
    eoms: records(Readable.from([bytes.subarray(0, 7), bytes.subarray(7)]), 'csv'),
    ledgerLines: async (nos) => ledger.filter((l) => nos.includes(l.lineNo)),
  });
}

const ledger = [line('GY001'), line('GY002', { bandwidth: '100M' }), line('GY003')];
const rows = [
  'GY001,家庭宽带,南明区,用户GY001,南明区某路 1 号,300M,在用',
  'GY002,家庭宽带,南明区,用户GY002,南明区某路 1 号,300M,在用',
  'GY004,集团专线,南明区,"某公司,贵阳分公司",南明区某路 1 号,100M,在用',
  ',家庭宽带,南明区,x,y,1M,在用',
  'GY005,卫星,南明区,x,y,1M,在用',
  'GY001,家庭宽带,南明区,用户GY001,南明区某路 1 号,300M,在用',
];

test('RS-7 reconcile: only in EOMS, only in the ledger, field differences; rejected rows by row number', async () => {
  for (const bytes of [
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvOf(rows), 'utf8')]),
    Buffer.from(new TextEncoder().encode(csvOf(rows))),
  ]) {
    const r = await run(ledger, bytes);
    assert.equal(r.rowsRead, 6);
    assert.deepEqual(
      r.differences
        .map((d) => `${d.kind}:${d.lineNo}:${d.field}:${d.eomsValue ?? ''}/${d.ledgerValue ?? ''}`)
        .sort(),
      ['field:GY002:bandwidth:300M/100M', 'only_eoms:GY004::/', 'only_ledger:GY003::/'],
    );
    assert.deepEqual(
      r.rejected.map((x) => [x.rowNo, x.problems[0]?.field]),
      [
        [5, '电路编号'],
        [6, '业务类型'],
        [7, '电路编号'],
      ],
    );
  }
});

test('RS-7 an export in GBK reads the same as UTF-8 (quoted comma kept)', async () => {
  const gbk = Buffer.from(
    // 中 in GBK is D6 D0: the helper below encodes the few characters the test needs.
    encodeGbk(csvOf(rows.slice(0, 3))),
  );
  const r = await run(ledger, gbk);
  assert.equal(r.rejected.length, 0);
  assert.equal(r.differences.length, 3);
  const all: string[][] = [];
  for await (const rec of records(Readable.from([gbk]), 'csv')) all.push(rec);
  assert.equal(all[3]?.[3], '某公司,贵阳分公司');
});

test('RS-7 missing headers refuse the file and name them', async () => {
  const r = await run(ledger, Buffer.from('电路编号,客户名称\r\nGY001,x'));
  assert.equal(r.rowsRead, 0);
  assert.ok(r.rejected[0]?.problems.some((p) => p.message['zh-CN'].includes('业务类型')));
});

/** GBK encoding through the platform decoder: each character's bytes are found by search once. */
function encodeGbk(text: string): Buffer {
  const dec = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) out.push(code);
    else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return Buffer.from(out);
}
