/** VA-2: the assessment PDF draws its ranking bars and trend lines as vectors, to scale. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { inspectPdf } from '../reports/reports.pdf-inspect.ts';
import { twelveMonths } from './assessment.export.ts';
import { type AssessmentPdfData, formatValue, renderAssessmentPdf } from './assessment.pdf.ts';
import { INDICATORS } from './assessment.rules.ts';

/** The decoded drawing operators of every page. */
function drawing(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  const re = /<<([\s\S]*?)>>\s*stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const len = Number(/\/Length (\d+)/.exec(m[1]!)?.[1] ?? 0);
    const raw = pdf.subarray(m.index + m[0].length, m.index + m[0].length + len);
    if (/\/FlateDecode/.test(m[1]!) && !/\/Subtype|\/Length1/.test(m[1]!)) {
      try {
        out.push(inflateSync(raw).toString('latin1'));
      } catch {
        // Not a page stream.
      }
    }
  }
  return out.join('\n');
}

const score = (partnerId: string, partnerName: string, s: number | null, rank: number | null) => ({
  partnerId,
  partnerName,
  score: s,
  rank,
  items: [],
  violations: 0,
  penalty: 0,
});

const data: AssessmentPdfData = {
  month: '2026-10',
  revision: 2,
  generatedAt: '2026-11-02T02:00:00.000Z',
  rows: [score('a', '黔东代维', 80, 1), score('b', '黔南代维', 40, 2)],
  partners: [
    {
      partnerId: 'a',
      partnerName: '黔东代维',
      orders: 10,
      indicators: {
        respond_time: { value: 30, p90: 82, sample: 4, available: true },
        inspection_completion: { value: null, sample: 0, available: false },
      },
    },
  ],
  trend: {
    months: twelveMonths('2026-10'),
    lines: [
      { partnerName: '黔东代维', scores: [70, 72, null, 75, 76, 78, 80, 79, 81, 82, 80, 80] },
      { partnerName: '黔南代维', scores: Array(12).fill(40) },
    ],
  },
};

test('VA-2: ranking bars are rectangles whose lengths are in the ratio of the scores', async () => {
  const pdf = await renderAssessmentPdf(data, 'zh-CN');
  const ops = drawing(pdf);
  const rects = [...ops.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) 14 re/g)].map((m) => Number(m[3]));
  assert.equal(rects.length, 2, ops.slice(0, 500));
  assert.ok(Math.abs(rects[0]! / rects[1]! - 2) < 0.01, `bars ${rects.join(', ')}`);
  // Trend: the first line is broken at its missing month, so it starts twice (two `m` moves
  // followed by line segments); the second line is one polyline of eleven segments.
  const segments = ops.match(/[\d.]+ [\d.]+ l\n/g) ?? [];
  // Grid: five horizontal lines; first trend line: 1 + 8 segments; second: 11.
  assert.ok(segments.length >= 5 + 9 + 11, `${segments.length} line segments`);
  const c = inspectPdf(pdf);
  const text = c.text.replace(/\s+/g, '');
  assert.ok(text.includes('代维考核报告2026-10'));
  assert.ok(text.includes('已关账，第2版。'));
  assert.ok(text.includes('30分钟(P9082分钟)'), c.text);
  assert.ok(text.includes('巡检完成率无数据'), 'an indicator without a source says "no data", never 0');
  assert.equal(c.images, 0);
});

test('VA-2: months of the trend run back twelve months across the year end; values print with units', () => {
  assert.deepEqual(twelveMonths('2026-02'), [
    '2025-03',
    '2025-04',
    '2025-05',
    '2025-06',
    '2025-07',
    '2025-08',
    '2025-09',
    '2025-10',
    '2025-11',
    '2025-12',
    '2026-01',
    '2026-02',
  ]);
  const respond = INDICATORS.find((d) => d.key === 'respond_time')!;
  assert.equal(
    formatValue(respond, { value: 30, p90: 82, sample: 4, available: true }, 'en'),
    '30 min (P90 82 min)',
  );
  assert.equal(formatValue(respond, { value: null, p90: null, sample: 0, available: true }, 'en'), '—');
  assert.equal(formatValue(respond, undefined, 'zh-CN'), '无数据');
});
