/** Region tree rules (domain.md §1): province → prefecture/city → county/district. Pure. */
import { type FieldProblem, problem } from '../../shared/errors.ts';

export const REGION_LEVELS = ['province', 'prefecture', 'county'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

const parentLevelOf: Record<RegionLevel, RegionLevel | null> = {
  province: null,
  prefecture: 'province',
  county: 'prefecture',
};

/** Problems with placing a region of `level` under `parent` (null for a root). */
export function placementProblems(level: RegionLevel, parent: { level: RegionLevel } | null): FieldProblem[] {
  const expected = parentLevelOf[level];
  if (expected === null && parent) {
    return [problem('parentId', '省级区域不能有上级区域', 'a province cannot have a parent region')];
  }
  if (expected !== null && !parent) {
    return [
      problem('parentId', '地市和区县必须指定上级区域', 'a prefecture or county needs a parent region'),
    ];
  }
  if (expected !== null && parent && parent.level !== expected) {
    return [
      problem(
        'parentId',
        level === 'prefecture' ? '地市的上级必须是省' : '区县的上级必须是地市',
        `the parent of a ${level} must be a ${expected}`,
      ),
    ];
  }
  return [];
}

/** The materialised path of a region: its parent's path plus its own id. */
export function regionPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}
