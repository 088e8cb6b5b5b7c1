/**
 * WO-9 report PDFs that read like the paper service forms they replace: a header with the
 * organisation and the form title, the order facts, times, the work done, parts used, the
 * type-specific section, signatures (embedded images) and the customer's rating. All text is set
 * in the embedded Noto Sans SC subset, so Chinese prints anywhere without a system font.
 */
import type { Bilingual } from '../../shared/i18n.ts';
import { openReportDocument } from './reports.font.ts';
import { duration, formatLocal, type ReportType, reportTitles } from './reports.rules.ts';

/** A signature as drawn: who, the PNG/JPEG image, when, and the opinion written beside it. */
export interface SignatureBlock {
  role: Bilingual;
  name: string;
  image: Buffer | null;
  at: string | null;
  opinion?: string | null | undefined;
}

/** Everything printed on a report. The service assembles it from the order and its on-site records. */
export interface ReportData {
  type: ReportType;
  organisation: string;
  orderNumber: string;
  timeZone: string;
  generatedAt: string;
  facts: { label: Bilingual; value: string }[];
  times: {
    received: string | null;
    arrived: string | null;
    restored: string | null;
    resolved: string | null;
  };
  symptom: string;
  cause: string | null;
  workDone: string;
  partsUsed: { name: string; code: string | null; quantity: number; faultyPartCode: string | null }[];
  visits: { engineer: string; checkIn: string; checkOut: string | null }[];
  /** Upgrade: from/to versions and verification; inspection: the checked items. */
  upgrade?: { fromVersion: string; toVersion: string; verification: string } | undefined;
  inspection?: { item: string; result: string; note: string | null }[] | undefined;
  leftovers: string | null;
  /** WO-9: training given on site — what, to whom, by whom, signed for by whom. */
  trainings?:
    | { topic: string; trainees: string; trainer: string; signerName: string; at: string }[]
    | undefined;
  signatures: SignatureBlock[];
  satisfaction: { score: number } | { refused: string } | null;
}

const MARGIN = 48;
const LINE = 0.6;
const PAD = 4;

