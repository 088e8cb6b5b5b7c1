/**
 * VA-2: a month's assessment as a PDF, Chinese first: the scorecard table, the ranking as
 * horizontal bars, the score trend over twelve months as lines, then every indicator per partner.
 * Charts are vector drawings (no images), text is set in the embedded Noto Sans SC subset.
 */
import type { Locale } from '../../shared/i18n.ts';
import { openReportDocument } from '../reports/reports.font.ts';
import { INDICATORS, type IndicatorDefinition } from './assessment.rules.ts';
import type { ScoreRow } from './assessment.scorecards.ts';
import type { PartnerIndicators } from './assessment.service.ts';

/** One partner's score per month, oldest first (null: no score that month). */
export interface TrendLine {
  partnerName: string;
  scores: (number | null)[];
}

export interface AssessmentPdfData {
  month: string;
  revision: number | null;
  generatedAt: string;
  rows: ScoreRow[];
  partners: PartnerIndicators[];
  trend: { months: string[]; lines: TrendLine[] };
}

const MARGIN = 48;
const COLOURS = ['#1677ff', '#fa8c16', '#52c41a', '#eb2f96', '#722ed1', '#13c2c2', '#8c8c8c'];

const UNIT: Record<string, { 'zh-CN': string; en: string }> = {
  percent: { 'zh-CN': '%', en: '%' },
  minutes: { 'zh-CN': ' 分钟', en: ' min' },
  hours: { 'zh-CN': ' 小时', en: ' h' },
};

/** An indicator's value as printed: "no data" spelled out, times with their 90th percentile. */
export function formatValue(
  def: IndicatorDefinition,
  v: PartnerIndicators['indicators'][string] | undefined,
  locale: Locale,
): string {
  if (!v?.available) return locale === 'en' ? 'no data' : '无数据';
  if (v.value === null) return '—';
  const unit = UNIT[def.unit]?.[locale] ?? '';
  const p90 = v.p90 !== undefined && v.p90 !== null ? ` (P90 ${v.p90}${unit})` : '';
  return `${v.value}${unit}${p90}`;
}

export function renderAssessmentPdf(data: AssessmentPdfData, locale: Locale): Promise<Buffer> {
  const en = locale === 'en';
  const t = (zh: string, english: string) => (en ? english : zh);
  const { doc, done } = openReportDocument(MARGIN, {
    Title: `代维考核 ${data.month}`,
    Subject: `Vendor assessment ${data.month}`,
    CreationDate: new Date(data.generatedAt),
  });
  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  let y = MARGIN;
  const ensure = (h: number) => {
    if (y + h > doc.page.height - MARGIN) {
      doc.addPage();
      y = MARGIN;
    }
  };
  const heading = (text: string) => {
    ensure(40);
    y += 8;
    doc.font('cjk-bold').fontSize(13).fillColor('#000').text(text, left, y, { width });
    y += 22;
  };
  const own = t('自有人员', 'Own staff');

  doc
    .font('cjk-bold')
    .fontSize(18)
    .text(t(`代维考核报告 ${data.month}`, `Vendor assessment ${data.month}`), left, y);
  y += 28;
  const status =
    data.revision === null
      ? t('本月尚未关账，数字为实时计算。', 'The month is open; the figures are computed live.')
      : t(`已关账，第 ${data.revision} 版。`, `Closed, revision ${data.revision}.`);
  doc.font('cjk').fontSize(10).fillColor('#555').text(status, left, y);
  y += 20;

  heading(t('排名', 'Ranking'));
  const cols = [50, 230, 100, 100];
  const head = [t('排名', 'Rank'), t('代维单位', 'Partner'), t('得分', 'Score'), t('扣分', 'Penalty')];
  const row = (cells: string[], bold = false) => {
    ensure(18);
    let x = left;
    doc
      .font(bold ? 'cjk-bold' : 'cjk')
      .fontSize(10)
      .fillColor('#000');
    cells.forEach((c, i) => {
      doc.text(c, x + 2, y + 3, { width: cols[i]! - 4, lineBreak: false, ellipsis: true });
      x += cols[i]!;
    });
    y += 18;
    doc
      .moveTo(left, y)
      .lineTo(left + cols.reduce((a, b) => a + b, 0), y)
      .lineWidth(0.4)
      .strokeColor('#ccc')
      .stroke();
  };
  row(head, true);
  for (const r of data.rows)
    row([String(r.rank ?? '—'), r.partnerName ?? r.partnerId, String(r.score ?? '—'), String(r.penalty)]);
  if (data.rows.length === 0) row([t('本月没有代维单位的工单。', 'No partner had orders this month.')]);

  // Ranking bars: the length is the score out of 100.
  const scored = data.rows.filter((r) => r.score !== null);
  if (scored.length) {
    y += 10;
    const labelW = 120;
    const barW = width - labelW - 40;
    ensure(scored.length * 20 + 10);
    scored.forEach((r, i) => {
      doc.font('cjk').fontSize(9).fillColor('#000');
      doc.text(r.partnerName ?? r.partnerId, left, y + 4, {
        width: labelW - 6,
        lineBreak: false,
        ellipsis: true,
      });
      const w = (barW * Math.max(0, r.score!)) / 100;
      doc.rect(left + labelW, y + 2, w, 14).fill(COLOURS[i % COLOURS.length]!);
      doc.fillColor('#000').text(String(r.score), left + labelW + w + 4, y + 4, { lineBreak: false });
      y += 20;
    });
  }

  heading(t('十二个月得分趋势', 'Score trend over twelve months'));
  drawTrend(doc, data.trend, left, y, width, 180, own);
  y += 180 + 14 + Math.ceil(data.trend.lines.length / 3) * 14;

  heading(t('各项指标', 'Indicators'));
  const partners = data.partners;
  // Four partners per table keep the columns readable on A4.
  for (let start = 0; start < Math.max(1, partners.length); start += 4) {
    const group = partners.slice(start, start + 4);
    const nameW = 150;
    const colW = (width - nameW) / Math.max(1, group.length);
    const line = (cells: string[], bold: boolean) => {
      const h = 24;
      ensure(h);
      doc
        .font(bold ? 'cjk-bold' : 'cjk')
        .fontSize(8.5)
        .fillColor('#000');
      cells.forEach((c, i) => {
        const x = i === 0 ? left : left + nameW + (i - 1) * colW;
        doc.text(c, x + 2, y + 3, { width: (i === 0 ? nameW : colW) - 4, height: h - 4, ellipsis: true });
      });
      y += h;
      doc
        .moveTo(left, y)
        .lineTo(left + width, y)
        .lineWidth(0.3)
        .strokeColor('#ddd')
        .stroke();
    };
    line([t('指标', 'Indicator'), ...group.map((p) => p.partnerName ?? own)], true);
    for (const def of INDICATORS)
      line([def.name[locale], ...group.map((p) => formatValue(def, p.indicators[def.key], locale))], false);
    y += 10;
  }
  doc
    .font('cjk')
    .fontSize(8)
    .fillColor('#888')
    .text(
      t(`生成于 ${data.generatedAt}`, `Generated ${data.generatedAt}`),
      left,
      doc.page.height - MARGIN - 10,
      {
        lineBreak: false,
      },
    );
  doc.end();
  return done;
}

