/** Change control for major operations (domain.md §4, MO-1 … MO-13). */
import type { Capability } from '../../app/capability.ts';
import { entityNames, registerMessages } from '../../http/messages.ts';
import { grant } from '../access/policy.ts';
import { registerOperationTimers } from './operations.catalog.ts';
import { OPERATION_REFUSED } from './operations.context.ts';
import { operationRoutes } from './operations.routes.ts';
import { operationRunRoutes } from './operations.run.routes.ts';

export const operationsCapability: Capability = {
  name: 'operations',
  routes: [...operationRoutes, ...operationRunRoutes],
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
  },
};
