import { hash, verify } from '@node-rs/argon2';

/** argon2id in @node-rs/argon2's Algorithm enum (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2;

/** Hashes a password with argon2id (OWASP's recommended parameters: 19 MiB, 2 passes). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

/** True when the password matches the stored hash; a malformed hash never matches. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Rk8S0LgqTbbKfL4nT2mJpG3pCDq1Bq6k0D0pHh6j1zE';

/** The minimum a new password must meet; returns a field problem key or null. */
export function passwordProblem(password: string): 'too_short' | 'too_simple' | null {
  if (password.length < 8) return 'too_short';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 2) return 'too_simple';
  return null;
}
