/** How an order's progress reads to the customer who reported it: one plain sentence per state. */
import type { Bilingual } from '../../shared/i18n.ts';
import type { State } from '../work-orders/work-orders.labels.ts';

export const progressWords: Record<State, Bilingual> = {
  received: {
    'zh-CN': '我们已收到您的报障，正在安排处理。',
    en: 'We have your report and are arranging the work.',
  },
  accepted: { 'zh-CN': '已有专人负责您的报障。', en: 'Someone now looks after your report.' },
  dispatched: {
    'zh-CN': '已安排工程师，稍后会与您预约上门时间。',
    en: 'An engineer is assigned and will agree a visit with you.',
  },
  appointment_agreed: { 'zh-CN': '上门时间已预约。', en: 'The visit time is agreed.' },
  en_route: { 'zh-CN': '工程师正在前往现场。', en: 'The engineer is on the way.' },
  on_site: { 'zh-CN': '工程师已到现场处理。', en: 'The engineer is on site.' },
  service_restored: {
    'zh-CN': '业务已恢复，工程师正在彻底解决问题。',
    en: 'Service is back; the engineer is finishing the repair.',
  },
  resolved: { 'zh-CN': '问题已解决，等待您确认。', en: 'The fault is fixed and awaits your confirmation.' },
  signed_off: { 'zh-CN': '您已确认，工单即将关闭。', en: 'You have confirmed; the order will close soon.' },
  closed: { 'zh-CN': '工单已完成。', en: 'The order is complete.' },
  cancelled: { 'zh-CN': '工单已取消。', en: 'The order was cancelled.' },
};
