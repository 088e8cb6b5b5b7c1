/**
 * MO-13 completion report of a major operation as a PDF, Chinese first with the English beneath,
 * set in the embedded Noto Sans SC subset like the service reports (WO-9), so it prints anywhere.
 * Pure rendering: the service assembles `CompletionReport` from the operation and its evidence.
 */
import type { Bilingual } from '../../shared/i18n.ts';
import { openReportDocument } from '../reports/reports.font.ts';
import { formatLocal } from '../reports/reports.rules.ts';

export const COMPLETION_TITLE: Bilingual = {
  'zh-CN': '重大操作完成报告',
  en: 'Completion report of a major operation',
};

export const KIND_NAMES: Record<string, Bilingual> = {
  cutover: { 'zh-CN': '割接', en: 'Cutover' },
  upgrade: { 'zh-CN': '升级', en: 'Upgrade' },
  expansion: { 'zh-CN': '扩容', en: 'Expansion' },
  restart: { 'zh-CN': '重启', en: 'Restart' },
  board_swap: { 'zh-CN': '单板插拔', en: 'Board plug/unplug' },
  switchover: { 'zh-CN': '倒换', en: 'Switchover' },
  table_transfer: { 'zh-CN': '传表', en: 'Table transfer' },
  security_variable: { 'zh-CN': '安全变量修改', en: 'Security variable change' },
  timer_change: { 'zh-CN': '定时器修改', en: 'Timer change' },
  online_data: { 'zh-CN': '在线数据配置', en: 'Online data configuration' },
  software_load: { 'zh-CN': '加载软件', en: 'Software load' },
  power_cycle: { 'zh-CN': '关电复位', en: 'Power cycle' },
  relocation: { 'zh-CN': '搬迁', en: 'Relocation' },
  drill: { 'zh-CN': '演练', en: 'Drill' },
  service_test: { 'zh-CN': '影响业务的测试', en: 'Service-affecting test' },
};

/** Everything printed on a completion report. */
export interface CompletionReport {
  organisation: string;
  title: string;
  kind: string;
  timeZone: string;
  generatedAt: string;
  sites: string[];
  lead: string;
  windowStart: string;
  windowEnd: string;
  startedAt: string | null;
  completedAt: string;
  planVersion: number;
  approvals: { role: string; name: string; at: string }[];
  steps: { title: string; state: string; result: string | null; unplanned: boolean }[];
  backups: { fileName: string; location: string; sha256: string }[];
  verification: { callTests: string; billingRecords: string; callLoss: string; alarms: string } | null;
  duty: { names: string[]; from: string; to: string }[];
  emergencies: { note: string; at: string }[];
  summary: string;
  leftovers: { description: string; owner: string; dueOn: string }[];
}

const STEP_STATES: Record<string, Bilingual> = {
  pending: { 'zh-CN': '未执行', en: 'not run' },
  running: { 'zh-CN': '执行中', en: 'running' },
  done: { 'zh-CN': '完成', en: 'done' },
  failed: { 'zh-CN': '失败', en: 'failed' },
};

const MARGIN = 50;

