/**
 * The regions capability's public read surface: a region by id, unscoped, for other modules that
 * check a reference or need its path and time zone after authorising the record that names it.
 */
export { findRegion } from './regions.repository.ts';
