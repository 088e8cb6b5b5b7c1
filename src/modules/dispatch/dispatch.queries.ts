/**
 * The dispatch capability's public read surface: the engineers who may be given work and the facts
 * DP-1 checks (regions, roles, certifications), which the day plan (DP-2) reads the same way.
 */
export { certificationsOf, engineers, regionPathsOf, rolesOf } from './dispatch.repository.ts';