/** Renders the report; resolves to the PDF bytes. */
export function renderCompletionPdf(r: CompletionReport): Promise<Buffer> {
  const { doc, done } = openReportDocument(MARGIN, {
    Title: `${COMPLETION_TITLE['zh-CN']} ${r.title}`,
    Subject: COMPLETION_TITLE.en,
    Author: r.organisation,
    CreationDate: new Date(r.generatedAt),
  });
  const at = (iso: string | null) => formatLocal(iso, r.timeZone);
  const heading = (b: Bilingual) => {
    doc.moveDown(0.6).font('cjk-bold').fontSize(12).fillColor('#111').text(`${b['zh-CN']}  ${b.en}`);
    doc.moveDown(0.2);
  };
  const line = (label: Bilingual, value: string) =>
    doc
      .font('cjk-bold')
      .fontSize(9.5)
      .text(`${label['zh-CN']} ${label.en}：`, { continued: true })
      .font('cjk')
      .text(value || '—');
  const item = (text: string) => doc.font('cjk').fontSize(9.5).text(`• ${text}`, { indent: 8 });

  doc.font('cjk').fontSize(9).fillColor('#555').text(r.organisation, { align: 'right' });
  doc.font('cjk-bold').fontSize(18).fillColor('#111').text(COMPLETION_TITLE['zh-CN'], { align: 'center' });
  doc.font('cjk').fontSize(10).text(COMPLETION_TITLE.en, { align: 'center' });

  heading({ 'zh-CN': '概况', en: 'Overview' });
  const kind = KIND_NAMES[r.kind] ?? { 'zh-CN': r.kind, en: r.kind };
  line({ 'zh-CN': '操作', en: 'Operation' }, r.title);
  line({ 'zh-CN': '类型', en: 'Kind' }, `${kind['zh-CN']} ${kind.en}`);
  line({ 'zh-CN': '站点', en: 'Sites' }, r.sites.join('、'));
  line({ 'zh-CN': '负责人', en: 'Lead' }, r.lead);
  line({ 'zh-CN': '计划窗口', en: 'Window' }, `${at(r.windowStart)} – ${at(r.windowEnd)} (${r.timeZone})`);
  line({ 'zh-CN': '实际开始', en: 'Started' }, at(r.startedAt));
  line({ 'zh-CN': '完成', en: 'Completed' }, at(r.completedAt));
  line({ 'zh-CN': '方案版本', en: 'Plan version' }, String(r.planVersion));

  heading({ 'zh-CN': '审批', en: 'Approvals' });
  for (const a of r.approvals) item(`${a.role} ${a.name} ${at(a.at)}`);

  heading({ 'zh-CN': '执行步骤', en: 'Steps' });
  for (const [i, s] of r.steps.entries()) {
    const st = STEP_STATES[s.state] ?? { 'zh-CN': s.state, en: s.state };
    const extra = s.unplanned ? '（方案外，已单独授权 unplanned, authorised）' : '';
    item(`${i + 1}. ${s.title}${extra} — ${st['zh-CN']} ${st.en}${s.result ? `：${s.result}` : ''}`);
  }

  heading({ 'zh-CN': '数据备份', en: 'Backups' });
  for (const b of r.backups) item(`${b.fileName} @ ${b.location}  SHA-256 ${b.sha256}`);

  heading({ 'zh-CN': '操作后验证', en: 'Verification after the work' });
  if (r.verification) {
    line({ 'zh-CN': '拨测', en: 'Call tests' }, r.verification.callTests);
    line({ 'zh-CN': '话单', en: 'Billing records' }, r.verification.billingRecords);
    line({ 'zh-CN': '异常掉话', en: 'Abnormal call loss' }, r.verification.callLoss);
    line({ 'zh-CN': '告警', en: 'Alarms' }, r.verification.alarms);
  }

  if (r.duty.length) {
    heading({ 'zh-CN': '值守', en: 'Watch duty' });
    for (const d of r.duty) item(`${d.names.join('、')}  ${at(d.from)} – ${at(d.to)}`);
  }
  if (r.emergencies.length) {
    heading({ 'zh-CN': '突发情况', en: 'Emergencies reported' });
    for (const e of r.emergencies) item(`${at(e.at)} ${e.note}`);
  }

  heading({ 'zh-CN': '总结', en: 'Summary' });
  doc.font('cjk').fontSize(9.5).text(r.summary);

  heading({ 'zh-CN': '遗留问题', en: 'Leftover issues' });
  if (!r.leftovers.length) item('无 None');
  for (const l of r.leftovers) item(`${l.description} — 责任人 owner ${l.owner}，完成期限 due ${l.dueOn}`);

  doc
    .moveDown(1)
    .font('cjk')
    .fontSize(8)
    .fillColor('#555')
    .text(`生成于 Generated ${at(r.generatedAt)}`, { align: 'right' });
  doc.end();
  return done;
}
