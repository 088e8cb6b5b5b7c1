/**
 * Customer links: a token that names one link (and so one order), its expiry and an HMAC over
 * both with the server secret. Pure: signing and checking, no I/O.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token carries. */
export interface LinkClaims {
  linkId: string;
  orderId: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

function mac(secret: string, claims: LinkClaims): string {
  return createHmac('sha256', secret)
    .update(`${claims.linkId}.${claims.orderId}.${claims.exp}`)
    .digest('base64url');
}

/** The token for a link: `<linkId>.<exp>.<mac>`; the order id is covered by the MAC but not shown. */
export function signLink(secret: string, claims: LinkClaims): string {
  return `${claims.linkId}.${claims.exp}.${mac(secret, claims)}`;
}

/** Splits a token into link id, expiry and MAC, or null when it is not shaped like one. */
export function parseLink(token: string): { linkId: string; exp: number; mac: string } | null {
  const m = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  return { linkId: m[1]!, exp: Number(m[2]), mac: m[3]! };
}

/**
 * Checks a token against the link's stored order: 'tampered' when the MAC does not match (any
 * change to the link id, expiry or order), 'expired' when past its time, else 'ok'.
 */
export function checkLink(
  secret: string,
  token: string,
  stored: { orderId: string },
  nowMs: number,
): 'ok' | 'tampered' | 'expired' {
  const parsed = parseLink(token);
  if (!parsed) return 'tampered';
  const expected = Buffer.from(
    mac(secret, { linkId: parsed.linkId, orderId: stored.orderId, exp: parsed.exp }),
  );
  const given = Buffer.from(parsed.mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'tampered';
  if (parsed.exp * 1000 <= nowMs) return 'expired';
  return 'ok';
}
