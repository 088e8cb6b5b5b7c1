/**
 * Field labels in both languages, in one table so neither language can miss one. History
 * entries name database columns (snake_case), so each label also answers to its snake_case form.
 */
const FIELDS: Record<string, [zh: string, en: string]> = {
  id: ['编号', 'Id'],
  code: ['编码', 'Code'],
  name: ['名称', 'Name'],
  nameEn: ['英文名称', 'English name'],
  level: ['级别', 'Level'],
  timeZone: ['时区', 'Time zone'],
  reason: ['修改原因', 'Reason for the change'],
  updatedAt: ['更新时间', 'Updated'],
  createdAt: ['创建时间', 'Created'],
  parentId: ['上级区域', 'Parent region'],
  path: ['路径', 'Path'],
  contactName: ['联系人', 'Contact person'],
  contactPhone: ['联系电话', 'Contact phone'],
  regionIds: ['覆盖区域', 'Regions covered'],
  regionId: ['区域', 'Region'],
  active: ['启用', 'Active'],
  kind: ['类型', 'Kind'],
  customerId: ['客户', 'Customer'],
  siteId: ['站点', 'Site'],
  address: ['地址', 'Address'],
  lat: ['纬度', 'Latitude'],
  lng: ['经度', 'Longitude'],
  areaClass: ['区域类别', 'Area class'],
  siteClass: ['站点类型', 'Kind of place'],
  product: ['产品', 'Product'],
  model: ['型号', 'Model'],
  serialNo: ['序列号', 'Serial number'],
  softwareVersion: ['软件版本', 'Software version'],
  contractEndsOn: ['维保合同截止日', 'Maintenance contract ends'],
  username: ['用户名', 'Username'],
  displayName: ['姓名', 'Name'],
  phone: ['电话', 'Phone'],
  email: ['电子邮件', 'E-mail'],
  roles: ['角色', 'Roles'],
  partnerId: ['合作方', 'Partner'],
  locale: ['语言', 'Language'],
  password: ['初始密码', 'Initial password'],
  title: ['职务', 'Job title'],
  isEscort: ['随工人员', 'Escorts engineers'],
  employment: ['用工类型', 'Employment'],
  workCardNo: ['工作卡号', 'Work card number'],
  workCardExpiresOn: ['工作卡有效期至', 'Work card valid until'],
  skills: ['技能', 'Skills'],
  vehicle: ['车辆', 'Vehicle'],
  certificateNo: ['证书编号', 'Certificate number'],
  expiresOn: ['有效期至', 'Valid until'],
  revokedAt: ['吊销时间', 'Revoked at'],
  number: ['工单号', 'Order number'],
  type: ['类型', 'Type'],
  channel: ['受理渠道', 'Channel'],
  severity: ['严重程度', 'Severity'],
  reportedSeverity: ['报告时的严重程度', 'Severity as reported'],
  state: ['状态', 'State'],
  symptom: ['现象', 'Symptom'],
  alarms: ['告警', 'Alarms'],
  occurredAt: ['发生时间', 'Began at'],
  suspectedCause: ['可能原因', 'Suspected cause'],
  foundHow: ['如何发现', 'How found'],
  impactInterruption: ['业务中断', 'Service interruption'],
  impactKpi: ['KPI 严重下降', 'KPI degradation'],
  impactBilling: ['影响计费', 'Billing affected'],
  ownerId: ['负责人', 'Owner'],
  createdBy: ['创建人', 'Created by'],
  repeatCount: ['重复次数', 'Repeats'],
  receivedAt: ['受理时间', 'Received at'],
  acceptedAt: ['接单时间', 'Accepted at'],
  arrivedAt: ['到场时间', 'Arrived at'],
  restoredAt: ['恢复时间', 'Restored at'],
  resolvedAt: ['解决时间', 'Resolved at'],
  closedAt: ['关闭时间', 'Closed at'],
  stateChangedAt: ['状态变化时间', 'State changed at'],
  equipmentId: ['设备', 'Equipment'],
  externalRef: ['外部单号', 'External reference'],
  handover: ['移交', 'Handover'],
  appointment: ['预约', 'Appointment'],
};

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function build(index: 0 | 1): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, labels] of Object.entries(FIELDS)) {
    out[key] = labels[index];
    out[snake(key)] = labels[index];
  }
  return out;
}

export const fieldsZh = build(0);
export const fieldsEn = build(1);
