/** All SQL for generated reports. Nothing here deletes (RC-3). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { OrderReportTable } from './reports.tables.ts';

/** Generated reports of an order, newest first. */
export function reportsOf(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('order_reports')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('generated_at', 'desc')
    .execute();
}

/** Records a generated report. */
export async function insertReport(db: Kysely<DB>, row: OrderReportTable): Promise<void> {
  await db.insertInto('order_reports').values(row).execute();
}
