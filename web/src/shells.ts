/**
 * The two shells that share one page and one service worker: the engineer's field app (a light
 * frame with only what the phone needs, issue 17 item 2) and the console. The entry picks one by
 * the address it opens at; each shell hands the other's addresses back with a full page load.
 */

/** Addresses the field app owns. */
export function isFieldPath(pathname: string): boolean {
  return pathname === '/engineer' || pathname.startsWith('/engineer/');
}
