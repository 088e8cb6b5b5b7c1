/**
 * The demo loader: a list of steps that each add one kind of record through the services
 * (so every record has its history entry and passes the same rules as one typed in by hand).
 * Steps share a DemoState that indexes what earlier steps created; a later capability (work
 * orders, inspections …) adds a step to `demoSteps` in steps.ts and reads what it needs here.
 */
import type { AppContext } from '../../app/context.ts';
import type { RegionTable } from '../../db/schema.ts';
import type { HistoryActor } from '../../modules/access/policy.ts';
import type { Role } from '../../modules/access/roles.ts';
import type { DemoAccount } from './catalog/accounts.ts';
import type { DemoPartner, DemoProduct } from './catalog/organisation.ts';
import type { DemoCounty, DemoPrefecture } from './catalog/regions.ts';
import type { DemoRandom } from './random.ts';

/** How much to load. `small` is for tests and quick looks; `full` is the realistic demo. */
export interface DemoScale {
  name: 'small' | 'full';
  ownEngineers: number;
  partnerEngineers: number;
  /** Operator sites per county (inclusive range); counties beyond `countiesPerPrefecture` get none. */
  operatorSitesPerCounty: [number, number];
  countiesPerPrefecture: number;
  enterprisesPerPrefecture: number;
  householdsPerPrefecture: number;
}

export const DEMO_SCALES: Record<DemoScale['name'], DemoScale> = {
  small: {
    name: 'small',
    ownEngineers: 4,
    partnerEngineers: 8,
    operatorSitesPerCounty: [1, 1],
    countiesPerPrefecture: 2,
    enterprisesPerPrefecture: 1,
    householdsPerPrefecture: 1,
  },
  full: {
    name: 'full',
    ownEngineers: 18,
    partnerEngineers: 42,
    operatorSitesPerCounty: [1, 3],
    countiesPerPrefecture: 99,
    enterprisesPerPrefecture: 3,
    householdsPerPrefecture: 8,
  },
};

/** A region the demo created, with its data. */
export interface DemoCountyRecord {
  data: DemoCounty;
  region: RegionTable;
}

export interface DemoPrefectureRecord {
  data: DemoPrefecture;
  region: RegionTable;
  counties: DemoCountyRecord[];
}

export interface DemoPersonRecord {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  partnerId: string | null;
  customerId: string | null;
  regionIds: string[];
}

export interface DemoEngineerRecord extends DemoPersonRecord {
  employment: 'own' | 'partner';
  prefectureCode: string;
  /** Products with a certification valid today. */
  validProducts: string[];
}

export interface DemoCustomerRecord {
  id: string;
  code: string;
  name: string;
  kind: 'operator' | 'enterprise' | 'household';
  prefectureCode: string;
  regionId: string;
  contactIds: string[];
}

export interface DemoSiteRecord {
  id: string;
  code: string;
  customerId: string;
  regionId: string;
  prefectureCode: string;
  lat: number;
  lng: number;
  areaClass: 'urban' | 'county' | 'rural';
}

export interface DemoEquipmentRecord {
  id: string;
  siteId: string;
  product: string;
  contractEndsOn: string;
}

/** What the steps share: the context, the seeded generator and everything created so far. */
export interface DemoState {
  ctx: AppContext;
  actor: HistoryActor;
  rng: DemoRandom;
  scale: DemoScale;
  /** Today's date in the configured time zone, YYYY-MM-DD: expiry dates are placed around it. */
  today: string;
  password: string;
  province: RegionTable | null;
  prefectures: DemoPrefectureRecord[];
  partners: { data: DemoPartner; id: string }[];
  products: DemoProduct[];
  people: DemoPersonRecord[];
  engineers: DemoEngineerRecord[];
  customers: DemoCustomerRecord[];
  sites: DemoSiteRecord[];
  equipment: DemoEquipmentRecord[];
  /** Sign-ins to print at the end. */
  logins: DemoAccount[];
  /** Reports progress of a long step: call with the total, then with the count done. */
  progress(label: string, total: number): (done: number) => void;
}

/** One step of the demo: adds its records and returns a one-line summary. */
export interface DemoStep {
  name: string;
  run(state: DemoState): Promise<string>;
}

/** `date` plus `days`, both YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The calendar date of an instant in a time zone, YYYY-MM-DD. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** The prefecture record with a code; throws when the demo data are inconsistent. */
export function prefectureByCode(state: DemoState, code: string): DemoPrefectureRecord {
  const p = state.prefectures.find((x) => x.data.code === code);
  if (!p) throw new Error(`demo data: no prefecture ${code}`);
  return p;
}

/** The partner record with a code. */
export function partnerByCode(state: DemoState, code: string): { data: DemoPartner; id: string } {
  const p = state.partners.find((x) => x.data.code === code);
  if (!p) throw new Error(`demo data: no partner ${code}`);
  return p;
}

/** The partner that maintains a prefecture (seed 004 gives each prefecture to exactly one). */
export function partnerOfPrefecture(
  state: DemoState,
  prefectureCode: string,
): { data: DemoPartner; id: string } {
  const p = state.partners.find((x) => x.data.prefectureCodes.includes(prefectureCode));
  if (!p) throw new Error(`demo data: no partner maintains ${prefectureCode}`);
  return p;
}

/** Runs the steps in order, printing each step's summary. */
export async function runDemoSteps(
  state: DemoState,
  steps: readonly DemoStep[],
  print: (line: string) => void,
): Promise<void> {
  for (const step of steps) {
    const summary = await step.run(state);
    print(`✓ ${step.name}: ${summary}`);
  }
}
