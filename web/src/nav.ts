/** The console's pages and who sees them in the navigation (the server still checks every call). */
import type { Me } from './api.ts';
import { canWorkOrders } from './workOrders.ts';

/** One navigation entry. */
export interface NavItem {
  path: string;
  /** i18n key of the label. */
  label: string;
  group: 'work' | 'admin' | 'account';
  /** Whether this person sees the entry. */
  visible: (me: Me) => boolean;
}

const MANAGERS = [
  'area_service_manager',
  'project_manager',
  'office_manager',
  'department_chief',
  'engineering_manager',
  'after_sales_director',
];

const hasAll =
  (...permissions: string[]) =>
  (me: Me) =>
    permissions.every((p) => me.permissions.includes(p));
const hasRole =
  (...roles: string[]) =>
  (me: Me) =>
    roles.some((r) => me.roles.includes(r));
const onlyEngineer = (me: Me) => me.roles.every((r) => r === 'engineer');

/** In order: the first visible entry is where a person lands after signing in. */
export const NAV: NavItem[] = [
  // First, so a customer's person lands on their own orders rather than an empty inbox.
  { path: '/my', label: 'selfService.nav', group: 'work', visible: hasAll('self_service.use') },
  { path: '/dashboard', label: 'nav.dashboard', group: 'work', visible: hasRole(...MANAGERS) },
  { path: '/engineer', label: 'nav.engineer', group: 'work', visible: hasRole('engineer') },
  {
    path: '/orders',
    label: 'nav.orders',
    group: 'work',
    visible: (me) => canWorkOrders(me, 'work_orders.read') && !onlyEngineer(me),
  },
  {
    path: '/orders/new',
    label: 'nav.intake',
    group: 'work',
    visible: (me) => canWorkOrders(me, 'work_orders.create'),
  },
  { path: '/inbox', label: 'nav.inbox', group: 'work', visible: hasAll('notifications.read') },
  { path: '/deadlines', label: 'nav.deadlines', group: 'work', visible: hasAll('deadlines.read') },
  { path: '/plans', label: 'nav.plans', group: 'work', visible: hasAll('plans.read') },
  { path: '/operations', label: 'operations.nav', group: 'work', visible: hasAll('operations.read') },
  {
    path: '/operations/approvals',
    label: 'operations.inbox.nav',
    group: 'work',
    visible: hasAll('operations.approve'),
  },
  { path: '/admin/duty', label: 'nav.duty', group: 'admin', visible: hasAll('duty.read') },
  { path: '/complaints', label: 'wording.complaints.nav', group: 'work', visible: hasAll('complaints.read') },
  {
    path: '/satisfaction',
    label: 'wording.satisfaction.nav',
    group: 'work',
    visible: hasAll('dashboard.read'),
  },
  { path: '/assessment', label: 'assessment.nav', group: 'work', visible: hasAll('assessment.read') },
  {
    path: '/assessment/definitions',
    label: 'assessment.definitionsNav',
    group: 'work',
    visible: hasAll('assessment.read'),
  },
  { path: '/resources/depots', label: 'resources.depots.nav', group: 'work', visible: hasAll('parts.read') },
  { path: '/resources/assets', label: 'resources.assets.nav', group: 'work', visible: hasAll('assets.read') },
  { path: '/resources/ledger', label: 'resources.ledger.nav', group: 'work', visible: hasAll('ledger.read') },
  {
    path: '/assessment/scheme',
    label: 'assessment.schemeNav',
    group: 'work',
    visible: hasAll('assessment.read'),
  },
  { path: '/admin/wording', label: 'wording.lexicon.nav', group: 'admin', visible: hasAll('wording.admin') },
  {
    path: '/admin/templates',
    label: 'wording.templates.nav',
    group: 'admin',
    visible: hasAll('templates.read'),
  },
  { path: '/admin/regions', label: 'nav.regions', group: 'admin', visible: hasAll('reference.read') },
  { path: '/admin/partners', label: 'nav.partners', group: 'admin', visible: hasAll('reference.read') },
  { path: '/admin/people', label: 'nav.people', group: 'admin', visible: hasAll('people.read') },
  // customers.read is held by every role; these administration pages are for reference readers.
  { path: '/admin/customers', label: 'nav.customers', group: 'admin', visible: hasAll('reference.read') },
  { path: '/admin/sites', label: 'nav.sites', group: 'admin', visible: hasAll('reference.read') },
  { path: '/admin/equipment', label: 'nav.equipment', group: 'admin', visible: hasAll('reference.read') },
  {
    path: '/admin/deadline-policies',
    label: 'settings.policies.nav',
    group: 'admin',
    visible: hasAll('deadlines.manage'),
  },
  {
    path: '/admin/calendars',
    label: 'settings.calendars.nav',
    group: 'admin',
    visible: hasAll('deadlines.manage'),
  },
  {
    path: '/admin/escalation-ladders',
    label: 'settings.ladders.nav',
    group: 'admin',
    visible: hasAll('deadlines.manage'),
  },
  {
    path: '/admin/checklists',
    label: 'settings.checklists.nav',
    group: 'admin',
    visible: hasAll('onsite.checklists.manage'),
  },
  {
    path: '/admin/group-robots',
    label: 'robots.nav',
    group: 'admin',
    visible: hasAll('group_robots.read'),
  },
  { path: '/account/password', label: 'nav.password', group: 'account', visible: () => true },
  { path: '/capacity', label: 'capacity.nav', group: 'work', visible: hasAll('capacity.read') },
  {
    path: '/inspections',
    label: 'capacity.inspectionsNav',
    group: 'work',
    visible: hasAll('inspections.read'),
  },
];

/** The entries this person may open. */
export function navFor(me: Me): NavItem[] {
  return NAV.filter((n) => n.visible(me));
}
