/**
 * RS-4 capacity: per region and team, the home subscribers and enterprise lines maintained (the
 * subscriber ledger, through its service), the maintainers on staff (people), the vehicles
 * (assets) and the hotline, against the ratios kept as rules; rolled up the region tree.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { AppError, invalid, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { everyPage } from '../../shared/paging.ts';
import type { Actor, HistoryActor, Scope } from '../access/policy.ts';
import { listAssets } from '../assets/assets.service.ts';
import { recordHistory } from '../history/history.service.ts';
import { lineCounts } from '../ledger/ledger.service.ts';
import { getPartner } from '../partners/partners.service.ts';
import { listPeople } from '../people/people.service.ts';
import { getRegion, listRegions } from '../regions/regions.service.ts';
import * as repo from './capacity.repository.ts';
import {
  type CapacityCounts,
  type CapacityFigures,
  type CapacityRules,
  figuresOf,
  hotlineShort,
  inService,
  type PlacedFigures,
  rollUp,
  ruleProblems,
  SEED_RULES,
  ZERO,
} from './capacity.rules.ts';
import type { CapacityHotlineTable, CapacityRuleKey } from './capacity.tables.ts';

export async function currentRules(ctx: AppContext): Promise<CapacityRules> {
  const rules = { ...SEED_RULES };
  for (const r of await repo.allRules(ctx.db)) rules[r.key] = Number(r.value);
  return rules;
}

/** Changes ratios; each changed one is recorded in history with the reason. */
export function updateRules(
  ctx: AppContext,
  actor: HistoryActor,
  patch: Partial<CapacityRules>,
  reason: string,
): Promise<CapacityRules> {
  const problems = ruleProblems(patch);
  if (problems.length) return Promise.reject(invalid(problems));
  return inTransaction(ctx, async (tx) => {
    await repo.lockRules(tx.db, tx.kit);
    const before = await currentRules(tx);
    const at = tx.clock.now().toISOString();
    for (const [key, value] of Object.entries(patch) as [CapacityRuleKey, number | undefined][]) {
      if (value === undefined || before[key] === value) continue;
      await repo.saveRule(tx.db, key, value, at);
      await recordHistory(tx, actor, {
        entityType: 'capacity_rule',
        entityId: key,
        action: 'update',
        changes: { value: { from: before[key], to: value } },
        reason,
      });
    }
    return currentRules(tx);
  });
}

export const listHotlines = (ctx: AppContext, scope: Scope) => repo.hotlines(ctx.db, scope);

export interface HotlineInput {
  regionId: string;
  partnerId: string | null;
  phone: string;
  hoursPerDay: number;
}

/** Sets the hotline of a region's team (one per region and partner); a partner sets only its own. */
export function setHotline(
  ctx: AppContext,
  actor: Actor,
  input: HotlineInput,
): Promise<CapacityHotlineTable> {
  return inTransaction(ctx, async (tx) => {
    if (actor.scope.kind === 'partner' && input.partnerId !== actor.scope.partnerId)
      throw invalid([problem('partnerId', '只能登记本单位的热线', 'you may set only your own hotline')]);
    const refused = (field: string, zh: string, en: string) => (e: unknown) => {
      throw e instanceof AppError && e.status === 404 ? invalid([problem(field, zh, en)]) : e;
    };
    await getRegion(tx, actor.scope, input.regionId).catch(
      refused('regionId', '区域不存在', 'no such region'),
    );
    if (input.partnerId)
      await getPartner(tx, actor.scope, input.partnerId).catch(
        refused('partnerId', '合作方不存在', 'no such partner'),
      );
    const at = tx.clock.now().toISOString();
    const before = await repo.lockHotline(tx.db, tx.kit, input.regionId, input.partnerId);
    const row: CapacityHotlineTable = {
      id: before?.id ?? newId(),
      region_id: input.regionId,
      partner_id: input.partnerId,
      phone: input.phone,
      hours_per_day: input.hoursPerDay,
      created_at: before?.created_at ?? at,
      updated_at: at,
    };
    if (before && before.phone === row.phone && before.hours_per_day === row.hours_per_day) return before;
    if (before) await repo.saveHotline(tx.db, row);
    else await repo.insertHotline(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'capacity_hotline',
      entityId: row.id,
      action: before ? 'update' : 'create',
      changes: {
        phone: { from: before?.phone ?? null, to: row.phone },
        hoursPerDay: { from: before?.hours_per_day ?? null, to: row.hours_per_day },
      },
    });
    return row;
  });
}

