import assert from 'node:assert/strict';
import { test } from 'node:test';
import PDFDocument from 'pdfkit';
import { signaturePng } from '../attachments/attachments.fixtures.ts';
import { FONT_NAMES } from './reports.font.ts';
import { type ReportData, renderReportPdf } from './reports.pdf.ts';
import { inspectPdf } from './reports.pdf-inspect.ts';
import { duration, formatLocal, requiredReport } from './reports.rules.ts';

const base: ReportData = {
  type: 'field_service',
  organisation: '代维甲 · Onsite 现场服务',
  orderNumber: 'WO-20261102-0042',
  timeZone: 'Asia/Shanghai',
  generatedAt: '2026-11-02T08:00:00.000Z',
  facts: [
    { label: { 'zh-CN': '客户', en: 'Customer' }, value: '某运营商贵阳分公司' },
    { label: { 'zh-CN': '站点', en: 'Site' }, value: '南明汇聚机房' },
    { label: { 'zh-CN': '产品', en: 'Product' }, value: 'MA5800' },
  ],
  times: {
    received: '2026-11-02T01:00:00.000Z',
    arrived: '2026-11-02T02:10:00.000Z',
    restored: '2026-11-02T03:00:00.000Z',
    resolved: '2026-11-02T06:30:00.000Z',
  },
  symptom: 'OLT 上联口频繁闪断，部分用户掉线',
  cause: '光模块老化',
  workDone: '更换上联光模块，测试收光 -12dBm，业务恢复正常。',
  partsUsed: [{ name: '光模块 10G SFP+', code: 'SFP-10G-LR', quantity: 1, faultyPartCode: 'BAD-2026-001' }],
  visits: [
    { engineer: '近工程师', checkIn: '2026-11-02T02:10:00.000Z', checkOut: '2026-11-02T06:40:00.000Z' },
  ],
  leftovers: null,
  signatures: [
    {
      role: { 'zh-CN': '工程师', en: 'Engineer' },
      name: '近工程师',
      image: signaturePng(240, 80, 1),
      at: '2026-11-02T06:35:00.000Z',
    },
    {
      role: { 'zh-CN': '客户签字确认', en: 'Customer sign-off' },
      name: '刘工',
      image: signaturePng(240, 80, 2),
      at: '2026-11-02T06:36:00.000Z',
      opinion: '处理及时，满意',
    },
  ],
  satisfaction: { score: 5 },
};

test('WO-9 a field report embeds the CJK font (subset, FontFile2, ToUnicode) and its Chinese text reads back', async () => {
  const pdf = await renderReportPdf(base);
  const c = inspectPdf(pdf);
  const regular = c.fonts.find((f) => f.baseFont.endsWith(`+${FONT_NAMES.regular}`));
  assert.ok(regular, `fonts: ${c.fonts.map((f) => f.baseFont).join(', ')}`);
  assert.match(regular.baseFont, /^[A-Z]{6}\+NotoSansSC-Regular$/, 'a subset tag marks the embedded subset');
  assert.equal(regular.fontFile, 'FontFile2');
  assert.ok(
    regular.fontFileBytes > 1000 && regular.fontFileBytes < 200_000,
    `subset of ${regular.fontFileBytes} bytes`,
  );
  assert.ok(regular.hasToUnicode);
  assert.ok(
    c.fonts.every((f) => f.fontFile !== null),
    'no font is referenced without being embedded',
  );
  for (const text of [
    '现场技术服务报告',
    'Field technical-service report',
    '某运营商贵阳分公司',
    'OLT 上联口频繁闪断，部分用户掉线',
    '更换上联光模块',
    'BAD-2026-001',
    '2026-11-02 11:00',
    '恢复历时',
    '处理及时，满意',
    '5 / 5',
  ]) {
    assert.ok(c.text.replace(/\n/g, '').includes(text), `the PDF text contains “${text}”`);
  }
  assert.equal(c.images, 2, 'both signature images are embedded');
  assert.ok(pdf.length < 150_000, `report is ${pdf.length} bytes`);
});

