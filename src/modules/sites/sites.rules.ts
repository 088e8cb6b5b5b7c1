/** Site rules (domain.md §1, §3): area class drives deadlines; coordinates feed routing. Pure. */
import { type FieldProblem, problem } from '../../shared/errors.ts';

/** Urban / county / rural: the deadline tables of §3 differ by area class. */
export const AREA_CLASSES = ['urban', 'county', 'rural'] as const;
export type AreaClass = (typeof AREA_CLASSES)[number];

/** What kind of place a site is (WO-5: machine rooms are worked around the clock, homes in business hours). */
export const SITE_CLASSES = ['machine_room', 'office', 'home', 'other'] as const;
export type SiteClass = (typeof SITE_CLASSES)[number];

/** A position is either complete or absent: half a coordinate would mislead routing (DP-2). */
export function coordinateProblems(lat: number | null, lng: number | null): FieldProblem[] {
  if ((lat === null) === (lng === null)) return [];
  const field = lat === null ? 'lat' : 'lng';
  return [problem(field, '经纬度必须同时填写或同时为空', 'latitude and longitude go together')];
}
