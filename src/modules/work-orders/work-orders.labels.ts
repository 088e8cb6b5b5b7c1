/**
 * The words people read for work-order types, channels, severities and states, in zh-CN and
 * en: the one place every label comes from — the API, the PDF reports, the customer link and
 * the web console (its locale files import this file). Data only, no imports with side effects,
 * so the browser bundle can take it.
 */
import type { Bilingual } from '../../shared/i18n.ts';

/** The labels of `labels` in one language, by key (the web console's locale shape). */
export function labelsIn<K extends string>(
  labels: Record<K, Bilingual>,
  locale: keyof Bilingual,
): Record<K, string> {
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, (v as Bilingual)[locale]])) as Record<
    K,
    string
  >;
}

export const WORK_ORDER_TYPES = [
  'fault_repair',
  'activation',
  'inspection',
  'version_upgrade',
  'eng_survey',
  'eng_installation',
  'eng_commissioning',
  'eng_acceptance',
  'network_optimisation',
  'complaint',
  'consultation',
] as const;
export type WorkOrderType = (typeof WORK_ORDER_TYPES)[number];

export const typeLabels: Record<WorkOrderType, Bilingual> = {
  fault_repair: { 'zh-CN': '故障处理', en: 'Fault repair' },
  activation: { 'zh-CN': '业务开通/装机', en: 'Service activation / installation' },
  inspection: { 'zh-CN': '巡检', en: 'Inspection' },
  version_upgrade: { 'zh-CN': '版本升级', en: 'Version upgrade' },
  eng_survey: { 'zh-CN': '工程勘察', en: 'Engineering: survey' },
  eng_installation: { 'zh-CN': '工程安装', en: 'Engineering: installation' },
  eng_commissioning: { 'zh-CN': '工程调测', en: 'Engineering: commissioning' },
  eng_acceptance: { 'zh-CN': '工程验收', en: 'Engineering: acceptance' },
  network_optimisation: { 'zh-CN': '网规网优', en: 'Network planning / optimisation' },
  complaint: { 'zh-CN': '投诉', en: 'Complaint' },
  consultation: { 'zh-CN': '咨询', en: 'Consultation' },
};

export const CHANNELS = [
  'call_center',
  'customer_call',
  'engineer_found',
  'hotline_400',
  'eoms_import',
  'api',
  'email',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const channelLabels: Record<Channel, Bilingual> = {
  call_center: { 'zh-CN': '呼叫中心派工', en: 'Call-center dispatch' },
  customer_call: { 'zh-CN': '客户直接来电', en: 'Customer direct call' },
  engineer_found: { 'zh-CN': '工程师巡检/操作中发现', en: 'Found by an engineer' },
  hotline_400: { 'zh-CN': '400 投诉热线', en: 'Complaint hotline (400)' },
  eoms_import: { 'zh-CN': 'EOMS 导入', en: 'EOMS import' },
  api: { 'zh-CN': '接口（API / Webhook）', en: 'API / webhook' },
  email: { 'zh-CN': '电子邮件', en: 'E-mail' },
};

export const SEVERITIES = ['critical', 'major', 'minor', 'advisory'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const severityLabels: Record<Severity, Bilingual> = {
  critical: { 'zh-CN': '关键', en: 'Critical' },
  major: { 'zh-CN': '严重', en: 'Major' },
  minor: { 'zh-CN': '一般', en: 'Minor' },
  advisory: { 'zh-CN': '提示', en: 'Advisory' },
};

export const STATES = [
  'received',
  'accepted',
  'dispatched',
  'appointment_agreed',
  'en_route',
  'on_site',
  'service_restored',
  'resolved',
  'signed_off',
  'closed',
  'cancelled',
] as const;
export type State = (typeof STATES)[number];

export const stateLabels: Record<State, Bilingual> = {
  received: { 'zh-CN': '已受理', en: 'Received' },
  accepted: { 'zh-CN': '已接单', en: 'Accepted' },
  dispatched: { 'zh-CN': '已派工', en: 'Dispatched' },
  appointment_agreed: { 'zh-CN': '已预约', en: 'Appointment agreed' },
  en_route: { 'zh-CN': '在途', en: 'En route' },
  on_site: { 'zh-CN': '已到场', en: 'On site' },
  service_restored: { 'zh-CN': '业务已恢复', en: 'Service restored' },
  resolved: { 'zh-CN': '已解决', en: 'Resolved' },
  signed_off: { 'zh-CN': '客户已签认', en: 'Signed off' },
  closed: { 'zh-CN': '已关闭', en: 'Closed' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
};
