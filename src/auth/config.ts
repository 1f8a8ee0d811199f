// How sessions, lockout and cookies behave; every value has a default and an environment variable.
export interface AuthConfig {
  /** minutes without a request after which a session ends (JIXIAO_SESSION_IDLE_MINUTES, default 480) */
  readonly sessionIdleMinutes: number;
  /** hours after login at which a session ends however active (JIXIAO_SESSION_MAX_HOURS, default 72) */
  readonly sessionMaxHours: number;
  /** failed logins in a row that lock an account (JIXIAO_LOCKOUT_ATTEMPTS, default 5) */
  readonly lockoutAttempts: number;
  /** minutes an account stays locked (JIXIAO_LOCKOUT_MINUTES, default 15) */
  readonly lockoutMinutes: number;
  /** failed logins from one address within the window after which it must wait (JIXIAO_IP_LOGIN_LIMIT, default 20) */
  readonly ipFailureLimit: number;
  /** the window of the per-address limit, minutes (same as lockoutMinutes) */
  readonly ipWindowMinutes: number;
  /** the Secure cookie flag: 'auto' sets it when the request came over https (JIXIAO_COOKIE_SECURE=auto|1|0) */
  readonly secureCookie: boolean | 'auto';
}

export const DEFAULT_AUTH: AuthConfig = {
  sessionIdleMinutes: 480,
  sessionMaxHours: 72,
  lockoutAttempts: 5,
  lockoutMinutes: 15,
  ipFailureLimit: 20,
  ipWindowMinutes: 15,
  secureCookie: 'auto',
};

function positive(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env, base: AuthConfig = DEFAULT_AUTH): AuthConfig {
  const secure = env['JIXIAO_COOKIE_SECURE']?.trim().toLowerCase();
  const lockoutMinutes = positive(env['JIXIAO_LOCKOUT_MINUTES']) ?? base.lockoutMinutes;
  return {
    sessionIdleMinutes: positive(env['JIXIAO_SESSION_IDLE_MINUTES']) ?? base.sessionIdleMinutes,
    sessionMaxHours: positive(env['JIXIAO_SESSION_MAX_HOURS']) ?? base.sessionMaxHours,
    lockoutAttempts: positive(env['JIXIAO_LOCKOUT_ATTEMPTS']) ?? base.lockoutAttempts,
    lockoutMinutes,
    ipFailureLimit: positive(env['JIXIAO_IP_LOGIN_LIMIT']) ?? base.ipFailureLimit,
    ipWindowMinutes: lockoutMinutes,
    secureCookie: secure === undefined || secure === '' || secure === 'auto' ? base.secureCookie : /^(1|true|yes|on)$/.test(secure),
  };
}
