/** The console's pages and who sees them in the navigation (the server still checks every call). */
import type { Me } from './api.ts';

/** One navigation entry. */
export interface NavItem {
  path: string;
  /** i18n key of the label. */
  label: string;
  group: 'work' | 'admin' | 'account';
  /** Shown when the person holds every one of these permissions. */
  permissions: string[];
}

export const NAV: NavItem[] = [
  { path: '/admin/regions', label: 'nav.regions', group: 'admin', permissions: ['reference.read'] },
  { path: '/admin/partners', label: 'nav.partners', group: 'admin', permissions: ['reference.read'] },
  { path: '/admin/people', label: 'nav.people', group: 'admin', permissions: ['people.read'] },
  // customers.read is held by every role; these administration pages are for reference readers.
  { path: '/admin/customers', label: 'nav.customers', group: 'admin', permissions: ['reference.read'] },
  { path: '/admin/sites', label: 'nav.sites', group: 'admin', permissions: ['reference.read'] },
  { path: '/admin/equipment', label: 'nav.equipment', group: 'admin', permissions: ['reference.read'] },
  { path: '/account/password', label: 'nav.password', group: 'account', permissions: [] },
];

/** The entries this person may open. */
export function navFor(me: Me): NavItem[] {
  return NAV.filter((n) => n.permissions.every((p) => me.permissions.includes(p)));
}
