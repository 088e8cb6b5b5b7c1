/**
 * The people capability's public read surface: a person by id (unscoped, for reference checks),
 * and the people a scope may see as a query other modules narrow and join (the duty roster).
 */
export { findPerson, scopedPeople } from './people.repository.ts';
