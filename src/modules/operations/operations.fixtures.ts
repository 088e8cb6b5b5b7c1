/** Test helpers for major operations: the people of change control and an operation brought to a state through the API. */
import assert from 'node:assert/strict';
import { json, type Session, type TestApp } from '../../../test/harness.ts';
import { api } from '../onsite/onsite.fixtures.ts';
import { buildWorld, PRODUCT, type World } from '../work-orders/work-orders.fixtures.ts';

export interface OpsWorld {
  w: World;
  lead: Session;
  escort: Session;
  pm: Session;
  chief: Session;
  chiefEngineer: Session;
  office: Session;
  monitor: Session;
  admin: Session;
}

export async function buildOpsWorld(t: TestApp): Promise<OpsWorld> {
  const w = await buildWorld(t);
  const region = { regionIds: [w.regions.prefA] };
  return {
    w,
    lead: w.engNear,
    escort: await t.personWith(['customer_escort'], { displayName: '随工刘', customerId: w.customerId }),
    pm: await t.personWith(['project_manager'], {
      displayName: '项目经理周',
      email: 'pm@example.cn',
      ...region,
    }),
    chief: await t.personWith(['department_chief'], { displayName: '科长吴', ...region }),
    chiefEngineer: await t.personWith(['engineering_manager'], { displayName: '总工郑', ...region }),
    office: await t.personWith(['office_manager'], {
      displayName: '办事处副经理钱',
      email: 'om@example.cn',
      ...region,
    }),
    monitor: await t.personWith(['network_monitoring'], { displayName: '网监孙', customerId: w.customerId }),
    admin: await t.personWith(['admin'], { displayName: '管理员' }),
  };
}

/** Tuesday 01:00–03:00 in Guiyang (Asia/Shanghai): inside the default 00:00–06:00 window. */
export const WINDOW = { windowStart: '2026-11-02T17:00:00.000Z', windowEnd: '2026-11-02T19:00:00.000Z' };

export const PLAN = {
  steps: [
    {
      title: '备份数据',
      expectedResult: '备份文件生成',
      rollbackStep: '无',
      modifying: false,
      tableTransfer: false,
    },
    {
      title: '修改配置',
      expectedResult: '配置生效',
      rollbackStep: '恢复原配置',
      modifying: true,
      tableTransfer: false,
    },
    {
      title: '传表',
      expectedResult: '数据表同步',
      rollbackStep: '回传原表',
      modifying: true,
      tableTransfer: true,
    },
  ],
  rollbackPlan: '按步骤逆序回退，恢复备份',
  risk: { impact: '短时业务中断', affectedServices: '宽带', affectedSubscribers: 1200, likelihood: '低' },
  verificationSteps: ['拨测', '话单核对'],
};

export const opsApi = (t: TestApp) => api(t);

/** An operation of `kind` created, planned and submitted (the plan is reviewed too for kinds that need it). */
export async function submitted(t: TestApp, o: OpsWorld, extra: Record<string, unknown> = {}) {
  const { post, put } = api(t);
  const res = await post(o.lead, '/api/v1/operations', {
    kind: 'expansion',
    title: '南明汇聚扩容',
    siteIds: [o.w.siteA1],
    leadId: o.lead.personId,
    product: PRODUCT,
    ...WINDOW,
    ...extra,
  });
  assert.equal(res.statusCode, 201, res.body);
  const id = json<{ id: string }>(res).id;
  assert.equal((await put(o.lead, `/api/v1/operations/${id}/plan`, PLAN)).statusCode, 200);
  const sub = await post(o.lead, `/api/v1/operations/${id}/transitions`, { to: 'submitted' });
  assert.equal(sub.statusCode, 200, sub.body);
  return id;
}

/** Approved by the three default roles and notified, then ready. */
export async function ready(t: TestApp, o: OpsWorld, extra: Record<string, unknown> = {}) {
  const { post } = api(t);
  const id = await submitted(t, o, extra);
  if (extra.kind === 'upgrade' || extra.kind === 'cutover')
    assert.equal((await post(o.chief, `/api/v1/operations/${id}/review`, {})).statusCode, 200);
  for (const who of [o.escort, o.pm, o.chief]) {
    const r = await post(who, `/api/v1/operations/${id}/approvals`, {});
    assert.equal(r.statusCode, 200, r.body);
  }
  assert.equal((await post(o.lead, `/api/v1/operations/${id}/notices`, {})).statusCode, 200);
  if (extra.kind === 'upgrade' || extra.kind === 'software_load')
    await post(o.lead, `/api/v1/operations/${id}/version-acknowledgement`, {});
  const r = await post(o.lead, `/api/v1/operations/${id}/transitions`, { to: 'ready' });
  assert.equal(r.statusCode, 200, r.body);
  return id;
}
