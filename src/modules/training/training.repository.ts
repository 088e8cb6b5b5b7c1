/** All SQL for on-site training records. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TrainingRecordTable } from './training.tables.ts';

export async function insertTraining(db: Kysely<DB>, row: TrainingRecordTable): Promise<void> {
  await db.insertInto('training_records').values(row).execute();
}

/** An order's training records with the trainer's name, oldest first. */
export function trainingsOf(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('training_records as t')
    .innerJoin('people as p', 'p.id', 't.trained_by')
    .selectAll('t')
    .select('p.display_name as trainer_name')
    .where('t.order_id', '=', orderId)
    .orderBy('t.trained_at')
    .orderBy('t.id')
    .execute();
}
