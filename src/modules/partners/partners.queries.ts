/** The partners capability's public read surface: the region paths a partner covers (RS-3 checks on people). */
export { coveragePaths } from './partners.repository.ts';
