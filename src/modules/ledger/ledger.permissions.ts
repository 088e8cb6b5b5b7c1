/** Who may read the subscriber ledger, import files into it and settle its differences (RS-7). */
import { grant } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';

export const LEDGER_READ = 'ledger.read';
export const LEDGER_IMPORT = 'ledger.import';
export const LEDGER_RESOLVE = 'ledger.resolve';

export function grantLedgerPermissions(): void {
  grant(LEDGER_READ, ['dispatcher', 'auditor', 'admin', ...MANAGER_ROLES]);
  grant(LEDGER_IMPORT, ['dispatcher', 'admin', ...MANAGER_ROLES]);
  grant(LEDGER_RESOLVE, ['dispatcher', 'admin', ...MANAGER_ROLES]);
}
