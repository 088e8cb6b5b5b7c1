/** Customer sites: where work happens; each has its own time zone and area class (SL-1). */
import { useTranslation } from 'react-i18next';
import { CUSTOMERS } from '../../refs.tsx';
import { ResourcePage, type ResourceSpec } from '../../resource.tsx';
import { formatTime } from '../../time.ts';

/** Area classes that choose deadlines (SL-1). */
export const AREA_CLASS_OPTIONS = [
  { value: 'urban', label: 'enums.areaClass.urban' },
  { value: 'county', label: 'enums.areaClass.county' },
  { value: 'rural', label: 'enums.areaClass.rural' },
];

/** Kinds of place: machine rooms are worked around the clock, homes in business hours (WO-5). */
const SITE_CLASS_OPTIONS = [
  { value: 'machine_room', label: 'enums.siteClass.machine_room' },
  { value: 'office', label: 'enums.siteClass.office' },
  { value: 'home', label: 'enums.siteClass.home' },
  { value: 'other', label: 'enums.siteClass.other' },
];

const spec: ResourceSpec = {
  title: 'nav.sites',
  base: '/api/v1/sites',
  readPermission: 'customers.read',
  managePermission: 'reference.manage',
  timeZoneOf: (row) => row.timeZone as string,
  columns: [
    { key: 'code', title: 'fields.code' },
    { key: 'name', title: 'fields.name' },
    { key: 'address', title: 'fields.address' },
    { key: 'regionId', title: 'fields.regionId', render: (row, tools) => tools.regionLabel(row.regionId) },
    {
      key: 'siteClass',
      title: 'fields.siteClass',
      render: (row) => <SiteClassLabel value={row.siteClass} />,
    },
    { key: 'timeZone', title: 'fields.timeZone' },
    {
      key: 'updatedAt',
      title: 'fields.updatedAt',
      render: (row) => formatTime(row.updatedAt as string, row.timeZone as string),
    },
  ],
  fields: [
    { name: 'code', label: 'fields.code', kind: 'text', required: true },
    { name: 'customerId', label: 'fields.customerId', kind: 'ref', required: true, ref: CUSTOMERS },
    { name: 'name', label: 'fields.name', kind: 'text', required: true },
    { name: 'address', label: 'fields.address', kind: 'textarea', required: true },
    { name: 'regionId', label: 'fields.regionId', kind: 'region', required: true },
    {
      name: 'areaClass',
      label: 'fields.areaClass',
      kind: 'select',
      required: true,
      options: AREA_CLASS_OPTIONS,
    },
    { name: 'siteClass', label: 'fields.siteClass', kind: 'select', options: SITE_CLASS_OPTIONS },
    { name: 'timeZone', label: 'fields.timeZone', kind: 'text', help: 'sites.timeZoneHelp' },
    { name: 'lat', label: 'fields.lat', kind: 'number', nullable: true },
    { name: 'lng', label: 'fields.lng', kind: 'number', nullable: true },
  ],
  filters: [
    { name: 'customerId', label: 'fields.customerId', kind: 'ref', ref: CUSTOMERS },
    { name: 'regionId', label: 'fields.regionId', kind: 'region' },
    { name: 'areaClass', label: 'fields.areaClass', kind: 'select', options: AREA_CLASS_OPTIONS },
  ],
};

function SiteClassLabel({ value }: { value: unknown }) {
  const { t } = useTranslation();
  return <>{t(`enums.siteClass.${String(value)}`)}</>;
}

/** The sites page. */
export default function SitesPage() {
  return <ResourcePage spec={spec} />;
}