/** A region of the report: its totals and each team's, and the rows of it nobody could place. */
export interface CapacityReport {
  rules: CapacityRules;
  regions: {
    id: string;
    name: string;
    level: string;
    parentId: string | null;
    path: string;
    total: CapacityFigures;
    byPartner: { partnerId: string | null; figures: CapacityFigures }[];
  }[];
  /** Ledger county names that match no region: counted nowhere, so they are listed. */
  unplaced: { regionName: string; partnerId: string; lines: number }[];
}

type Bucket = { path: string; partnerId: string | null; counts: CapacityCounts; hotlineHours: number };

/**
 * RS-4: the report the actor may see (a partner only its own teams). Lines are placed by their
 * county name; a person assigned to several regions counts once, in the first by path; vehicles
 * in service count where they are registered.
 */
export async function capacityReport(
  ctx: AppContext,
  scope: Scope,
  regionId?: string,
): Promise<CapacityReport> {
  const rules = await currentRules(ctx);
  const regions = await everyPage(async (page) => (await listRegions(ctx, scope, {}, page)).items);
  const root = regionId ? await getRegion(ctx, scope, regionId) : null;
  const byId = new Map(regions.map((r) => [r.id, r]));
  // County names first, so a prefecture of the same name does not take its county's lines.
  const byName = new Map<string, string>();
  for (const r of [...regions].sort((a, b) => b.path.length - a.path.length))
    if (!byName.has(r.name)) byName.set(r.name, r.path);
  const buckets = new Map<string, Bucket>();
  const bucket = (path: string, partnerId: string | null): Bucket => {
    const key = `${path}|${partnerId ?? ''}`;
    let b = buckets.get(key);
    if (!b) {
      b = { path, partnerId, counts: { ...ZERO }, hotlineHours: 0 };
      buckets.set(key, b);
    }
    return b;
  };
  const unplaced = new Map<string, CapacityReport['unplaced'][number]>();
  // The ledger counts its lines per team, county name, kind and status in one grouped query.
  for (const l of await lineCounts(ctx, scope)) {
    if (!inService(l.status)) continue;
    const path = byName.get(l.region_name);
    if (!path) {
      const key = `${l.partner_id}|${l.region_name}`;
      const u = unplaced.get(key) ?? { regionName: l.region_name, partnerId: l.partner_id, lines: 0 };
      u.lines += l.n;
      unplaced.set(key, u);
      continue;
    }
    const c = bucket(path, l.partner_id).counts;
    if (l.kind === 'home') c.homeSubscribers += l.n;
    else c.enterpriseLines += l.n;
  }
  const engineers = await everyPage(
    async (page) => (await listPeople(ctx, scope, { role: 'engineer', active: true }, page)).items,
  );
  for (const p of engineers) {
    const path = p.regionIds
      .map((id) => byId.get(id)?.path)
      .filter((x): x is string => !!x)
      .sort()[0];
    if (path) bucket(path, p.partner_id).counts.maintainers += 1;
  }
  const vehicles = await everyPage((page) => listAssets(ctx, scope, { kind: 'vehicle', ...page }));
  for (const v of vehicles) {
    const path = byId.get(v.region_id)?.path;
    if (path && v.status === 'in_service') bucket(path, v.partner_id).counts.vehicles += 1;
  }
  for (const h of await repo.hotlines(ctx.db, scope)) {
    const path = byId.get(h.region_id)?.path;
    if (!path) continue;
    const b = bucket(path, h.partner_id);
    b.hotlineHours = Math.max(b.hotlineHours, h.hours_per_day);
  }
  const placed: PlacedFigures[] = [...buckets.values()].map((b) => ({
    regionPath: b.path,
    partnerId: b.partnerId,
    figures: figuresOf(
      { ...b.counts, hotlinesShort: hotlineShort(b.counts, b.hotlineHours, rules) ? 1 : 0 },
      rules,
    ),
  }));
  const shown = regions.filter((r) => !root || r.path.startsWith(root.path));
  const rolled = new Map(
    rollUp(
      shown.map((r) => r.path),
      placed,
    ).map((n) => [n.path, n]),
  );
  return {
    rules,
    regions: shown.map((r) => {
      const n = rolled.get(r.path)!;
      return {
        id: r.id,
        name: r.name,
        level: r.level,
        parentId: r.parent_id,
        path: r.path,
        total: n.total,
        byPartner: [...n.byPartner.entries()].map(([partnerId, figures]) => ({ partnerId, figures })),
      };
    }),
    unplaced: [...unplaced.values()],
  };
}
