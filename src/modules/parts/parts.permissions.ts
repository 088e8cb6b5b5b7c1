/** Who may read, administer and move spare parts (RS-1). Granted in the capability's `register`. */
import { grant } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';

export const PARTS_READ = 'parts.read';
export const PARTS_MANAGE = 'parts.manage';
export const PARTS_MOVE = 'parts.move';

export function grantPartPermissions(): void {
  grant(PARTS_READ, ['dispatcher', 'engineer', 'call_center', 'auditor', 'admin', ...MANAGER_ROLES]);
  grant(PARTS_MANAGE, ['admin', ...MANAGER_ROLES]);
  grant(PARTS_MOVE, ['dispatcher', 'engineer', 'admin', ...MANAGER_ROLES]);
}
