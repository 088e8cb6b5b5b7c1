import type { Bilingual } from '../../shared/i18n.ts';

/** The roles of domain.md §1. A person may hold several. */
export const ROLES = [
  'call_center',
  'dispatcher',
  'engineer',
  'area_service_manager',
  'project_manager',
  'office_manager',
  'department_chief',
  'engineering_manager',
  'after_sales_director',
  'customer_escort',
  'network_monitoring',
  'end_customer',
  'auditor',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

/** How each role is named on screen. */
export const roleLabels: Record<Role, Bilingual> = {
  call_center: { 'zh-CN': '呼叫中心/受理台', en: 'Call-center agent' },
  dispatcher: { 'zh-CN': '调度', en: 'Dispatcher' },
  engineer: { 'zh-CN': '工程师', en: 'Engineer' },
  area_service_manager: { 'zh-CN': '区域服务经理', en: 'Area service manager' },
  project_manager: { 'zh-CN': '项目经理', en: 'Project manager' },
  office_manager: { 'zh-CN': '办事处负责人', en: 'Office manager' },
  department_chief: { 'zh-CN': '科长/总工', en: 'Department chief / chief engineer' },
  engineering_manager: { 'zh-CN': '工程经理', en: 'Engineering manager' },
  after_sales_director: { 'zh-CN': '售后总监', en: 'After-sales director' },
  customer_escort: { 'zh-CN': '用户随工', en: 'Customer escort' },
  network_monitoring: { 'zh-CN': '网监', en: 'Network monitoring' },
  end_customer: { 'zh-CN': '最终用户', en: 'End customer' },
  auditor: { 'zh-CN': '审计员', en: 'Auditor' },
  admin: { 'zh-CN': '管理员', en: 'Administrator' },
};

/** Roles that belong to the customer's side; they may only be held by people linked to a customer. */
export const CUSTOMER_ROLES: readonly Role[] = ['customer_escort', 'network_monitoring', 'end_customer'];

/** Roles that manage others and so read the organisation broadly. */
export const MANAGER_ROLES: readonly Role[] = [
  'area_service_manager',
  'project_manager',
  'office_manager',
  'department_chief',
  'engineering_manager',
  'after_sales_director',
];
