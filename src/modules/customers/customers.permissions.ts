/**
 * Who may read customers, contacts, sites and equipment: every role, including the customer's
 * own people, because the scope then narrows what each sees (a partner its regions, a customer
 * its own records). Changing them stays with `reference.manage`.
 */
import { grant } from '../access/policy.ts';
import { ROLES } from '../access/roles.ts';

export const CUSTOMERS_READ = 'customers.read';

/** Every role may read customer records (the scope narrows them). Called from the capability's `register`. */
export function registerCustomerPermissions(): void {
  grant(CUSTOMERS_READ, ROLES);
}
