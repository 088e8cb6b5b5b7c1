/**
 * Demo step: major operations (MO-1 … MO-13) through the operations services, so a new user sees
 * change control at work — an operation in every state, a released-version catalog with a pilot
 * under way, a batch rollout of the unproven version refused by the server's MO-11 rule, a plan
 * refused by the customer's escort, and a network freeze over the New Year holiday declared after
 * one operation in it was approved (which flags it). Each step runs at the instant it would have
 * happened: windows lie in the 01:00–04:00 night of the site's day (Asia/Shanghai).
 */
import type { AppContext } from '../../../app/context.ts';
import { actorFor } from '../../../modules/access/access.service.ts';
import type { Actor } from '../../../modules/access/policy.ts';
import { addVersion, declareFreeze } from '../../../modules/operations/operations.catalog.ts';
import { getOperation } from '../../../modules/operations/operations.context.ts';
import * as run from '../../../modules/operations/operations.execution.ts';
import { sendBack } from '../../../modules/operations/operations.planning.ts';
import { operationDetail } from '../../../modules/operations/operations.present.ts';
import type { OperationKind, PlanBody } from '../../../modules/operations/operations.rules.ts';
import * as ops from '../../../modules/operations/operations.service.ts';
import { AppError } from '../../../shared/errors.ts';
import { addDays, type DemoState, type DemoStep } from '../loader.ts';

const HOUR = 3_600_000;
const ZONE = 'Asia/Shanghai';

const plan = (what: string, transfer = false): PlanBody => ({
  steps: [
    {
      title: `备份${what}数据和配置`,
      expectedResult: '备份文件生成，校验值已记录',
      rollbackStep: '无需回退',
      modifying: false,
      tableTransfer: false,
    },
    {
      title: `实施${what}`,
      expectedResult: '告警清除，业务正常',
      rollbackStep: '按备份恢复原配置',
      modifying: true,
      tableTransfer: false,
    },
    {
      title: transfer ? '复核后传表' : '业务拨测',
      expectedResult: transfer ? '数据表同步一致' : '拨测全部通过',
      rollbackStep: transfer ? '回传原数据表' : '无需回退',
      modifying: transfer,
      tableTransfer: transfer,
    },
  ],
  rollbackPlan: `${what}失败时按步骤逆序回退，恢复操作前备份，30 分钟内恢复业务`,
  risk: {
    impact: '操作期间相关业务短时中断',
    affectedServices: '宽带、专线',
    affectedSubscribers: 800,
    likelihood: '低',
  },
  verificationSteps: ['各方向拨测', '话单核对', '告警和性能统计检查'],
});

/** The context at an instant: every record of the operation carries the time it happened. */
const at = (ctx: AppContext, when: number): AppContext => ({ ...ctx, clock: { now: () => new Date(when) } });

/** 01:00 on a site's day (UTC+8, no daylight saving) as epoch milliseconds. */
const night = (day: string) => Date.parse(`${day}T01:00:00.000+08:00`);

