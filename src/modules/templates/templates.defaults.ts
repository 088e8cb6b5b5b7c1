/**
 * The standard templates (CW-3), seeded by migration 0009: appointment call and SMS, late
 * notice, the eight standard explanations of a fault's cause (seed 004 §6), the standard
 * replies to complaints (seed 004 §7), greetings, farewells, follow-up and progress updates.
 * The Chinese texts are the seeds' own wording.
 */
import type { Bilingual } from '../../shared/i18n.ts';

export const TEMPLATE_PURPOSES = [
  'appointment_call',
  'appointment_sms',
  'late_notice',
  'cause_explanation',
  'complaint_reply',
  'greeting',
  'farewell',
  'follow_up',
  'progress_update',
] as const;
export type TemplatePurpose = (typeof TEMPLATE_PURPOSES)[number];
export const TEMPLATE_CHANNELS = ['sms', 'email', 'phone', 'note'] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];

export interface TemplateSeed {
  code: string;
  purpose: TemplatePurpose;
  channel: TemplateChannel;
  name: Bilingual;
  variables: string[];
  body: Bilingual;
}

/** A template seed from its parts (the standard ones here, the system notices in templates.notices.ts). */
export const templateSeed = (
  code: string,
  purpose: TemplatePurpose,
  channel: TemplateChannel,
  name: [string, string],
  variables: string[],
  zh: string,
  en: string,
): TemplateSeed => ({
  code,
  purpose,
  channel,
  name: { 'zh-CN': name[0], en: name[1] },
  variables,
  body: { 'zh-CN': zh, en },
});

