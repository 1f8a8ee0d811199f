// Passwords are kept as scrypt hashes (RFC 7914, memory-hard: an attacker's GPU pays in memory per guess).
// Parameters: N = 2^15, r = 8, p = 1 → 32 MiB and ~50–100 ms per hash here; a 16-byte random salt; a
// 32-byte key. The parameters are stored in each hash (`scrypt$N$r$p$salt$key`, base64url), so they
// can be raised later and old hashes still verify (and are re-hashed at the next login: needsRehash).
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;

function scrypt(password: string, salt: Buffer, keyLength: number, o: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFC'), salt, keyLength, o, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

const maxmem = (N: number, r: number, p: number) => 128 * N * r + 128 * r * p + 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength, saltLength } = SCRYPT;
  const salt = randomBytes(saltLength);
  const key = await scrypt(password, salt, keyLength, { N, r, p, maxmem: maxmem(N, r, p) });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** whether `password` is the one hashed; a malformed hash never matches. The keys are compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // bounds keep a corrupt row from asking for gigabytes
  if (!Number.isInteger(Math.log2(N)) || N < 2 ** 10 || N > 2 ** 20 || !(r >= 1 && r <= 32) || !(p >= 1 && p <= 16)) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (expected.length < 16) return false;
  const key = await scrypt(password, salt, expected.length, { N, r, p, maxmem: maxmem(N, r, p) });
  return timingSafeEqual(key, expected);
}

/** a stored hash made with weaker parameters than today's */
export function needsRehash(stored: string): boolean {
  const [kind, N, r, p] = stored.split('$');
  return kind !== 'scrypt' || Number(N) < SCRYPT.N || Number(r) < SCRYPT.r || Number(p) < SCRYPT.p;
}

/** a hash no password matches, verified against when the account does not exist so both take as long */
let dummy: Promise<string> | null = null;
export const dummyHash = (): Promise<string> => (dummy ??= hashPassword(randomBytes(16).toString('hex')));

/** Why a new password is refused (Chinese), or null. Length rather than composition rules (NIST SP 800-63B). */
export function passwordProblem(password: string, username?: string): string | null {
  if ([...password].length < 10) return '新密码至少需要 10 个字符';
  if (password.length > 200) return '新密码不能超过 200 个字符';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '新密码不能包含用户名';
  if (/^(.)\1+$/.test(password)) return '新密码不能是同一个字符的重复';
  return null;
}

/** a random password for a new account or a reset: 16 characters from an alphabet without look-alikes */
export function generatePassword(length = 16): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(length * 2);
  let out = '';
  // rejection sampling keeps every character equally likely
  for (const b of bytes) {
    if (out.length === length) break;
    if (b < 256 - (256 % alphabet.length)) out += alphabet[b % alphabet.length];
  }
  return out.length === length ? out : generatePassword(length);
}