export const operationsStep: DemoStep = {
  name: 'major operations',
  async run(s: DemoState) {
    const named = (u: string) => s.people.find((p) => p.username === u);
    const escortAccount = named('escort');
    const lead = named('engineer');
    const product = s.products[0];
    if (!escortAccount?.customerId || !lead || !product) return 'no escort, engineer or product, none';
    const sitesOf = async (customerId: string) =>
      (
        await s.ctx.db
          .selectFrom('sites')
          .select(['id', 'time_zone'])
          .where('customer_id', '=', customerId)
          .where('time_zone', '=', ZONE)
          .orderBy('code')
          .execute()
      ).map((x) => x.id);
    // The escort account's operator branch, or the branch with the most rooms when it has one.
    let customerId = escortAccount.customerId;
    let sites = await sitesOf(customerId);
    if (sites.length < 2)
      for (const c of s.customers.filter((x) => x.kind === 'operator')) {
        const theirs = await sitesOf(c.id);
        if (theirs.length > sites.length) [customerId, sites] = [c.id, theirs];
      }
    const customerPerson = (role: string) =>
      s.people.find((p) => p.customerId === customerId && (p.roles as string[]).includes(role));
    const cast = {
      lead,
      escort: customerPerson('customer_escort'),
      monitor: customerPerson('network_monitoring'),
      pm: named('pm'),
      chief: named('chief'),
    };
    const province = s.province;
    if (!province || sites.length < 2 || Object.values(cast).some((p) => !p))
      return 'too few rooms or people, none';
    const as = async (p: { id: string } | undefined) => (await actorFor(s.ctx, p!.id, 'session')) as Actor;
    const leadA = await as(cast.lead);
    const escortA = await as(cast.escort);
    const monitorA = await as(cast.monitor);
    const pmA = await as(cast.pm);
    const chiefA = await as(cast.chief);
    const now = s.ctx.clock.now().getTime();
    const today = s.today;

    // MO-10: the catalog. The older release was upgraded to in the field already; the new one not yet.
    const [proven, fresh] = [product.versions[1] ?? 'V1', product.versions[2] ?? 'V2'];
    const catalog = at(s.ctx, now - 60 * 24 * HOUR);
    const provenV = await addVersion(catalog, chiefA, {
      product: product.product,
      version: proven,
      status: 'released',
      pilotSize: 1,
    });
    const freshV = await addVersion(catalog, chiefA, {
      product: product.product,
      version: fresh,
      status: 'released',
      pilotSize: 1,
    });
    await addVersion(catalog, chiefA, {
      product: product.product,
      version: `${product.versions[0] ?? 'V0'}（已撤回）`,
      status: 'withdrawn',
      pilotSize: 1,
    });

    const states = new Map<string, number>();
    /** Brings one operation from planning to `to`, each move at the time it would have happened. */
    const operation = async (o: {
      kind: OperationKind;
      title: string;
      day: string;
      to: string;
      siteIds?: string[];
      versionId?: string;
      transfer?: boolean;
    }) => {
      const start = night(o.day);
      const plannedAt = Math.min(start - 5 * 24 * HOUR, now - HOUR);
      const t = (ms: number) => at(s.ctx, ms);
      // The project manager plans for the lead (the lead's own view narrows to the lead's area).
      const op = await ops.createOperation(t(plannedAt), pmA, {
        kind: o.kind,
        title: o.title,
        siteIds: o.siteIds ?? [sites[0]!],
        leadId: lead.id,
        team: [pmA.personId],
        product: product.product,
        versionId: o.versionId ?? null,
        windowStart: new Date(start).toISOString(),
        windowEnd: new Date(start + 3 * HOUR).toISOString(),
        observationDays: 1,
      });
      const id = op.id;
      const step = (h: number) => t(plannedAt + h * 60_000);
      await ops.savePlan(step(10), pmA, id, plan(o.title, o.transfer));
      const done = async () => {
        states.set(o.to, (states.get(o.to) ?? 0) + 1);
        return id;
      };
      if (o.to === 'draft') return done();
      await ops.transition(step(20), leadA, id, 'submitted');
      if (o.to === 'refused') {
        await sendBack(step(60), escortA, id, '回退方案没有写明回退所需时间，请补充后再提交');
        states.set('draft (refused by the escort)', (states.get('draft (refused by the escort)') ?? 0) + 1);
        return id;
      }
      if (o.to === 'submitted') return done();
      if (o.kind === 'cutover' || o.kind === 'upgrade') await ops.reviewPlan(step(120), chiefA, id);
      if (o.to === 'plan_reviewed') return done();
      for (const [i, who] of [escortA, pmA, chiefA].entries())
        await ops.approve(step(180 + i * 30), who, id, null);
      if (o.to === 'approved') return done();
      await ops.sendNotices(step(300), leadA, id);
      if (o.to === 'notified') return done();
      if (o.versionId) await ops.acknowledgeVersion(step(320), leadA, id);
      await ops.transition(step(330), leadA, id, 'ready');
      if (o.to === 'ready') return done();
      if (o.to === 'cancelled') {
        await ops.transition(step(340), leadA, id, 'cancelled', '客户要求延期，另行安排');
        return done();
      }
      // On site: start inside the window, back up, run the steps.
      const w = (min: number) => t(start + min * 60_000);
      await ops.startOperation(w(5), leadA, id);
      await run.recordBackup(w(10), leadA, id, {
        what: `${o.title}前的数据和配置`,
        location: 'OMC 服务器 /backup',
        fileName: `${o.kind}-${o.day}.tar.gz`,
        sizeBytes: 48_211_968,
        sha256: 'a3f1c9'.padEnd(64, '0'),
        changeTableChecked: true,
      });
      const detail = await operationDetail(s.ctx, await getOperation(s.ctx, leadA, id));
      const steps = detail.steps.filter((x) => x.planStep !== null);
      const runStep = async (i: number, min: number, outcome: 'done' | 'failed' = 'done') => {
        const st = steps[i]!;
        if (st.tableTransfer) await run.recheckStep(w(min - 2), leadA, id, st.id);
        await run.startStep(w(min), leadA, id, st.id);
        await run.finishStep(w(min + 15), leadA, id, st.id, {
          outcome,
          result: outcome === 'done' ? '符合预期' : '单板启动失败，业务未恢复',
          ...(outcome === 'failed' ? { onFailure: 'rollback' as const } : {}),
        });
      };
      await runStep(0, 15);
      if (o.to === 'in_progress') return done();
      if (o.to === 'aborted') {
        await run.reportOperationEmergency(w(40), leadA, id, '现场发现机房供电告警，暂停操作');
        await ops.transition(w(45), leadA, id, 'aborted', '机房供电告警，操作中止');
        return done();
      }
      if (o.to === 'rolled_back') {
        await runStep(1, 40, 'failed');
        return done();
      }
      await runStep(1, 40);
      await runStep(2, 70);
      await run.finishWork(w(100), leadA, id);
      if (o.to === 'verifying') return done();
      await run.recordVerification(w(130), leadA, id, {
        callTests: '本地、长途、互通方向拨测各 20 次，全部接通',
        billingRecords: '各方向话单正常生成',
        callLoss: '无异常掉话',
        alarms: '无新增告警',
        performance: '性能统计与操作前持平',
        passed: true,
      });
      const watchAt = start + 130 * 60_000;
      const names = [lead.displayName, cast.pm!.displayName];
      for (let k = 0; k < 2; k++)
        await run.recordDuty(w(140), leadA, id, {
          names: [names[k]!],
          from: new Date(watchAt + k * 12 * HOUR).toISOString(),
          to: new Date(watchAt + (k + 1) * 12 * HOUR).toISOString(),
        });
      if (o.to === 'watching') return done();
      const after = watchAt + 25 * HOUR;
      await run.recordMonitorAgreement(t(after), monitorA, id, '观察期内网络运行平稳，同意撤离');
      await run.completeOperation(t(after + 10 * 60_000), leadA, id, {
        summary: '操作按方案完成，业务验证通过，观察期内运行平稳',
        leftovers: [
          {
            description: '两块备用单板版本需同步升级',
            ownerId: cast.pm!.id,
            dueOn: addDays(today, 10),
          },
        ],
      });
      return done();
    };

    // Done weeks ago: the upgrade that proved the older release in the field, then the rest of the states.
    await operation({
      kind: 'upgrade',
      title: 'OLT 升级',
      day: addDays(today, -20),
      to: 'completed',
      versionId: provenV.id,
    });
    await operation({
      kind: 'power_cycle',
      title: '主控板关电复位',
      day: addDays(today, -12),
      to: 'rolled_back',
    });
    await operation({ kind: 'service_test', title: '业务倒换测试', day: addDays(today, -9), to: 'aborted' });
    await operation({
      kind: 'table_transfer',
      title: '数据传表',
      day: addDays(today, -3),
      to: 'verifying',
      transfer: true,
    });
    await operation({ kind: 'expansion', title: '汇聚扩容', day: addDays(today, -1), to: 'watching' });
    // MO-11: the new release goes to one pilot room first; the pilot started last night.
    await operation({
      kind: 'upgrade',
      title: `${fresh} 试点升级`,
      day: addDays(today, -1),
      to: 'in_progress',
      versionId: freshV.id,
    });
    let refusal = 'not refused';
    try {
      await ops.createOperation(s.ctx, pmA, {
        kind: 'upgrade',
        title: `${fresh} 批量升级`,
        siteIds: sites.slice(0, 2),
        leadId: lead.id,
        product: product.product,
        versionId: freshV.id,
        windowStart: new Date(night(addDays(today, 4))).toISOString(),
        windowEnd: new Date(night(addDays(today, 4)) + 3 * HOUR).toISOString(),
      });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      refusal = e.details.map((d) => `${d.field}: ${d.message.en}`).join('; ');
    }
    if (!refusal.startsWith('siteIds'))
      throw new Error(
        `demo data: the batch rollout before the pilot was expected to be refused (${refusal})`,
      );
    await operation({ kind: 'online_data', title: '在线数据配置', day: addDays(today, 2), to: 'ready' });
    await operation({ kind: 'timer_change', title: '定时器修改', day: addDays(today, 3), to: 'notified' });
    await operation({ kind: 'cutover', title: '核心网割接', day: addDays(today, 6), to: 'plan_reviewed' });
    await operation({ kind: 'board_swap', title: '单板插拔更换', day: addDays(today, 7), to: 'submitted' });
    await operation({ kind: 'restart', title: '网管服务器重启', day: addDays(today, 8), to: 'draft' });
    await operation({ kind: 'relocation', title: '机房设备搬迁', day: addDays(today, 9), to: 'refused' });
    await operation({ kind: 'drill', title: '应急演练', day: addDays(today, 5), to: 'cancelled' });

    // MO-2: a switchover approved for New Year's Eve, then the holiday freeze declared over it.
    const year = Number(today.slice(0, 4)) + (today.slice(5) > '01-03' ? 1 : 0);
    const eve = `${year - 1}-12-31`;
    await operation({ kind: 'switchover', title: '跨年主备倒换', day: eve, to: 'approved' });
    const freeze = await declareFreeze(s.ctx, chiefA, {
      regionId: province.id,
      startsAt: new Date(Date.parse(`${eve}T00:00:00.000+08:00`)).toISOString(),
      endsAt: new Date(Date.parse(`${year}-01-04T00:00:00.000+08:00`)).toISOString(),
      reason: '元旦假期封网',
    });
    const list = [...states].map(([k, v]) => `${v} ${k}`).join(', ');
    return `${list}; New Year freeze flags ${freeze.flaggedOperationIds.length}; batch rollout refused (${refusal})`;
  },
};
