/**
 * Group robots (企业微信 / 钉钉): administrators register a group's webhook; critical notices (and,
 * if asked, every escalation) about the robot's region are posted to the group — queued in the
 * notice's own transaction and sent by a durable timer, so a post is never lost to a crash and a
 * failed one is retried with backoff and recorded. Non-critical posts wait out quiet hours.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { registerTimerHandler, scheduleTimer, type TimerHandler } from '../../jobs/timers.ts';
import { invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor } from '../access/policy.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import { sendableAt } from '../notifications/notifications.rules.ts';
import { type RecordedNotice, registerNoticeFanout } from '../notifications/notifications.service.ts';
import { notifySettings } from '../notifications/notifications.settings.ts';
import { getRegion, regionPathOf } from '../regions/regions.service.ts';
import * as repo from './group-robots.repository.ts';
import {
  coversRegion,
  postBody,
  postUrl,
  type RobotProvider,
  replyProblem,
  robotContent,
  webhookProblem,
} from './group-robots.rules.ts';
import type { GroupRobotMessageTable, GroupRobotTable } from './group-robots.tables.ts';

export const ROBOT_SEND_TIMER = 'robot.send';
const MAX_ATTEMPTS = 8;
const SEND_TIMEOUT_MS = 10_000;

export interface RobotInput {
  name: string;
  provider: RobotProvider;
  webhookUrl: string;
  secret?: string | null | undefined;
  regionId?: string | null | undefined;
  criticalOnly?: boolean | undefined;
  active?: boolean | undefined;
}

/** Fields that never enter history in clear: the webhook's key and the signing secret. */
function forHistory(row: GroupRobotTable) {
  return { ...row, webhook_url: '(hidden)', secret: row.secret ? '(set)' : null };
}

async function assertUsable(ctx: AppContext, actor: Actor, input: Partial<RobotInput>) {
  if (input.webhookUrl !== undefined) {
    const p = webhookProblem(input.webhookUrl);
    if (p) throw invalid([problem('webhookUrl', `机器人地址${p[0]}`, `the webhook address ${p[1]}`)]);
  }
  if (input.regionId) await getRegion(ctx, actor.scope, input.regionId);
}

export function listRobots(ctx: AppContext) {
  return repo.listRobots(ctx.db);
}

export async function getRobot(ctx: AppContext, id: string): Promise<GroupRobotTable> {
  const row = await repo.findRobot(ctx.db, id);
  if (!row) throw notFound('group_robot');
  return row;
}

export async function createRobot(
  ctx: AppContext,
  actor: Actor,
  input: RobotInput,
): Promise<GroupRobotTable> {
  return inTransaction(ctx, async (tx) => {
    await assertUsable(tx, actor, input);
    const now = tx.clock.now().toISOString();
    const row: GroupRobotTable = {
      id: newId(),
      name: input.name,
      provider: input.provider,
      webhook_url: input.webhookUrl,
      secret: input.secret || null,
      region_id: input.regionId ?? null,
      critical_only: input.criticalOnly === false ? 0 : 1,
      active: input.active === false ? 0 : 1,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await repo.insertRobot(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'group_robot',
      entityId: row.id,
      action: 'create',
      changes: diffRecords(null, forHistory(row), ['created_at', 'updated_at']),
    });
    return row;
  });
}

export async function updateRobot(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: Partial<RobotInput>,
  reason: string | undefined,
): Promise<GroupRobotTable> {
  return inTransaction(ctx, async (tx) => {
    await tx.kit.lockRow(tx.db, 'group_robots', id);
    const before = await getRobot(tx, id);
    await assertUsable(tx, actor, patch);
    const next: GroupRobotTable = {
      ...before,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.provider !== undefined ? { provider: patch.provider } : {}),
      ...(patch.webhookUrl !== undefined ? { webhook_url: patch.webhookUrl } : {}),
      ...(patch.secret !== undefined ? { secret: patch.secret || null } : {}),
      ...(patch.regionId !== undefined ? { region_id: patch.regionId } : {}),
      ...(patch.criticalOnly !== undefined ? { critical_only: patch.criticalOnly ? 1 : 0 } : {}),
      ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
    };
    const changes = diffRecords(forHistory(before), forHistory(next), ['updated_at', 'version']);
    if (Object.keys(changes).length === 0) return before;
    next.version = before.version + 1;
    next.updated_at = tx.clock.now().toISOString();
    await repo.updateRobot(tx.db, id, next);
    await recordHistory(tx, actor, {
      entityType: 'group_robot',
      entityId: id,
      action: 'update',
      changes,
      ...(reason ? { reason } : {}),
    });
    return next;
  });
}

/** Posts one message now and says how it went; the try-out button of the settings page. */
export async function testRobot(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ ok: boolean; problem: string | null }> {
  const robot = await getRobot(ctx, id);
  const content = robotContent({
    title: '现场 Onsite 测试消息 / test message',
    body: `${actor.displayName} 发送的测试消息，收到即表示配置正确。`,
    critical: false,
  });
  const problemText = await post(ctx, robot, content, []);
  // The try-out is a post like any other: it shows in the robot's record with its outcome.
  await inTransaction(ctx, async (tx) => {
    const at = tx.clock.now().toISOString();
    await repo.insertMessages(tx.db, [
      {
        id: newId(),
        robot_id: id,
        notice_kind: 'robot.test',
        subject_type: null,
        subject_id: null,
        critical: 0,
        content,
        mentions: '[]',
        status: problemText === null ? 'sent' : 'failed',
        attempts: 1,
        last_error: problemText,
        not_before: at,
        created_at: at,
        sent_at: problemText === null ? at : null,
      },
    ]);
    await recordHistory(tx, actor, {
      entityType: 'group_robot',
      entityId: id,
      action: 'test',
      changes: { result: { from: null, to: problemText ?? 'ok' } },
    });
  });
  return { ok: problemText === null, problem: problemText };
}