test('the check fails when the font or the text is missing (a PDF in a standard font, or other words)', async () => {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((r) => doc.on('end', () => r(Buffer.concat(chunks))));
  doc.font('Helvetica').text('Field technical-service report');
  doc.end();
  const c = inspectPdf(await done);
  assert.equal(c.fonts.length, 0, 'a standard-14 font is not an embedded Type0 font');
  assert.ok(!c.text.includes('现场技术服务报告'));
  const other = inspectPdf(await renderReportPdf({ ...base, type: 'inspection_summary', inspection: [] }));
  assert.ok(!other.text.includes('现场技术服务报告'));
  assert.ok(other.text.includes('巡检总结报告'));
});

test('WO-9 upgrade and inspection summaries carry their own sections; long content flows onto more pages', async () => {
  const upgrade = inspectPdf(
    await renderReportPdf({
      ...base,
      type: 'upgrade_summary',
      upgrade: {
        fromVersion: 'V100R019C10',
        toVersion: 'V100R021C00',
        verification: '拨测 20 次全部成功，告警无新增',
      },
    }),
  );
  for (const s of ['版本升级总结报告', 'V100R019C10', 'V100R021C00', '拨测 20 次全部成功'])
    assert.ok(upgrade.text.includes(s), s);
  const items = Array.from({ length: 60 }, (_, i) => ({
    item: `检查项 ${i + 1}：风扇与电源`,
    result: '正常',
    note: null,
  }));
  const inspection = inspectPdf(
    await renderReportPdf({ ...base, type: 'inspection_summary', inspection: items }),
  );
  assert.ok(inspection.pages >= 2, `pages: ${inspection.pages}`);
  assert.ok(inspection.text.includes('检查项 60：风扇与电源'));
  const refused = inspectPdf(
    await renderReportPdf({ ...base, satisfaction: { refused: '客户表示不参与评价' } }),
  );
  assert.ok(refused.text.includes('客户拒绝评价'));
  assert.ok(refused.text.includes('客户表示不参与评价'));
});

test('report rules: the report each type needs, local times and durations', () => {
  assert.equal(requiredReport('fault_repair'), 'field_service');
  assert.equal(requiredReport('version_upgrade'), 'upgrade_summary');
  assert.equal(requiredReport('inspection'), 'inspection_summary');
  assert.equal(requiredReport('consultation'), null);
  assert.equal(formatLocal('2026-11-02T16:30:00.000Z', 'Asia/Shanghai'), '2026-11-03 00:30');
  assert.equal(formatLocal(null, 'Asia/Shanghai'), '—');
  assert.deepEqual(duration('2026-11-02T01:00:00.000Z', '2026-11-02T03:05:00.000Z'), {
    'zh-CN': '2小时5分',
    en: '2h 5m',
  });
});

test('WO-9 a long work log: the signature block moves whole, and no page is left holding only the caption', async () => {
  const footer = (t: string) => t.replace(/生成时间 Generated[^\n]*/g, '').replace(/\s+/g, '');
  const day = (i: number) =>
    `第 ${i + 1} 天 近工程师：检查上联光路、更换光模块并测试收光，记录告警与处理结果。`;
  const logs = [
    // Daily logs of growing length, so the signatures land at every height of the page.
    ...Array.from({ length: 16 }, (_, k) => Array.from({ length: 6 + k * 4 }, (_, i) => day(i)).join('\n')),
    // One paragraph longer than a page, with no line breaks to split at.
    Array.from({ length: 90 }, (_, i) => day(i)).join(''),
  ];
  for (const workDone of logs) {
    const c = inspectPdf(await renderReportPdf({ ...base, workDone }));
    const lines = workDone.split('\n');
    // Cut across pages, not a character of the log is lost.
    assert.ok(
      c.text.replace(/\s/g, '').includes(workDone.replace(/\s/g, '')),
      `the whole log (${lines.length} lines)`,
    );
    for (const [i, p] of c.pageTexts.entries())
      assert.ok(
        footer(p).length > 0,
        `page ${i + 1} of ${c.pages} holds only the caption (${lines.length} lines)`,
      );
    const signed = c.pageTexts.findIndex((p) => /签字确认\s*Signatures/.test(p));
    assert.equal(signed, c.pages - 1, `the signatures are on the last page (${lines.length} lines)`);
    const last = c.pageTexts[signed]!.replace(/\s/g, '');
    for (const s of ['工程师 Engineer', '客户签字确认', '刘工', '处理及时，满意', '生成时间 Generated'])
      assert.ok(
        last.includes(s.replace(/\s/g, '')),
        `${s} stays with the signatures (${lines.length} lines, ${c.pages} pages)`,
      );
  }
});
