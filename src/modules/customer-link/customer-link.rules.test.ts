import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkLink, parseLink, signLink } from './customer-link.rules.ts';

const secret = 'a'.repeat(43);
const claims = {
  linkId: '01a199fc-2100-78bf-b3c9-d9420c67fab7',
  orderId: '01a199fc-2100-78bf-b3c9-d9420c67fab8',
  exp: 1_800_000_000,
};

test('customer link: a signed token checks out for its own order until it expires', () => {
  const token = signLink(secret, claims);
  assert.ok(parseLink(token));
  assert.equal(checkLink(secret, token, { orderId: claims.orderId }, 1_700_000_000_000), 'ok');
  assert.equal(checkLink(secret, token, { orderId: claims.orderId }, 1_800_000_000_000), 'expired');
});

test('customer link: any change to expiry, link, order or secret is tampering', () => {
  const token = signLink(secret, claims);
  const [id, exp, mac] = token.split('.');
  assert.equal(
    checkLink(secret, `${id}.${Number(exp) + 1}.${mac}`, { orderId: claims.orderId }, 0),
    'tampered',
  );
  assert.equal(checkLink(secret, token, { orderId: `${claims.orderId.slice(0, -1)}9` }, 0), 'tampered');
  assert.equal(checkLink('b'.repeat(43), token, { orderId: claims.orderId }, 0), 'tampered');
  assert.equal(checkLink(secret, 'not-a-token', { orderId: claims.orderId }, 0), 'tampered');
  assert.equal(checkLink(secret, `${token}x`, { orderId: claims.orderId }, 0), 'tampered');
});

test('ONSITE_CUSTOMER_LINK_SECRET: unset uses the stored key; too short stops with the setting named', async () => {
  const { linkSecretFromEnv } = await import('./customer-link.service.ts');
  assert.equal(linkSecretFromEnv({}), null);
  assert.equal(linkSecretFromEnv({ ONSITE_CUSTOMER_LINK_SECRET: 'k'.repeat(32) }), 'k'.repeat(32));
  assert.throws(
    () => linkSecretFromEnv({ ONSITE_CUSTOMER_LINK_SECRET: 'short' }),
    /ONSITE_CUSTOMER_LINK_SECRET/,
  );
});
