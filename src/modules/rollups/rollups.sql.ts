/**
 * The SQL spelling of each rollup's contribution, shared by the triggers that maintain the
 * rollups (a row's contribution added or taken away in the writing transaction) and by the
 * rebuild (every contribution summed from the base rows). One definition per figure, so the two
 * cannot drift apart.
 *
 * Each contribution is written over two row names: the order `o` and, for clocks and ratings,
 * the child row. In a trigger they are NEW / OLD or a joined table; in the rebuild, tables.
 */
import type { DatabaseKind } from '../../config.ts';
import { BUCKET_EPSILON, BUCKET_STEPS, DAY_OFFSET_MINUTES } from './rollups.rules.ts';

/** Timed clocks (assessment.rules.ts TIMED_CLOCKS) and installation types, spelled for SQL. */
const TIMED = `('respond','restore','resolve')`;
const INSTALL = `('activation','eng_installation')`;

export function daySql(kind: DatabaseKind, col: string): string {
  return kind === 'sqlite'
    ? `date(${col}, '+${DAY_OFFSET_MINUTES} minutes')`
    : `to_char((${col} at time zone 'UTC') + interval '${DAY_OFFSET_MINUTES} minutes', 'YYYY-MM-DD')`;
}

/** Minutes between two instants, as the dialect kit's `minutesBetween` computes them. */
export function minutesSql(kind: DatabaseKind, later: string, earlier: string): string {
  return kind === 'sqlite'
    ? `((julianday(${later}) - julianday(${earlier})) * 1440.0)`
    : `(extract(epoch from (${later} - ${earlier})) / 60.0)::double precision`;
}

/** rollups.rules.ts `bucketOf` in SQL. */
export function bucketSql(kind: DatabaseKind, minutes: string): string {
  const m = `(${minutes} + ${BUCKET_EPSILON})`;
  const int = kind === 'sqlite' ? (x: string) => `cast(${x} as integer)` : (x: string) => `(${x})::bigint`;
  const [, mid, top] = BUCKET_STEPS;
  return `(case when ${m} < ${mid.from} then ${int(`floor(${m})`)}
    when ${m} < ${top.from} then ${mid.from} + ${int(`floor((${m} - ${mid.from}) / ${mid.width})`)} * ${mid.width}
    else ${top.from} + ${int(`floor((${m} - ${top.from}) / ${top.width})`)} * ${top.width} end)`;
}

/** One rollup table: its key columns and additive value columns. */
export interface RollupTable {
  name: string;
  keys: readonly string[];
  values: readonly string[];
}

export const ROLLUP_TABLES = {
  clocks: {
    name: 'rollup_clocks',
    keys: ['day', 'region_id', 'partner_key', 'clock_region_id', 'clock_partner_key', 'kind'],
    values: ['decided', 'breached'],
  },
  minutes: {
    name: 'rollup_minutes',
    keys: ['day', 'region_id', 'partner_key', 'measure', 'bucket'],
    values: ['n', 'minutes'],
  },
  counts: { name: 'rollup_counts', keys: ['day', 'region_id', 'partner_key', 'measure'], values: ['n'] },
  ratings: {
    name: 'rollup_ratings',
    keys: ['day', 'region_id', 'partner_key'],
    values: ['rated', 'good', 'score_sum', 'refused'],
  },
} as const satisfies Record<string, RollupTable>;

/** A contribution: the key and value expressions of the rows it adds, from where, under what condition. */
export interface Contribution {
  table: RollupTable;
  keys: string[];
  /** Value expressions for one base row (multiplied by the sign in a trigger, summed in the rebuild). */
  values: string[];
  /** `from …` joining the rows (empty when only the order's own values are used). */
  from: string;
  where: string;
}

/** Where a contribution's rows come from: a `from` clause (or none) and how they are tied to the row named. */
export interface Source {
  from: string;
  where?: string;
}

const on = (src: Source, own: string) => ({
  from: src.from,
  where: src.where ? `${src.where} and ${own}` : own,
});

const partnerKey = (o: string) => `coalesce(${o}.partner_id, '')`;

/** Decided clocks (breached, or stopped in time) by the day they started: the compliance figures. */
export function clockCompliance(kind: DatabaseKind, c: string, o: string, src: Source): Contribution {
  return {
    table: ROLLUP_TABLES.clocks,
    keys: [
      daySql(kind, `${c}.started_at`),
      `${o}.region_id`,
      partnerKey(o),
      `${c}.region_id`,
      partnerKey(c),
      `${c}.kind`,
    ],
    values: ['1', `(case when ${c}.breached_at is not null then 1 else 0 end)`],
    ...on(src, `(${c}.breached_at is not null or ${c}.state = 'stopped')`),
  };
}

