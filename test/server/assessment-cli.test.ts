/** VA-2: `onsite report assessment` writes the month's xlsx or PDF, the same files as the page. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { inspectPdf } from '../../src/modules/reports/reports.pdf-inspect.ts';
import { runCli, tempDir } from './cli-helpers.ts';

describe('onsite report assessment', () => {
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;

  before(async () => {
    tmp = tempDir('onsite-cli-assessment-');
    env = { DATABASE_URL: `sqlite:${path.join(tmp.dir, 'onsite.db')}` };
    const m = await runCli(['migrate'], env);
    assert.equal(m.code, 0, m.stderr);
  });
  after(() => tmp.cleanup());

  test('--format pdf writes a PDF with the Chinese title and the charts’ headings', async () => {
    const out = path.join(tmp.dir, 'oct.pdf');
    const r = await runCli(
      ['report', 'assessment', '--month', '2026-10', '--format', 'pdf', '--out', out],
      env,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /oct\.pdf/);
    const c = inspectPdf(readFileSync(out));
    const text = c.text.replace(/\s+/g, '');
    for (const s of ['代维考核报告2026-10', '本月尚未关账', '十二个月得分趋势', '各项指标'])
      assert.ok(text.includes(s), `${s} in ${c.text}`);
  });

  test('--format xlsx writes a workbook exceljs opens; English with --lang en', async () => {
    const out = path.join(tmp.dir, 'oct.xlsx');
    const r = await runCli(
      ['report', 'assessment', '--month', '2026-10', '--format', 'xlsx', '--out', out, '--lang', 'en'],
      env,
    );
    assert.equal(r.code, 0, r.stderr);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    assert.equal(wb.worksheets[0]!.name, 'Scorecard 2026-10');
    assert.deepEqual((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1), [
      'Partner',
      'Score',
      'Rank',
      'Penalty',
    ]);
  });

  test('a bad month or format is a usage error naming the option, exit code 2', async () => {
    const month = await runCli(['report', 'assessment', '--month', '2026-13', '--format', 'pdf'], env);
    assert.equal(month.code, 2);
    assert.match(month.stderr, /--month/);
    const format = await runCli(['report', 'assessment', '--month', '2026-10', '--format', 'docx'], env);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format must be xlsx or pdf/);
  });
});
