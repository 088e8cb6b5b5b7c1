/** Subscriber ledger and EOMS reconciliation (RS-7) as a capability. */
import type { Capability } from '../../app/capability.ts';
import { entityNames, registerMessages } from '../../http/messages.ts';
import { grantLedgerPermissions } from './ledger.permissions.ts';
import { ledgerRoutes } from './ledger.routes.ts';

export const ledgerCapability: Capability = {
  name: 'ledger',
  routes: ledgerRoutes,
  register() {
    grantLedgerPermissions();
    registerMessages({
      ledger_item_closed: { 'zh-CN': '此差异已处理', en: 'This difference has already been settled' },
      ledger_item_stale: {
        'zh-CN': '台账在对账后已变化，请重新导入 EOMS 导出文件',
        en: 'The ledger changed after the reconciliation; import the EOMS export again',
      },
    });
    Object.assign(entityNames, {
      ledger_line: { 'zh-CN': '台账记录', en: 'ledger line' },
      ledger_item: { 'zh-CN': '对账差异', en: 'reconciliation difference' },
      ledger_import: { 'zh-CN': '导入记录', en: 'import' },
    });
  },
};
