/** Row types of instruments, vehicles and tool kits (RS-2). `DB` extends `AssetTables`. */

export type AssetKind = 'instrument' | 'vehicle' | 'tool_kit';
export type AssetStatus = 'in_service' | 'retired';

export interface AssetTable {
  id: string;
  kind: AssetKind;
  /** What it is within its kind: an instrument type (otdr, power_meter …), a vehicle or kit type. */
  type: string;
  name: string;
  serial_no: string;
  /** The team it belongs to: the region that team serves. */
  region_id: string;
  /** The partner owning it; null for the vendor's own. */
  partner_id: string | null;
  /** The person carrying it (a kit per person), or null while it stays with the team. */
  person_id: string | null;
  /** YYYY-MM-DD: the last day its calibration is valid; instruments only. */
  calibration_due: string | null;
  status: AssetStatus;
  created_at: string;
  updated_at: string;
}

export interface AssetTables {
  assets: AssetTable;
}
