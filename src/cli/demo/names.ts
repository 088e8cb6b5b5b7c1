/** Chinese personal names, phone numbers and addresses drawn from the demo word lists. */
import {
  COMPOUNDS,
  GIVEN_CHARS,
  STREETS,
  SURNAMES,
  TOWN_NAMES,
  TOWN_SUFFIXES,
} from './catalog/organisation.ts';
import type { DemoCounty, DemoPrefecture } from './catalog/regions.ts';
import type { DemoRandom } from './random.ts';

/** A family name and a one- or two-character given name. */
export function personName(rng: DemoRandom): string {
  const given = rng.chance(0.65) ? rng.pick(GIVEN_CHARS) + rng.pick(GIVEN_CHARS) : rng.pick(GIVEN_CHARS);
  return rng.pick(SURNAMES) + given;
}

/** A mainland mobile number. */
export function mobile(rng: DemoRandom): string {
  return `1${rng.pick(['35', '36', '38', '39', '58', '82', '87', '88', '98'])}${rng.digits(8)}`;
}

/** A street address in the county town. */
export function townAddress(rng: DemoRandom, pref: DemoPrefecture, county: DemoCounty): string {
  return `贵州省${pref.name}${county.name}${rng.pick(STREETS)}${rng.int(1, 300)}号`;
}

/** An address in a village of the county. */
export function villageAddress(rng: DemoRandom, pref: DemoPrefecture, county: DemoCounty): string {
  const town = rng.pick(TOWN_NAMES) + rng.pick(TOWN_SUFFIXES);
  return `贵州省${pref.name}${county.name}${town}${rng.pick(['新寨', '坪子', '大寨', '河坝', '上寨', '田坝'])}村${rng.int(1, 12)}组`;
}

/** A flat in a residential compound. */
export function homeAddress(rng: DemoRandom, pref: DemoPrefecture, county: DemoCounty): string {
  return `贵州省${pref.name}${county.name}${rng.pick(STREETS)}${rng.pick(COMPOUNDS)}${rng.int(1, 24)}栋${rng.int(1, 3)}单元${rng.int(1, 32)}0${rng.int(1, 6)}`;
}