/** Axes 0–100, one polyline per partner over the months, a legend under the chart. */
function drawTrend(
  doc: PDFKit.PDFDocument,
  trend: AssessmentPdfData['trend'],
  left: number,
  top: number,
  width: number,
  height: number,
  own: string,
) {
  const axisX = left + 28;
  const plotW = width - 36;
  const step = trend.months.length > 1 ? plotW / (trend.months.length - 1) : 0;
  const yOf = (score: number) => top + height - 20 - ((height - 30) * score) / 100;
  doc.lineWidth(0.4).strokeColor('#bbb');
  for (const s of [0, 25, 50, 75, 100]) {
    doc
      .moveTo(axisX, yOf(s))
      .lineTo(axisX + plotW, yOf(s))
      .stroke();
    doc
      .font('cjk')
      .fontSize(7)
      .fillColor('#666')
      .text(String(s), left, yOf(s) - 4, { width: 24, align: 'right' });
  }
  trend.months.forEach((m, i) => {
    doc.text(m.slice(2), axisX + i * step - 14, top + height - 14, {
      width: 28,
      align: 'center',
      lineBreak: false,
    });
  });
  trend.lines.forEach((line, li) => {
    const colour = COLOURS[li % COLOURS.length]!;
    doc.lineWidth(1.5).strokeColor(colour).fillColor(colour);
    let drawing = false;
    line.scores.forEach((s, i) => {
      if (s === null) {
        drawing = false;
        return;
      }
      const x = axisX + i * step;
      if (drawing) doc.lineTo(x, yOf(s));
      else doc.moveTo(x, yOf(s));
      drawing = true;
    });
    doc.stroke();
    line.scores.forEach((s, i) => {
      if (s !== null) doc.circle(axisX + i * step, yOf(s), 2).fill(colour);
    });
    const lx = left + (li % 3) * (width / 3);
    const ly = top + height + 4 + Math.floor(li / 3) * 14;
    doc.rect(lx, ly + 3, 10, 4).fill(colour);
    doc
      .font('cjk')
      .fontSize(8)
      .fillColor('#000')
      .text(line.partnerName || own, lx + 14, ly, {
        width: width / 3 - 16,
        lineBreak: false,
        ellipsis: true,
      });
  });
}