/** Renders a report; resolves to the PDF bytes. */
export function renderReportPdf(data: ReportData): Promise<Buffer> {
  const title = reportTitles[data.type];
  const { doc, done } = openReportDocument(MARGIN, {
    Title: `${title['zh-CN']} ${data.orderNumber}`,
    Subject: title.en,
    Author: data.organisation,
    CreationDate: new Date(data.generatedAt),
  });

  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;
  let y = MARGIN;

  const ensure = (h: number) => {
    if (y + h > bottom()) {
      doc.addPage();
      y = MARGIN;
    }
  };

  /** One row of bordered cells; label cells are shaded and bold. */
  const row = (cells: { text: string; w: number; label?: boolean }[], size = 9) => {
    const heights = cells.map(
      (c) =>
        doc
          .font(c.label ? 'cjk-bold' : 'cjk')
          .fontSize(size)
          .heightOfString(c.text || ' ', { width: c.w - 2 * PAD }) +
        2 * PAD,
    );
    const h = Math.max(18, ...heights);
    ensure(h);
    let x = left;
    for (const c of cells) {
      if (c.label) doc.rect(x, y, c.w, h).fillColor('#eef2f7').fill();
      doc.rect(x, y, c.w, h).lineWidth(LINE).strokeColor('#444').stroke();
      doc
        .fillColor('#111')
        .font(c.label ? 'cjk-bold' : 'cjk')
        .fontSize(size)
        .text(c.text || ' ', x + PAD, y + PAD, { width: c.w - 2 * PAD });
      x += c.w;
    }
    y += h;
  };

  const section = (label: Bilingual) => {
    ensure(30);
    y += 8;
    doc.rect(left, y, width, 18).fillColor('#1f3b5b').fill();
    doc
      .fillColor('#fff')
      .font('cjk-bold')
      .fontSize(10)
      .text(`${label['zh-CN']}  ${label.en}`, left + PAD, y + 3, { width: width - 2 * PAD });
    y += 18;
  };

  /** Height of one full-width cell's text at the block size. */
  const measure = (text: string) =>
    doc
      .font('cjk')
      .fontSize(9.5)
      .heightOfString(text || ' ', { width: width - 2 * PAD });

  /**
   * How much of `text` fits in `room` points: up to the last line break that fits, or, when even
   * the first paragraph is taller, as many characters as fit. Both searches are monotonic in length.
   */
  const fitting = (text: string, room: number) => {
    const fits = (k: number) => measure(text.slice(0, k)) <= room;
    const breaks = [...text.matchAll(/\n/g)].map((m) => m.index);
    let lo = 0;
    let hi = breaks.length - 1;
    let best = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (fits(breaks[mid]!)) {
        best = breaks[mid]!;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best > 0) return best;
    let a = 0;
    let b = text.length;
    while (a < b) {
      const mid = (a + b + 1) >> 1;
      if (fits(mid)) a = mid;
      else b = mid - 1;
    }
    return a;
  };

  /**
   * A full-width text cell. Taller than what is left of the page (a long work log), it is cut and
   * continues on the next page: a row that ran past the bottom would make pdfkit add pages of its
   * own behind our back, leaving near-empty pages and everything after drawn off the page.
   */
  const block = (text: string) => {
    let rest = text;
    for (;;) {
      const room = bottom() - y - 2 * PAD;
      if (measure(rest) <= room) return row([{ text: rest, w: width }], 9.5);
      // Less than a few lines left: start the block on the next page rather than leave a sliver.
      const cut = room >= 40 ? fitting(rest, room) : 0;
      if (cut > 0) {
        row([{ text: rest.slice(0, cut).trimEnd(), w: width }], 9.5);
        rest = rest.slice(cut).trimStart();
      } else if (y === MARGIN) {
        // A fresh page and not one character fits: cannot happen at A4, but never loop forever.
        return row([{ text: rest, w: width }], 9.5);
      }
      doc.addPage();
      y = MARGIN;
    }
  };
  const both = (b: Bilingual) => `${b['zh-CN']} ${b.en}`;

  // Header: organisation, form title, order number.
  doc
    .fillColor('#1f3b5b')
    .font('cjk-bold')
    .fontSize(11)
    .text(data.organisation, left, y, { width, align: 'left' });
  doc
    .fillColor('#555')
    .font('cjk')
    .fontSize(8)
    .text(`No. ${data.orderNumber}`, left, y + 2, { width, align: 'right' });
  y += 20;
  doc
    .fillColor('#111')
    .font('cjk-bold')
    .fontSize(18)
    .text(title['zh-CN'], left, y, { width, align: 'center' });
  y += 26;
  doc.fillColor('#333').font('cjk').fontSize(10).text(title.en, left, y, { width, align: 'center' });
  y += 18;
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .lineWidth(1.2)
    .strokeColor('#1f3b5b')
    .stroke();
  y += 8;

  // Order facts in two label/value pairs per row.
  section({ 'zh-CN': '工单信息', en: 'Order' });
  const lw = 96;
  const vw = width / 2 - lw;
  for (let i = 0; i < data.facts.length; i += 2) {
    const a = data.facts[i]!;
    const b = data.facts[i + 1];
    row([
      { text: both(a.label), w: lw, label: true },
      { text: a.value, w: vw },
      { text: b ? both(b.label) : '', w: lw, label: true },
      { text: b?.value ?? '', w: vw },
    ]);
  }

  section({ 'zh-CN': '时间记录', en: 'Times' });
  const t = data.times;
  const tz = data.timeZone;
  const q = width / 4;
  row([
    { text: '受理 Received', w: q, label: true },
    { text: '到场 Arrived', w: q, label: true },
    { text: '业务恢复 Restored', w: q, label: true },
    { text: '故障解决 Resolved', w: q, label: true },
  ]);
  row([
    { text: formatLocal(t.received, tz), w: q },
    { text: formatLocal(t.arrived, tz), w: q },
    { text: formatLocal(t.restored, tz), w: q },
    { text: formatLocal(t.resolved, tz), w: q },
  ]);
  const toRestore = duration(t.received, t.restored);
  const toResolve = duration(t.received, t.resolved);
  row([
    { text: '恢复历时 Time to restore', w: q, label: true },
    { text: `${toRestore['zh-CN']} (${toRestore.en})`, w: q },
    { text: '解决历时 Time to resolve', w: q, label: true },
    { text: `${toResolve['zh-CN']} (${toResolve.en})`, w: q },
  ]);
  row([{ text: `时区 Time zone: ${tz}`, w: width }], 8);

  if (data.visits.length) {
    section({ 'zh-CN': '现场签到', en: 'On-site visits' });
    row([
      { text: '工程师 Engineer', w: width / 3, label: true },
      { text: '签到 Check-in', w: width / 3, label: true },
      { text: '签退 Check-out', w: width / 3, label: true },
    ]);
    for (const v of data.visits) {
      row([
        { text: v.engineer, w: width / 3 },
        { text: formatLocal(v.checkIn, tz), w: width / 3 },
        { text: formatLocal(v.checkOut, tz), w: width / 3 },
      ]);
    }
  }

  section({ 'zh-CN': '故障现象与原因', en: 'Symptom and cause' });
  row([
    { text: '现象 Symptom', w: lw, label: true },
    { text: data.symptom, w: width - lw },
  ]);
  row([
    { text: '原因 Cause', w: lw, label: true },
    { text: data.cause ?? '—', w: width - lw },
  ]);

  if (data.upgrade) {
    section({ 'zh-CN': '版本升级', en: 'Version upgrade' });
    row([
      { text: '原版本 From', w: lw, label: true },
      { text: data.upgrade.fromVersion, w: vw },
      { text: '新版本 To', w: lw, label: true },
      { text: data.upgrade.toVersion, w: vw },
    ]);
    row([
      { text: '升级后验证 Verification', w: lw, label: true },
      { text: data.upgrade.verification, w: width - lw },
    ]);
  }

  if (data.inspection) {
    section({ 'zh-CN': '巡检项目', en: 'Inspection items' });
    row([
      { text: '项目 Item', w: width * 0.4, label: true },
      { text: '结果 Result', w: width * 0.2, label: true },
      { text: '说明 Note', w: width * 0.4, label: true },
    ]);
    for (const it of data.inspection) {
      row([
        { text: it.item, w: width * 0.4 },
        { text: it.result, w: width * 0.2 },
        { text: it.note ?? '', w: width * 0.4 },
      ]);
    }
  }

  section({ 'zh-CN': '处理过程', en: 'Work done' });
  block(data.workDone);

  section({ 'zh-CN': '备件使用', en: 'Parts used' });
  if (data.partsUsed.length === 0) {
    block('无 None');
  } else {
    const c = [width * 0.4, width * 0.2, width * 0.15, width * 0.25];
    row([
      { text: '名称 Part', w: c[0]!, label: true },
      { text: '编码 Code', w: c[1]!, label: true },
      { text: '数量 Qty', w: c[2]!, label: true },
      { text: '坏件编码 Faulty part', w: c[3]!, label: true },
    ]);
    for (const p of data.partsUsed) {
      row([
        { text: p.name, w: c[0]! },
        { text: p.code ?? '—', w: c[1]! },
        { text: String(p.quantity), w: c[2]! },
        { text: p.faultyPartCode ?? '—', w: c[3]! },
      ]);
    }
  }

  if (data.trainings?.length) {
    section({ 'zh-CN': '现场培训', en: 'On-site training' });
    const c = [width * 0.34, width * 0.26, width * 0.14, width * 0.26];
    row([
      { text: '培训内容 Topic', w: c[0]!, label: true },
      { text: '参训人员 Trainees', w: c[1]!, label: true },
      { text: '讲师 Trainer', w: c[2]!, label: true },
      { text: '客户签字 Signed by', w: c[3]!, label: true },
    ]);
    for (const tr of data.trainings) {
      row([
        { text: tr.topic, w: c[0]! },
        { text: tr.trainees, w: c[1]! },
        { text: tr.trainer, w: c[2]! },
        { text: `${tr.signerName} ${formatLocal(tr.at, data.timeZone)}`, w: c[3]! },
      ]);
    }
  }

  if (data.leftovers) {
    section({ 'zh-CN': '遗留问题', en: 'Leftover issues' });
    block(data.leftovers);
  }

  section({ 'zh-CN': '客户满意度', en: 'Customer satisfaction' });
  const s = data.satisfaction;
  block(
    s === null
      ? '未评价 Not rated'
      : 'score' in s
        ? `${'★'.repeat(s.score)}${'☆'.repeat(5 - s.score)}  ${s.score} / 5`
        : `客户拒绝评价 Customer declined to rate: ${s.refused}`,
  );

  // Signatures side by side, each with its image, name, time and opinion.
  const sigs = data.signatures;
  const sw = width / Math.max(1, sigs.length);
  const opinionText = (sig: SignatureBlock) => (sig.opinion ? `意见 Opinion: ${sig.opinion}` : '');
  doc.font('cjk').fontSize(8.5);
  const opinionH = Math.max(
    0,
    ...sigs.map((sig) => (sig.opinion ? doc.heightOfString(opinionText(sig), { width: sw - 2 * PAD }) : 0)),
  );
  const boxH = Math.max(120, 100 + opinionH + PAD);
  // The heading, the boxes and the caption under them move to a new page together, so the
  // signatures are never split from their heading and the caption never sits alone on a last page.
  ensure(26 + boxH + 10 + 14);
  section({ 'zh-CN': '签字确认', en: 'Signatures' });
  sigs.forEach((sig, i) => {
    const x = left + i * sw;
    const w = sw - 2 * PAD;
    doc.rect(x, y, sw, boxH).lineWidth(LINE).strokeColor('#444').stroke();
    doc
      .fillColor('#111')
      .font('cjk-bold')
      .fontSize(9)
      .text(both(sig.role), x + PAD, y + PAD, { width: w });
    if (sig.image) doc.image(sig.image, x + PAD, y + 20, { fit: [w, 50] });
    else
      doc
        .font('cjk')
        .fontSize(9)
        .fillColor('#a00')
        .text('未签字 Not signed', x + PAD, y + 38, { width: w });
    doc
      .fillColor('#111')
      .font('cjk')
      .fontSize(8.5)
      .text(sig.name, x + PAD, y + 74, { width: w, lineBreak: false });
    doc.text(formatLocal(sig.at, tz), x + PAD, y + 86, { width: w, lineBreak: false });
    if (sig.opinion) doc.text(opinionText(sig), x + PAD, y + 100, { width: w });
  });
  y += boxH + 10;

  ensure(14);
  doc
    .fillColor('#666')
    .font('cjk')
    .fontSize(7.5)
    .text(
      `生成时间 Generated ${formatLocal(data.generatedAt, tz)} · ${data.organisation} · ${data.orderNumber}`,
      left,
      y,
      { width, align: 'center' },
    );
  doc.end();
  return done;
}
