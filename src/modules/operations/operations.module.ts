/** Change control for major operations (domain.md §4, MO-1 … MO-13). */
import type { Capability } from '../../app/capability.ts';
import { entityNames, registerMessages } from '../../http/messages.ts';
import { forbidden } from '../../shared/errors.ts';
import { can, grant } from '../access/policy.ts';
import { registerAttachmentOwner } from '../attachments/attachments.owners.ts';
import { registerSubjectClockKind } from '../deadlines/deadlines.subject-kinds.ts';
import { registerOperationTimers } from './operations.catalog.ts';
import { operationCompletionRoutes } from './operations.completion.routes.ts';
import { LEFTOVER_CLOCK } from './operations.completion.ts';
import { getOperation, OPERATION_REFUSED } from './operations.context.ts';
import { operationDeskRoutes } from './operations.desk.routes.ts';
import { operationRoutes } from './operations.routes.ts';
import { operationRunRoutes } from './operations.run.routes.ts';

export const operationsCapability: Capability = {
  name: 'operations',
  routes: [...operationRoutes, ...operationDeskRoutes, ...operationRunRoutes, ...operationCompletionRoutes],
  register() {
    const managers = [
      'project_manager',
      'office_manager',
      'department_chief',
      'engineering_manager',
    ] as const;
    grant('operations.read', [
      'engineer',
      'dispatcher',
      'auditor',
      'admin',
      'area_service_manager',
      'after_sales_director',
      'customer_escort',
      'network_monitoring',
      ...managers,
    ]);
    grant('operations.plan', [
      'engineer',
      'area_service_manager',
      'project_manager',
      'engineering_manager',
      'department_chief',
    ]);
    grant('operations.run', ['engineer', 'project_manager', 'engineering_manager']);
    grant('operations.review', ['department_chief', 'engineering_manager']);
    grant('operations.approve', ['customer_escort', ...managers]);
    grant('operations.monitor', ['network_monitoring']);
    grant('operations.configure', ['admin', 'department_chief', 'engineering_manager']);
    grant('versions.manage', ['admin', 'engineering_manager']);
    registerMessages({
      [OPERATION_REFUSED]: {
        'zh-CN': '重大操作管控规则不允许此操作',
        en: 'change control for major operations does not allow this',
      },
    });
    entityNames.operation = { 'zh-CN': '重大操作', en: 'major operation' };
    entityNames.operation_step = { 'zh-CN': '操作步骤', en: 'operation step' };
    entityNames.software_version = { 'zh-CN': '软件版本', en: 'software version' };
    registerOperationTimers();
    // MO-13: each leftover has a deadline clock; its notices name it plainly.
    registerSubjectClockKind(LEFTOVER_CLOCK, { 'zh-CN': '遗留问题', en: 'leftover issue' });
    // Backups (MO-5) and the completion report (MO-13) are seen by whoever may see the operation.
    registerAttachmentOwner('operation', {
      ensureVisible: async (ctx, actor, id) => {
        await getOperation(ctx, actor, id);
      },
      ensureWritable: async (ctx, actor, id) => {
        if (!can(actor, 'operations.run')) throw forbidden();
        await getOperation(ctx, actor, id);
      },
    });
  },
};
