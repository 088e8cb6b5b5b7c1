/**
 * RS-4 rules, pure: staffing needed for the subscribers a team maintains, against the ratios of
 * seed 004 (kept as editable rules), and the roll-up of the figures up the region tree.
 */
import { type FieldProblem, problem } from '../../shared/errors.ts';
import type { CapacityRuleKey } from './capacity.tables.ts';

export type CapacityRules = Record<CapacityRuleKey, number>;

/** Seed 004's ratios, the defaults the migration writes. */
export const SEED_RULES: CapacityRules = {
  home_per_maintainer: 300,
  lines_per_maintainer: 30,
  maintainers_per_vehicle: 4,
  hotline_hours: 24,
};

/** What is counted for one region and one team (partner or own staff). */
export interface CapacityCounts {
  homeSubscribers: number;
  enterpriseLines: number;
  maintainers: number;
  vehicles: number;
  /** Teams here with a work load (subscribers or staff) but no hotline answered the hours asked. */
  hotlinesShort: number;
}

/** The counts with what the rules ask for and the gap (negative: a shortfall, positive: surplus). */
export interface CapacityFigures extends CapacityCounts {
  maintainersNeeded: number;
  maintainerGap: number;
  vehiclesNeeded: number;
  vehicleGap: number;
}

export const ZERO: CapacityCounts = {
  homeSubscribers: 0,
  enterpriseLines: 0,
  maintainers: 0,
  vehicles: 0,
  hotlinesShort: 0,
};

/** Ledger statuses of a line no longer in service: it needs no maintainer. */
const OUT_OF_SERVICE = new Set(['拆机', '已拆机', '注销', '销户', '停用', 'removed', 'cancelled']);

export const inService = (status: string): boolean => !OUT_OF_SERVICE.has(status.trim());

/**
 * RS-4 for one team in one region: "every 300 home subscribers one maintainer; every 30
 * enterprise lines one maintainer" — each started block needs a person, so both are rounded up
 * and added; "one vehicle per four maintainers" — for the maintainers actually on staff.
 */
export function figuresOf(c: CapacityCounts, rules: CapacityRules): CapacityFigures {
  const maintainersNeeded =
    Math.ceil(c.homeSubscribers / rules.home_per_maintainer) +
    Math.ceil(c.enterpriseLines / rules.lines_per_maintainer);
  const vehiclesNeeded = Math.ceil(c.maintainers / rules.maintainers_per_vehicle);
  return {
    ...c,
    maintainersNeeded,
    maintainerGap: c.maintainers - maintainersNeeded,
    vehiclesNeeded,
    vehicleGap: c.vehicles - vehiclesNeeded,
  };
}

/** RS-4 24-hour hotline: a team with work here needs a hotline answered at least the hours asked. */
export function hotlineShort(c: CapacityCounts, bestHours: number, rules: CapacityRules): boolean {
  const hasWork = c.homeSubscribers + c.enterpriseLines + c.maintainers > 0;
  return hasWork && bestHours < rules.hotline_hours;
}

/** Sums figures: each team's needs are rounded where the team is, then added up the tree. */
export function addFigures(a: CapacityFigures, b: CapacityFigures): CapacityFigures {
  const out = { ...a };
  for (const k of Object.keys(a) as (keyof CapacityFigures)[]) out[k] = a[k] + b[k];
  return out;
}

export const EMPTY_FIGURES: CapacityFigures = figuresOf(ZERO, SEED_RULES);

/** One team's figures at one region (the region a ledger line, person or vehicle is placed in). */
export interface PlacedFigures {
  regionPath: string;
  partnerId: string | null;
  figures: CapacityFigures;
}

/** A region node with its subtree's totals, overall and per team. */
export interface RolledRegion {
  path: string;
  total: CapacityFigures;
  byPartner: Map<string | null, CapacityFigures>;
}

/** Rolls placed figures up to every region whose path is a prefix of theirs (the region tree). */
export function rollUp(paths: readonly string[], placed: readonly PlacedFigures[]): RolledRegion[] {
  const nodes = new Map<string, RolledRegion>(
    paths.map((path) => [path, { path, total: EMPTY_FIGURES, byPartner: new Map() }]),
  );
  for (const p of placed) {
    for (const node of nodes.values()) {
      if (!p.regionPath.startsWith(node.path)) continue;
      node.total = addFigures(node.total, p.figures);
      node.byPartner.set(
        p.partnerId,
        addFigures(node.byPartner.get(p.partnerId) ?? EMPTY_FIGURES, p.figures),
      );
    }
  }
  return [...nodes.values()];
}

/** Every ratio is a positive number of reasonable size; hotline hours at most a day. */
export function ruleProblems(rules: Partial<CapacityRules>): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const [key, value] of Object.entries(rules)) {
    if (value === undefined) continue;
    if (!(value > 0) || value > 100_000)
      out.push(problem(key, '比例必须是大于 0 的数', 'the ratio must be a number above 0'));
    else if (key === 'hotline_hours' && value > 24)
      out.push(
        problem(key, '热线值守时长不能超过 24 小时', 'a hotline cannot be staffed more than 24 hours a day'),
      );
  }
  return out;
}
