/** Partner companies (代维公司) and the regions each covers. */
import { ResourcePage, type ResourceSpec } from '../../resource.tsx';

const spec: ResourceSpec = {
  title: 'nav.partners',
  base: '/api/v1/partners',
  readPermission: 'reference.read',
  managePermission: 'reference.manage',
  columns: [
    { key: 'code', title: 'fields.code' },
    { key: 'name', title: 'fields.name' },
    { key: 'contactName', title: 'fields.contactName' },
    { key: 'contactPhone', title: 'fields.contactPhone' },
    {
      key: 'regionIds',
      title: 'fields.regionIds',
      render: (row, tools) =>
        (row.regionIds as string[]).map((id) => tools.regionLabel(id)).join('、') || '—',
    },
    { key: 'active', title: 'fields.active' },
  ],
  fields: [
    { name: 'code', label: 'fields.code', kind: 'text', required: true },
    { name: 'name', label: 'fields.name', kind: 'text', required: true },
    { name: 'contactName', label: 'fields.contactName', kind: 'text', nullable: true },
    { name: 'contactPhone', label: 'fields.contactPhone', kind: 'text', nullable: true },
    {
      name: 'regionIds',
      label: 'fields.regionIds',
      kind: 'regions',
      separate: { method: 'PUT', url: (id) => `/api/v1/partners/${id}/regions`, key: 'regionIds' },
    },
    { name: 'active', label: 'fields.active', kind: 'switch', editOnly: true },
  ],
  filters: [
    {
      name: 'active',
      label: 'fields.active',
      kind: 'select',
      options: [
        { value: 'true', label: 'common.active' },
        { value: 'false', label: 'common.inactive' },
      ],
    },
    { name: 'regionId', label: 'fields.regionId', kind: 'region' },
  ],
};

/** The partners page. */
export default function PartnersPage() {
  return <ResourcePage spec={spec} />;
}
