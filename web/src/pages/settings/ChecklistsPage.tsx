/** On-site checklists (WO-6) per order type: items are reworded, reordered or retired, never deleted. */
import i18n from '../../i18n.ts';
import { ResourcePage, type ResourceSpec } from '../../resource.tsx';
import { WORK_ORDER_TYPES } from '../../workOrders.ts';

const TYPE_OPTIONS = [
  { value: '*', label: 'settings.checklists.allTypes' },
  ...WORK_ORDER_TYPES.map((v) => ({ value: v, label: `wo.types.${v}` })),
];

const spec: ResourceSpec = {
  title: 'settings.checklists.nav',
  base: '/api/v1/checklist-items',
  readPermission: 'work_orders.read',
  managePermission: 'onsite.checklists.manage',
  columns: [
    { key: 'position', title: 'settings.checklists.position' },
    {
      key: 'orderType',
      title: 'settings.checklists.orderType',
      render: (row) =>
        i18n.t(row.orderType === '*' ? 'settings.checklists.allTypes' : `wo.types.${String(row.orderType)}`),
    },
    {
      key: 'labelZh',
      title: 'settings.checklists.item',
      render: (row) => String(i18n.language === 'en' ? row.labelEn : row.labelZh),
    },
    { key: 'required', title: 'settings.checklists.required' },
    { key: 'active', title: 'settings.checklists.active' },
  ],
  fields: [
    {
      name: 'orderType',
      label: 'settings.checklists.orderType',
      kind: 'select',
      required: true,
      createOnly: true,
      options: TYPE_OPTIONS,
    },
    { name: 'code', label: 'settings.checklists.code', kind: 'text', required: true, createOnly: true },
    { name: 'labelZh', label: 'settings.checklists.labelZh', kind: 'text', required: true },
    { name: 'labelEn', label: 'settings.checklists.labelEn', kind: 'text', required: true },
    { name: 'required', label: 'settings.checklists.required', kind: 'switch' },
    { name: 'position', label: 'settings.checklists.position', kind: 'number' },
    { name: 'active', label: 'settings.checklists.active', kind: 'switch', editOnly: true },
  ],
};

/** The checklists page. */
export default function ChecklistsPage() {
  return <ResourcePage spec={spec} />;
}
