/**
 * The system's own customer notices (CW-3, item 4 of the templates work): each one the order
 * capabilities send is rendered from a template an administrator may edit. Seeded by migration
 * 0009 (the first ones) and 0022 (the rest, only where the code is still missing), and the
 * values each notice fills, so an edit that would leave one of them out is refused.
 */
import { type TemplateSeed, templateSeed } from './templates.defaults.ts';

const notice = (code: string, name: [string, string], variables: string[], zh: string, en: string) =>
  templateSeed(code, 'progress_update', 'note', name, variables, zh, en);

const SCOPE = ['orderNumber', 'reason', 'wayForward'];

/** Notices that had their text in code before; migration 0022 adds those a database lacks. */
export const NOTICE_TEMPLATES: readonly TemplateSeed[] = [
  notice(
    'engineer.changed',
    ['更换上门工程师', 'Engineer changed'],
    ['orderNumber', 'engineerName'],
    '您好，工单 {orderNumber} 改由工程师 {engineerName} 为您上门服务，原约定时间如有变化我们会提前与您联系。',
    'Work order {orderNumber} will now be handled on site by engineer {engineerName}; we will contact you in advance if the agreed time changes.',
  ),
  notice(
    'owner.changed',
    ['更换负责人', 'New person in charge'],
    ['orderNumber', 'ownerName'],
    '您好，您的工单 {orderNumber} 自即日起由 {ownerName} 负责跟进。如有任何问题，您可以随时与其联系。',
    'Your work order {orderNumber} is now followed by {ownerName}. You can contact them at any time.',
  ),
  notice(
    'owner.changed.phone',
    ['更换负责人（含电话）', 'New person in charge (with phone)'],
    ['orderNumber', 'ownerName', 'ownerPhone'],
    '您好，您的工单 {orderNumber} 自即日起由 {ownerName} 负责跟进，联系电话 {ownerPhone}。如有任何问题，您可以随时与其联系。',
    'Your work order {orderNumber} is now followed by {ownerName} (phone {ownerPhone}). You can contact them at any time.',
  ),
  notice(
    'scope.outside.accepted',
    ['超出服务范围：继续处理', 'Outside the service scope: continued'],
    SCOPE,
    '您好，关于工单 {orderNumber}：虽然该请求超出服务范围（{reason}），经理已决定继续为您处理。后续安排：{wayForward}',
    'About work order {orderNumber}: although the request is outside the service scope ({reason}), a manager decided to continue. Next: {wayForward}',
  ),
  notice(
    'scope.outside.declined',
    ['超出服务范围：暂不处理', 'Outside the service scope: declined'],
    SCOPE,
    '您好，关于工单 {orderNumber}：由于该请求超出服务范围（{reason}），我们暂时无法按原方式处理。您可以：{wayForward}',
    'About work order {orderNumber}: because the request is outside the service scope ({reason}), we cannot handle it as requested. You can: {wayForward}',
  ),
  notice(
    'scope.contract_expired.accepted',
    ['维保合同到期：继续处理', 'Contract expired: continued'],
    SCOPE,
    '您好，关于工单 {orderNumber}：虽然维保合同已到期（{reason}），经理已决定继续为您处理。后续安排：{wayForward}',
    'About work order {orderNumber}: although the maintenance contract has expired ({reason}), a manager decided to continue. Next: {wayForward}',
  ),
  notice(
    'scope.contract_expired.declined',
    ['维保合同到期：暂不处理', 'Contract expired: declined'],
    SCOPE,
    '您好，关于工单 {orderNumber}：由于维保合同已到期（{reason}），我们暂时无法按原方式处理。您可以：{wayForward}',
    'About work order {orderNumber}: because the maintenance contract has expired ({reason}), we cannot handle it as requested. You can: {wayForward}',
  ),
  notice(
    'weekly.report',
    ['现场工作周报', 'Weekly site report'],
    ['orderNumber', 'periodStart', 'periodEnd', 'summary'],
    '工单 {orderNumber} 现场工作周报（{periodStart} 至 {periodEnd}）：\n{summary}',
    'Weekly site report for work order {orderNumber} ({periodStart} to {periodEnd}):\n{summary}',
  ),
];

/**
 * The values each system notice fills. A template keeps declaring and using every one of them
 * in both languages; otherwise the customer would get a notice without, say, the engineer's name.
 */
export const NOTICE_NEEDS: Readonly<Record<string, readonly string[]>> = {
  'appointment.reschedule': ['customerName', 'orderNumber', 'window', 'reason'],
  'late.notice': ['customerName', 'window', 'expectedArrival', 'message'],
  'late.notice.no_eta': ['customerName', 'window', 'message'],
  ...Object.fromEntries(NOTICE_TEMPLATES.map((t) => [t.code, t.variables])),
};