export const STANDARD_TEMPLATES: readonly TemplateSeed[] = [
  templateSeed(
    'appointment.call',
    'appointment_call',
    'phone',
    ['预约电话', 'Appointment call'],
    ['customerName', 'engineerName', 'window'],
    '您好！我是负责为您解决故障检修工作的工程师{engineerName}，请问是{customerName}吗？我将在{window}上门为您服务，请问可以吗？',
    'Hello, this is {engineerName}, the engineer handling your repair. Am I speaking with {customerName}? I will visit you at {window}; does that suit you?',
  ),
  templateSeed(
    'appointment.sms',
    'appointment_sms',
    'sms',
    ['预约短信', 'Appointment SMS'],
    ['customerName', 'orderNumber', 'window', 'engineerName', 'engineerPhone'],
    '{customerName}您好，工单{orderNumber}的上门时间为{window}，工程师{engineerName}（{engineerPhone}）将准时上门，请保持电话畅通。',
    'Dear {customerName}, the visit for order {orderNumber} is at {window}. Engineer {engineerName} ({engineerPhone}) will come on time; please keep your phone on.',
  ),
  templateSeed(
    'late.notice',
    'late_notice',
    'sms',
    ['迟到通知', 'Late notice'],
    ['customerName', 'window', 'expectedArrival', 'message'],
    '{customerName}您好，非常抱歉，工程师预计无法在约定时间{window}准时到达，预计{expectedArrival}到达。{message}',
    'Dear {customerName}, we are sorry: the engineer will not arrive on time for {window}; expected at {expectedArrival}. {message}',
  ),
  templateSeed(
    'late.notice.no_eta',
    'late_notice',
    'sms',
    ['迟到通知（到达时间待定）', 'Late notice (arrival to be confirmed)'],
    ['customerName', 'window', 'message'],
    '{customerName}您好，非常抱歉，工程师预计无法在约定时间{window}准时到达。{message}',
    'Dear {customerName}, we are sorry: the engineer will not arrive on time for {window}. {message}',
  ),
  templateSeed(
    'appointment.reschedule',
    'appointment_sms',
    'sms',
    ['改约通知', 'Rescheduled visit'],
    ['customerName', 'orderNumber', 'window', 'reason'],
    '{customerName}您好，工单{orderNumber}的上门时间拟调整为{window}（原因：{reason}），请您确认。',
    'Dear {customerName}, the visit for work order {orderNumber} is proposed to move to {window} (reason: {reason}); please confirm.',
  ),
  templateSeed(
    'cause.diagnosing',
    'cause_explanation',
    'note',
    ['原因说明：正在查找原因', 'Cause: still diagnosing'],
    [],
    '影响您的工作，我们深表歉意。我们正在排查，原因查明后将及时向您反馈。',
    'We apologise for the disruption. We are investigating and will tell you the cause as soon as we find it.',
  ),
  templateSeed(
    'cause.ours_repairing',
    'cause_explanation',
    'note',
    ['原因说明：我方原因，正在处理', 'Cause: our fault, repairing'],
    [],
    '对不起，由于我方原因，使您的业务无法正常使用，我们深表歉意。我们正在加紧抢修。',
    'We are sorry: because of a fault on our side your service is unavailable. We are repairing it as fast as we can.',
  ),
  templateSeed(
    'cause.ours_repaired',
    'cause_explanation',
    'note',
    ['原因说明：我方原因，已处理完毕', 'Cause: our fault, repaired'],
    [],
    '对不起，由于我方原因，使您的业务不能正常使用，我们深表歉意。我们正在对故障原因进行分析，稍后将通过客户经理向您提交详细的故障原因。',
    'We are sorry: a fault on our side interrupted your service. We are analysing it and your account manager will send you the detailed cause.',
  ),
  templateSeed(
    'cause.customer_side',
    'cause_explanation',
    'note',
    ['原因说明：用户方原因', 'Cause: customer side'],
    ['cause'],
    '您好，从您反映的情况来看并结合我们的排查判断，本次故障是{cause}造成的，我们可以协助您处理。',
    'From what you described and our checks, the fault was caused by {cause}. We can help you put it right.',
  ),
  templateSeed(
    'cause.third_party_repairing',
    'cause_explanation',
    'note',
    ['原因说明：第三方原因，正在处理', 'Cause: third party, repairing'],
    ['cause', 'thirdParty'],
    '根据我们对故障情况的判断，本次故障是由{cause}引起的，我们正在协助{thirdParty}进行故障处理，相信很快就能修复。',
    'Our assessment is that the fault was caused by {cause}. We are helping {thirdParty} repair it and expect it to be fixed soon.',
  ),
  templateSeed(
    'cause.third_party_repaired',
    'cause_explanation',
    'note',
    ['原因说明：第三方原因，已处理完毕', 'Cause: third party, repaired'],
    ['cause', 'thirdParty'],
    '根据我们对故障情况的判断，本次故障是由{cause}引起的。我们已通知{thirdParty}并协助他们完成了对本次故障的处理，现在业务已恢复。',
    'Our assessment is that the fault was caused by {cause}. We informed {thirdParty} and helped them repair it; your service is back.',
  ),
  templateSeed(
    'cause.unknown',
    'cause_explanation',
    'note',
    ['原因说明：原因不明', 'Cause: not known yet'],
    [],
    '您好，这个问题我们还需要进一步确定，将很快给予您满意的答复。',
    'We still need to confirm this and will give you a full answer shortly.',
  ),
  templateSeed(
    'cause.not_solvable_onsite',
    'cause_explanation',
    'note',
    ['原因说明：现场无法解决', 'Cause: cannot be solved on site'],
    [],
    '您反映的问题（现象）我已经记录下来，会在回去后进一步处理，及时向您反馈、解释。',
    'I have recorded the problem you described; we will work on it further and report back to you promptly.',
  ),
  templateSeed(
    'complaint.received',
    'complaint_reply',
    'sms',
    ['投诉受理', 'Complaint received'],
    ['customerName', 'complaintNumber', 'respondBy'],
    '{customerName}您好，您的投诉（编号{complaintNumber}）已受理，我们将在{respondBy}前答复您，谢谢您指出我们工作中的不足之处。',
    'Dear {customerName}, your complaint {complaintNumber} has been received; we will reply by {respondBy}. Thank you for telling us where we fell short.',
  ),
  templateSeed(
    'complaint.reply',
    'complaint_reply',
    'note',
    ['投诉答复', 'Complaint reply'],
    ['customerName', 'complaintNumber', 'resolution'],
    '{customerName}您好，关于您的投诉{complaintNumber}：{resolution}。给您带来的不便，我们深表歉意，感谢您的理解和支持。',
    'Dear {customerName}, about your complaint {complaintNumber}: {resolution}. We apologise for the inconvenience and thank you for your understanding.',
  ),
  templateSeed(
    'complaint.repeated_fault',
    'complaint_reply',
    'note',
    ['抱怨故障重复发生', 'Complaint: fault keeps coming back'],
    [],
    '非常抱歉，我们正在处理，会及时向您反馈故障处理情况。',
    'We are very sorry. We are working on it and will keep you informed of progress.',
  ),
  templateSeed(
    'complaint.slow',
    'complaint_reply',
    'note',
    ['抱怨处理时限长', 'Complaint: taking too long'],
    ['completeBy'],
    '非常抱歉，给您的工作带来了不便，我们会在{completeBy}完成，请您谅解。',
    'We are very sorry for the inconvenience; we will finish by {completeBy}. Thank you for your patience.',
  ),
  templateSeed(
    'complaint.network_quality',
    'complaint_reply',
    'note',
    ['抱怨网络质量差', 'Complaint: network quality'],
    [],
    '非常抱歉，给您的工作带来了不便，我们会将您的意见转达相关部门，对网络做进一步改进。',
    'We are very sorry for the inconvenience; we will pass your comments to the team responsible and improve the network.',
  ),
  templateSeed(
    'complaint.attitude',
    'complaint_reply',
    'note',
    ['抱怨技能或态度', 'Complaint: skill or attitude'],
    [],
    '对不起，我们将对此事进行调查，并将调查结果向您反馈，谢谢您指出我们工作中的不足之处。',
    'We apologise. We will look into this and tell you what we found; thank you for pointing out where we fell short.',
  ),
  templateSeed(
    'complaint.channel',
    'complaint_reply',
    'note',
    ['抱怨反馈渠道不畅', 'Complaint: hard to reach us'],
    [],
    '关于此事，我们会将您的意见转达相关部门，针对您提出的问题进行改进，非常抱歉。',
    'We will pass this on to the team responsible and improve how you can reach us. We are very sorry.',
  ),
  templateSeed(
    'greeting.call',
    'greeting',
    'phone',
    ['问候', 'Greeting'],
    ['customerName'],
    '您好！请问是{customerName}吗？请问有什么可以帮助您的？',
    'Hello! Am I speaking with {customerName}? How can I help you?',
  ),
  templateSeed(
    'farewell.call',
    'farewell',
    'phone',
    ['结束语', 'Farewell'],
    [],
    '请问还有什么可以帮助您的吗？打搅您了，再见！',
    'Is there anything else I can help you with? Thank you, goodbye!',
  ),
  templateSeed(
    'follow_up.visit',
    'follow_up',
    'sms',
    ['回访', 'Follow-up'],
    ['customerName', 'orderNumber'],
    '{customerName}您好，工单{orderNumber}已处理完毕，请问业务使用是否正常？如有问题请随时与我们联系。',
    'Dear {customerName}, order {orderNumber} is complete. Is everything working? Contact us at any time if not.',
  ),
  templateSeed(
    'progress.update',
    'progress_update',
    'note',
    ['进展通报', 'Progress update'],
    ['customerName', 'orderNumber', 'progress'],
    '{customerName}您好，工单{orderNumber}最新进展：{progress}。',
    'Dear {customerName}, an update on order {orderNumber}: {progress}.',
  ),
];

/** A seeded template as a first-version row (migrations 0009 and 0022). */
export function seedRow(t: TemplateSeed, id: string, now: string) {
  return {
    id,
    code: t.code,
    purpose: t.purpose,
    channel: t.channel,
    name_zh: t.name['zh-CN'],
    name_en: t.name.en,
    variables: JSON.stringify(t.variables),
    body_zh: t.body['zh-CN'],
    body_en: t.body.en,
    active: 1,
    version: 1,
    created_at: now,
    updated_at: now,
  };
}
