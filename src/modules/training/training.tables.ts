/** WO-9 on-site training: what was taught, to whom, signed by the customer's staff. */
export interface TrainingRecordTable {
  id: string;
  order_id: string;
  /** What was taught. */
  topic: string;
  /** To whom: the customer's staff who attended, as written on the sheet. */
  trainees: string;
  /** Who of the customer's staff signed for it. */
  signer_name: string;
  signature_attachment_id: string;
  trained_by: string;
  trained_at: string;
  created_at: string;
}

export interface TrainingTables {
  training_records: TrainingRecordTable;
}
