/** Equipment at customer sites: product, model, version and the maintenance contract's end (WO-13). */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CUSTOMERS, SITES } from '../../refs.tsx';
import { ResourcePage, type ResourceSpec } from '../../resource.tsx';
import { dayjs } from '../../time.ts';

function ContractEnd({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (typeof value !== 'string') return '—';
  const expired = value < dayjs().format('YYYY-MM-DD');
  return expired ? <Tag color="red">{t('equipment.expired', { date: value })}</Tag> : value;
}

const spec: ResourceSpec = {
  title: 'nav.equipment',
  base: '/api/v1/equipment',
  readPermission: 'customers.read',
  managePermission: 'reference.manage',
  columns: [
    { key: 'product', title: 'fields.product' },
    { key: 'model', title: 'fields.model' },
    { key: 'serialNo', title: 'fields.serialNo' },
    { key: 'softwareVersion', title: 'fields.softwareVersion' },
    {
      key: 'contractEndsOn',
      title: 'fields.contractEndsOn',
      render: (row) => <ContractEnd value={row.contractEndsOn} />,
    },
  ],
  fields: [
    { name: 'siteId', label: 'fields.siteId', kind: 'ref', required: true, ref: SITES },
    { name: 'product', label: 'fields.product', kind: 'text', required: true },
    { name: 'model', label: 'fields.model', kind: 'text', required: true },
    { name: 'serialNo', label: 'fields.serialNo', kind: 'text', nullable: true },
    { name: 'softwareVersion', label: 'fields.softwareVersion', kind: 'text', nullable: true },
    { name: 'contractEndsOn', label: 'fields.contractEndsOn', kind: 'date', nullable: true },
  ],
  filters: [
    { name: 'customerId', label: 'fields.customerId', kind: 'ref', ref: CUSTOMERS },
    { name: 'siteId', label: 'fields.siteId', kind: 'ref', ref: SITES },
  ],
};

/** The equipment page. */
export default function EquipmentPage() {
  return <ResourcePage spec={spec} />;
}
