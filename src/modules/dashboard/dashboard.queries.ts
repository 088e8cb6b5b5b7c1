/**
 * The dashboard's public read surface: the decided deadline clocks in a scope and the breach
 * count over them, the one definition of deadline compliance that vendor assessment reuses (VA-1).
 */
export { breachedSum, decidedClocks } from './dashboard.repository.ts';
