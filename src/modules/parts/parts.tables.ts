/** Row types of spare parts (RS-1). `DB` in src/db/schema.ts extends `PartTables`. */

export type MovementKind =
  | 'receive'
  | 'reserve'
  | 'release'
  | 'issue'
  | 'consume'
  | 'return_unused'
  | 'return_faulty'
  | 'transfer'
  | 'adjust';

export type FaultyStatus = 'awaiting_repair' | 'sent_for_repair' | 'rma' | 'repaired' | 'scrapped';

export interface PartDepotTable {
  id: string;
  code: string;
  name: string;
  region_id: string;
  /** The partner running the depot; null for the vendor's own depots. */
  partner_id: string | null;
  /** Who keeps the depot and hears about low stock. */
  keeper_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface PartTable {
  id: string;
  code: string;
  name: string;
  product: string | null;
  unit: string;
  created_at: string;
  updated_at: string;
}

/** Good units in a depot; `reserved` of them are promised to orders. Locked by every movement. */
export interface PartStockTable {
  depot_id: string;
  part_id: string;
  on_hand: number;
  reserved: number;
  /** Faulty units returned and still held at the depot (not usable stock). */
  faulty: number;
  min_qty: number;
  updated_at: string;
}

/** One line of the append-only ledger; `qty` is positive except for stock-take adjustments. */
export interface PartMovementTable {
  id: string;
  kind: MovementKind;
  depot_id: string;
  part_id: string;
  qty: number;
  order_id: string | null;
  /** The engineer the part was issued to or who consumed/returned it. */
  person_id: string | null;
  to_depot_id: string | null;
  fault_code: string | null;
  serial_no: string | null;
  reason: string | null;
  actor_id: string | null;
  at: string;
}

export interface FaultyPartTable {
  id: string;
  movement_id: string;
  depot_id: string;
  part_id: string;
  order_id: string | null;
  fault_code: string;
  serial_no: string | null;
  qty: number;
  status: FaultyStatus;
  created_at: string;
  updated_at: string;
}

export interface PartTables {
  part_depots: PartDepotTable;
  parts: PartTable;
  part_stock: PartStockTable;
  part_movements: PartMovementTable;
  faulty_parts: FaultyPartTable;
}