/** Sends to the provider; the problem text on failure, null on success. Never throws. */
async function post(ctx: AppContext, robot: GroupRobotTable, content: string, mentions: string[]) {
  try {
    const res = await fetch(postUrl(robot, ctx.clock.now().getTime()), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(postBody(robot.provider, content, mentions)),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    return replyProblem(res.status, await res.text());
  } catch (err) {
    return `无法连接机器人地址 / could not reach the robot: ${String((err as Error).message || err)}`.slice(
      0,
      300,
    );
  }
}

/** Whether a robot posts this notice: critical ones always, escalations when it asks for them. */
function wants(robot: GroupRobotTable, notice: RecordedNotice): boolean {
  if (notice.critical) return true;
  return robot.critical_only === 0 && notice.kind.startsWith('escalation.');
}

/** The fan-out: queues one post per robot that covers the notice's region, in its transaction. */
async function queueForNotice(tx: AppContext, notice: RecordedNotice): Promise<void> {
  // Most notices (at-risk warnings, reminders) are for no robot: skip the query on that hot path.
  if (!notice.critical && !notice.kind.startsWith('escalation.')) return;
  const robots = (await repo.listRobots(tx.db, { activeOnly: true })).filter((r) => wants(r, notice));
  if (robots.length === 0) return;
  const noticePath = notice.regionId ? await regionPathOf(tx, notice.regionId) : null;
  const paths = new Map<string, string | null>();
  const now = tx.clock.now();
  const settings = notifySettings(tx.database);
  const critical = notice.critical === true;
  const notBefore = new Date(
    sendableAt(now.getTime(), settings.defaultTimeZone, settings.quietHours, critical),
  ).toISOString();
  const rows: GroupRobotMessageTable[] = [];
  for (const r of robots) {
    if (r.region_id && !paths.has(r.region_id)) paths.set(r.region_id, await regionPathOf(tx, r.region_id));
    if (!coversRegion(r.region_id ? (paths.get(r.region_id) ?? null) : null, noticePath)) continue;
    rows.push({
      id: newId(now.getTime()),
      robot_id: r.id,
      notice_kind: notice.kind,
      subject_type: notice.subjectType ?? null,
      subject_id: notice.subjectId ?? null,
      critical: critical ? 1 : 0,
      content: robotContent({ title: notice.title['zh-CN'], body: notice.body['zh-CN'], critical }),
      mentions: JSON.stringify(critical ? notice.recipientPhones : []),
      status: 'queued',
      attempts: 0,
      last_error: null,
      not_before: notBefore,
      created_at: now.toISOString(),
      sent_at: null,
    });
  }
  await repo.insertMessages(tx.db, rows);
  for (const m of rows) {
    await scheduleTimer(tx, {
      kind: ROBOT_SEND_TIMER,
      dueAt: m.not_before,
      payload: { messageId: m.id },
      dedupeKey: `robot:${m.id}`,
    });
  }
}

/**
 * Sends one queued post. An HTTP call cannot join a transaction, so the message status guards
 * against a second send; a failure is recorded and thrown so the timer retries with backoff.
 */
const sendTimer: TimerHandler = {
  transactional: false,
  maxAttempts: MAX_ATTEMPTS,
  async run(ctx, timer) {
    const msg = await repo.findMessage(ctx.db, String(timer.payload.messageId));
    if (msg?.status !== 'queued') return;
    const robot = await repo.findRobot(ctx.db, msg.robot_id);
    const problemText = robot
      ? robot.active
        ? await post(ctx, robot, msg.content, JSON.parse(msg.mentions) as string[])
        : '机器人已停用 / the robot was switched off'
      : '机器人已不存在 / the robot no longer exists';
    const attempts = msg.attempts + 1;
    if (problemText === null) {
      await repo.updateMessage(ctx.db, msg.id, {
        status: 'sent',
        sent_at: ctx.clock.now().toISOString(),
        attempts,
        last_error: null,
      });
      return;
    }
    const last = timer.attempts >= MAX_ATTEMPTS || !robot?.active;
    await repo.updateMessage(ctx.db, msg.id, {
      attempts,
      last_error: problemText,
      ...(last ? { status: 'failed' } : {}),
    });
    if (!last) throw new Error(problemText);
  },
};

/** A robot's posts with their delivery state, newest first. */
export async function robotMessages(ctx: AppContext, id: string, page: { limit: number; offset: number }) {
  await getRobot(ctx, id);
  return repo.listMessages(ctx.db, id, page);
}

/** The fan-out on every notice and the send timer. Called from the capability's `register`. */
export function registerGroupRobots(): void {
  registerNoticeFanout(queueForNotice);
  registerTimerHandler(ROBOT_SEND_TIMER, sendTimer);
}
