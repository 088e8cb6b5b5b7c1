/** The customers capability's public read surface: a customer by id, unscoped, for reference checks. */
export { findCustomer } from './customers.repository.ts';
