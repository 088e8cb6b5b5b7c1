/** All SQL for group robots and their posts. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { GroupRobotMessageTable, GroupRobotTable } from './group-robots.tables.ts';

export function listRobots(db: Kysely<DB>, filter: { activeOnly?: boolean } = {}) {
  let q = db.selectFrom('group_robots').selectAll();
  if (filter.activeOnly) q = q.where('active', '=', 1);
  return q.orderBy('name').orderBy('id').execute();
}

export function findRobot(db: Kysely<DB>, id: string) {
  return db.selectFrom('group_robots').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRobot(db: Kysely<DB>, row: GroupRobotTable): Promise<void> {
  await db.insertInto('group_robots').values(row).execute();
}

export async function updateRobot(
  db: Kysely<DB>,
  id: string,
  patch: Partial<GroupRobotTable>,
): Promise<void> {
  await db.updateTable('group_robots').set(patch).where('id', '=', id).execute();
}

export async function insertMessages(db: Kysely<DB>, rows: GroupRobotMessageTable[]): Promise<void> {
  if (rows.length) await db.insertInto('group_robot_messages').values(rows).execute();
}

export function findMessage(db: Kysely<DB>, id: string) {
  return db.selectFrom('group_robot_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateMessage(
  db: Kysely<DB>,
  id: string,
  patch: Partial<GroupRobotMessageTable>,
): Promise<void> {
  await db.updateTable('group_robot_messages').set(patch).where('id', '=', id).execute();
}

export async function listMessages(db: Kysely<DB>, robotId: string, page: { limit: number; offset: number }) {
  const q = db.selectFrom('group_robot_messages').where('robot_id', '=', robotId);
  const [items, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