/** Stopped respond / restore / resolve clocks of orders not cancelled, by the day they stopped. */
export function clockDurations(kind: DatabaseKind, c: string, o: string, src: Source): Contribution {
  const m = `(${minutesSql(kind, `${c}.stopped_at`, `${c}.started_at`)} - ${c}.paused_ms / 60000.0)`;
  return {
    table: ROLLUP_TABLES.minutes,
    keys: [daySql(kind, `${c}.stopped_at`), `${o}.region_id`, partnerKey(o), `${c}.kind`, bucketSql(kind, m)],
    values: ['1', m],
    ...on(
      src,
      `${c}.state = 'stopped' and ${c}.stopped_at is not null and ${c}.kind in ${TIMED} and ${o}.state <> 'cancelled'`,
    ),
  };
}

/** Installation orders (not cancelled) by the day they were resolved: receipt to resolution. */
export function installationDurations(kind: DatabaseKind, o: string, src: Source): Contribution {
  const m = minutesSql(kind, `${o}.resolved_at`, `${o}.received_at`);
  return {
    table: ROLLUP_TABLES.minutes,
    keys: [
      daySql(kind, `${o}.resolved_at`),
      `${o}.region_id`,
      partnerKey(o),
      `'installation'`,
      bucketSql(kind, m),
    ],
    values: ['1', m],
    ...on(src, `${o}.type in ${INSTALL} and ${o}.resolved_at is not null and ${o}.state <> 'cancelled'`),
  };
}

/** Orders received and not cancelled, by the day they were received. */
export function received(kind: DatabaseKind, o: string, src: Source): Contribution {
  return {
    table: ROLLUP_TABLES.counts,
    keys: [daySql(kind, `${o}.received_at`), `${o}.region_id`, partnerKey(o), `'received'`],
    values: ['1'],
    ...on(src, `${o}.state <> 'cancelled'`),
  };
}

/** Ratings by the day they were recorded: rated, 4–5, sum of scores, refusals (CS-2). */
export function ratings(kind: DatabaseKind, s: string, o: string, src: Source): Contribution {
  return {
    table: ROLLUP_TABLES.ratings,
    keys: [daySql(kind, `${s}.recorded_at`), `${o}.region_id`, partnerKey(o)],
    values: [
      `(case when ${s}.score is not null then 1 else 0 end)`,
      `(case when ${s}.score >= 4 then 1 else 0 end)`,
      `coalesce(${s}.score, 0)`,
      `(case when ${s}.score is null then 1 else 0 end)`,
    ],
    ...on(src, '1 = 1'),
  };
}

/** An upsert adding (sign 1) or taking away (sign -1) one contribution, as a trigger runs it. */
export function applySql(c: Contribution, sign: 1 | -1): string {
  const t = c.table;
  const cols = [...t.keys, ...t.values];
  const vals = [...c.keys, ...c.values.map((v) => (sign === 1 ? v : `-(${v})`))];
  const set = t.values.map((v) => `${v} = ${t.name}.${v} + excluded.${v}`).join(', ');
  return `insert into ${t.name} (${cols.join(', ')}) select ${vals.join(', ')} ${c.from} where ${c.where}
    on conflict (${t.keys.join(', ')}) do update set ${set}`;
}

/** The contributions of many base rows summed per key: the rebuild, and the check that a rollup is right. */
export function totalSql(c: Contribution, extraWhere = 'true'): string {
  const t = c.table;
  const keys = c.keys.map((k, i) => `${k} as ${t.keys[i]}`);
  const vals = c.values.map((v, i) => `sum(${v}) as ${t.values[i]}`);
  return `select ${[...keys, ...vals].join(', ')} ${c.from} where ${c.where} and ${extraWhere}
    group by ${c.keys.map((_, i) => i + 1).join(', ')}`;
}

/** Every contribution over the base tables (names o, c, s), for the rebuild and the check. */
export function baseContributions(kind: DatabaseKind): Contribution[] {
  const clocks = { from: 'from order_clocks c join work_orders o on o.id = c.order_id' };
  const orders = { from: 'from work_orders o' };
  return [
    clockCompliance(kind, 'c', 'o', clocks),
    clockDurations(kind, 'c', 'o', clocks),
    installationDurations(kind, 'o', orders),
    received(kind, 'o', orders),
    ratings(kind, 's', 'o', { from: 'from satisfaction_ratings s join work_orders o on o.id = s.order_id' }),
  ];
}
