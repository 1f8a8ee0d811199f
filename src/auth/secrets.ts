// Random secrets (session cookies, CSRF tokens, API tokens) and how they are stored: by their sha256,
// so a copy of the database holds nothing that logs anyone in.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** constant-time equality of two strings (different lengths are unequal, without comparing) */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const nowIso = (now: Date = new Date()): string => now.toISOString();
