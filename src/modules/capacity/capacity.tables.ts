/** Row types of capacity planning (RS-4): the staffing ratios and the hotlines. `DB` extends them. */

/** The configurable ratios of seed 004; `value` is how many of the first per one of the second. */
export type CapacityRuleKey =
  | 'home_per_maintainer'
  | 'lines_per_maintainer'
  | 'maintainers_per_vehicle'
  | 'hotline_hours';

export interface CapacityRuleTable {
  key: CapacityRuleKey;
  value: number;
  updated_at: string;
}

/** A fixed hotline (with fax) of a region's maintenance team; null partner: own staff. */
export interface CapacityHotlineTable {
  id: string;
  region_id: string;
  partner_id: string | null;
  phone: string;
  /** Hours a day someone answers it; seed 004 asks for 24. */
  hours_per_day: number;
  created_at: string;
  updated_at: string;
}

export interface CapacityTables {
  capacity_rules: CapacityRuleTable;
  capacity_hotlines: CapacityHotlineTable;
}
