/**
 * Random identifiers shaped like Autolab's.
 *
 * Why: uid, secret, tokens and codes are `SecureRandom.urlsafe_base64(32)`, i.e. 43 chars of
 * `[A-Za-z0-9_-]`; device codes are `hex(32)`; user codes are 6 of `[a-zA-Z0-9]`
 * (autolab-api.md §2.4, §3.1).
 */
import { randomBytes, randomInt } from 'node:crypto';

/** A 43-character urlsafe base64 token (§2.4). */
export function urlsafeToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A 64-character lowercase hex string (§3.1 device_code). */
export function hex64(): string {
  return randomBytes(32).toString('hex');
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A 6-character alphanumeric user code (§3.1). */
export function userCode(): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += ALNUM[randomInt(ALNUM.length)];
  return s;
}
