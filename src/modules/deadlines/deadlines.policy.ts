/** Permissions and messages of deadlines, calendars, escalation and notifications. */
import { entityNames, registerMessages } from '../../http/messages.ts';
import { grant } from '../access/policy.ts';
import { MANAGER_ROLES, ROLES, type Role } from '../access/roles.ts';

const STAFF: readonly Role[] = [
  'call_center',
  'dispatcher',
  'engineer',
  'auditor',
  ...MANAGER_ROLES,
  'admin',
];

/** Permissions, messages and entity names of deadlines, calendars, escalation and notifications. Called from the capability's `register`. */
export function registerDeadlinePolicy(): void {
  grant('deadlines.read', STAFF);
  grant('deadlines.manage', ['admin']);
  grant('deadlines.pause', ['call_center', 'dispatcher', 'engineer', ...MANAGER_ROLES]);
  grant('escalation.ack', STAFF);
  grant('escalation.manage', [...MANAGER_ROLES, 'admin']);
  grant('escalation.contacts', ROLES);
  grant('notifications.read', ROLES);
  grant('notifications.admin', ['admin', 'auditor']);

  registerMessages({
    already_paused: {
      'zh-CN': '该工单的时限已在暂停中。',
      en: 'The deadlines of this order are already paused.',
    },
    not_paused: { 'zh-CN': '该工单的时限没有暂停。', en: 'The deadlines of this order are not paused.' },
    already_acknowledged: {
      'zh-CN': '该升级已被确认，无需重复确认。',
      en: 'This escalation has already been acknowledged.',
    },
  });

  Object.assign(entityNames, {
    calendar: { 'zh-CN': '工作日历', en: 'calendar' },
    deadline_policy: { 'zh-CN': '时限策略', en: 'deadline policy' },
    escalation: { 'zh-CN': '升级记录', en: 'escalation' },
    notification: { 'zh-CN': '通知', en: 'notification' },
  });
}
