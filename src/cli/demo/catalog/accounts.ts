/**
 * The demo sign-ins printed at the end of `onsite demo`: one account for every role of
 * src/modules/access/roles.ts, all with the same known password.
 */
import type { Role } from '../../../modules/access/roles.ts';

/** The password of every demo account. Demo data only: never use it for real accounts. */
export const DEMO_PASSWORD = 'Onsite2026';

/** Where a demo account belongs. */
export type DemoAccountHome =
  | { kind: 'own'; prefectureCode?: string }
  | { kind: 'partner'; partnerCode: string; prefectureCode: string }
  | { kind: 'customer'; customer: 'operator' | 'household'; prefectureCode: string };

/** A demo sign-in. */
export interface DemoAccount {
  username: string;
  displayName: string;
  roles: Role[];
  home: DemoAccountHome;
  /** What to try with it, shown next to the login. */
  note: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'admin',
    displayName: '系统管理员',
    roles: ['admin'],
    home: { kind: 'own' },
    note: '管理员 administrator',
  },
  {
    username: 'director',
    displayName: '贺振华',
    roles: ['after_sales_director'],
    home: { kind: 'own' },
    note: '售后总监 after-sales director',
  },
  {
    username: 'engmgr',
    displayName: '童立新',
    roles: ['engineering_manager'],
    home: { kind: 'own' },
    note: '工程经理 engineering manager',
  },
  {
    username: 'chief',
    displayName: '邹永刚',
    roles: ['department_chief'],
    home: { kind: 'own' },
    note: '科长/总工 department chief',
  },
  {
    username: 'office',
    displayName: '唐海燕',
    roles: ['office_manager'],
    home: { kind: 'own' },
    note: '办事处负责人 office manager',
  },
  {
    username: 'areamgr',
    displayName: '蒋国华',
    roles: ['area_service_manager'],
    home: { kind: 'own', prefectureCode: '520100' },
    note: '区域服务经理 area service manager (贵阳)',
  },
  {
    username: 'pm',
    displayName: '付明亮',
    roles: ['project_manager'],
    home: { kind: 'own' },
    note: '项目经理 project manager',
  },
  {
    username: 'callcenter',
    displayName: '肖雨婷',
    roles: ['call_center'],
    home: { kind: 'own' },
    note: '受理台 call-center agent',
  },
  {
    username: 'dispatcher',
    displayName: '钱晓东',
    roles: ['dispatcher'],
    home: { kind: 'own' },
    note: '调度 dispatcher',
  },
  {
    username: 'engineer',
    displayName: '陈志勇',
    roles: ['engineer'],
    home: { kind: 'own', prefectureCode: '520100' },
    note: '自有工程师 own engineer (贵阳)',
  },
  {
    username: 'partner_engineer',
    displayName: '龙德成',
    roles: ['engineer'],
    home: { kind: 'partner', partnerCode: 'TT', prefectureCode: '520100' },
    note: '合作方工程师 partner engineer (铁通, 贵阳)',
  },
  {
    username: 'partner_dispatcher',
    displayName: '吴春燕',
    roles: ['dispatcher'],
    home: { kind: 'partner', partnerCode: 'TT', prefectureCode: '520100' },
    note: '合作方调度 partner dispatcher (铁通)',
  },
  {
    username: 'escort',
    displayName: '蒙丽娟',
    roles: ['customer_escort'],
    home: { kind: 'customer', customer: 'operator', prefectureCode: '520100' },
    note: '用户随工 customer escort (移动贵阳分公司)',
  },
  {
    username: 'monitor',
    displayName: '田光明',
    roles: ['network_monitoring'],
    home: { kind: 'customer', customer: 'operator', prefectureCode: '520100' },
    note: '网监 network monitoring (移动贵阳分公司)',
  },
  {
    username: 'subscriber',
    displayName: '潘建国',
    roles: ['end_customer'],
    home: { kind: 'customer', customer: 'household', prefectureCode: '520100' },
    note: '家客用户 home-broadband subscriber (贵阳)',
  },
  {
    username: 'auditor',
    displayName: '白雪',
    roles: ['auditor'],
    home: { kind: 'own' },
    note: '审计员 auditor',
  },
];
