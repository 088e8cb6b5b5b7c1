/**
 * The sites capability's public read surface: a site by id, unscoped (a reference check, or the
 * site of a record already authorised) or within a scope (404 outside it).
 */
export { findSite, findVisibleSite } from './sites.repository.ts';
