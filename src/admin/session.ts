// Sign-in for the admin page: the token check, the signed session cookie and the short-lived cookie
// that carries Sign in with Slack's state and nonce. No server-side session table: a cookie is
// `<payload>.<HMAC-SHA256>` in base64url, under a key derived from the secrets in the config, so every
// replica accepts it and changing ADMIN_TOKEN (or the Slack secrets) signs everyone out.
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config/schema.js';
import type { Platform } from '../store/store.js';

export type AdminSettings = Pick<Config, 'ADMIN_TOKEN' | 'ADMIN_SLACK_USER_IDS' | 'ADMIN_PUBLIC_URL' | 'ADMIN_SESSION_HOURS' | 'SLACK_CLIENT_ID' | 'SLACK_CLIENT_SECRET' | 'SLACK_STATE_SECRET'>;

/** Which ways in are configured; /admin is served only when one is. */
export function signInMethods(c: AdminSettings): { token: boolean; slack: boolean } {
  return { token: Boolean(c.ADMIN_TOKEN), slack: Boolean(c.SLACK_CLIENT_ID && c.SLACK_CLIENT_SECRET) };
}

/** What a session lets its holder see: everything (the token), or one workspace (a Slack admin of it). */
export type Scope = { kind: 'all' } | { kind: 'workspace'; platform: Platform; workspace: string };

export type Session = { method: 'token' | 'slack'; scope: Scope; issuedAt: Date; expiresAt: Date };

export const SESSION_COOKIE = 'bb_admin';
export const OIDC_COOKIE = 'bb_admin_oidc';
/** Sign in with Slack must come back within this long. */
export const OIDC_TTL_MS = 10 * 60_000;

const b64 = (b: Buffer) => b.toString('base64url');
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * The signing key: HKDF-SHA256 over every secret the admin page depends on. Null when there is none
 * (then /admin is not served at all).
 */
export function sessionKey(c: AdminSettings): Buffer | null {
  const secrets = [c.ADMIN_TOKEN, c.SLACK_CLIENT_SECRET, c.SLACK_STATE_SECRET];
  if (!secrets.some(Boolean)) return null;
  const ikm = Buffer.from(secrets.map((s) => s ?? '').join('\u0000'), 'utf8');
  return Buffer.from(hkdfSync('sha256', ikm, 'backbuddy admin', 'session cookie v1', 32));
}

/** The token typed at sign-in against ADMIN_TOKEN, in constant time (both sides hashed first, so lengths never differ). */
export function tokenMatches(given: string, c: Pick<Config, 'ADMIN_TOKEN'>): boolean {
  if (!c.ADMIN_TOKEN) return false;
  return timingSafeEqual(sha256(given), sha256(c.ADMIN_TOKEN));
}

/** Constant-time equality of two short strings (the OAuth state). */
export function sameString(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

// Each cookie kind signs under its own label, so one kind's value is never accepted as another's.
function sign(key: Buffer, label: string, payload: string): string {
  return b64(createHmac('sha256', key).update(`${label}\u0000${payload}`).digest());
}

export function seal(key: Buffer, label: string, data: unknown): string {
  const payload = b64(Buffer.from(JSON.stringify(data), 'utf8'));
  return `${payload}.${sign(key, label, payload)}`;
}

/** The data of a value `seal` made with the same key and label, or null when it was changed or made otherwise. */
export function unseal(key: Buffer, label: string, value: string): unknown {
  const dot = value.indexOf('.');
  if (dot <= 0 || dot !== value.lastIndexOf('.')) return null;
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), 'base64url');
  const want = Buffer.from(sign(key, label, payload), 'base64url');
  if (given.length !== want.length || !timingSafeEqual(given, want)) return null;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

type SessionData = { v: 1; m: 'token' | 'slack'; p?: Platform; w?: string; iat: number; exp: number };

export function issueSession(key: Buffer, method: Session['method'], scope: Scope, now: Date, hours: number): { value: string; session: Session } {
  const iat = now.getTime();
  const exp = iat + hours * 3_600_000;
  const data: SessionData = { v: 1, m: method, iat, exp, ...(scope.kind === 'workspace' ? { p: scope.platform, w: scope.workspace } : {}) };
  return { value: seal(key, 'session', data), session: { method, scope, issuedAt: new Date(iat), expiresAt: new Date(exp) } };
}

/** The session a cookie value carries, or null: forged, changed, expired, or issued in the future (a clock gone back). */
export function readSession(key: Buffer, value: string | undefined, now: Date): Session | null {
  if (!value) return null;
  const d = unseal(key, 'session', value) as Partial<SessionData> | null;
  if (!d || d.v !== 1 || (d.m !== 'token' && d.m !== 'slack') || typeof d.iat !== 'number' || typeof d.exp !== 'number') return null;
  const t = now.getTime();
  if (t >= d.exp || d.iat > t + 60_000) return null;
  let scope: Scope = { kind: 'all' };
  if (d.p !== undefined || d.w !== undefined) {
    if ((d.p !== 'slack' && d.p !== 'discord') || typeof d.w !== 'string' || !d.w) return null;
    scope = { kind: 'workspace', platform: d.p, workspace: d.w };
  }
  // A Slack sign-in always names its workspace; only the token opens everything.
  if (d.m === 'slack' && scope.kind !== 'workspace') return null;
  return { method: d.m, scope, issuedAt: new Date(d.iat), expiresAt: new Date(d.exp) };
}

export type OidcState = { state: string; nonce: string; exp: number };

export function issueOidcState(key: Buffer, now: Date): { value: string; state: OidcState } {
  const state: OidcState = { state: b64(randomBytes(24)), nonce: b64(randomBytes(24)), exp: now.getTime() + OIDC_TTL_MS };
  return { value: seal(key, 'oidc', state), state };
}

export function readOidcState(key: Buffer, value: string | undefined, now: Date): OidcState | null {
  if (!value) return null;
  const d = unseal(key, 'oidc', value) as Partial<OidcState> | null;
  if (!d || typeof d.state !== 'string' || typeof d.nonce !== 'string' || typeof d.exp !== 'number' || now.getTime() >= d.exp) return null;
  return { state: d.state, nonce: d.nonce, exp: d.exp };
}

/** Cookies of a request header, first value of each name wins. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    const name = eq > 0 ? part.slice(0, eq).trim() : '';
    if (name && !out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

export type CookieOptions = { path: string; maxAgeSeconds: number; secure: boolean };

/** A Set-Cookie value: HttpOnly and SameSite=Lax always, Secure when the page is served over https. */
export function cookie(name: string, value: string, o: CookieOptions): string {
  return `${name}=${value}; Path=${o.path}; Max-Age=${o.maxAgeSeconds}; HttpOnly; SameSite=Lax${o.secure ? '; Secure' : ''}`;
}

/**
 * Counts wrong tokens: after `limit` in a window the sign-in form answers 429 until the window ends,
 * whoever asks (a per-address limit would be trivial to dodge). A right token is never held back by
 * this once the window has passed.
 */
export function createAttemptLimiter(limit = 10, windowMs = 60_000) {
  let start = 0;
  let count = 0;
  return {
    blocked(now: Date): boolean {
      if (now.getTime() - start >= windowMs) {
        start = now.getTime();
        count = 0;
      }
      return count >= limit;
    },
    failed(now: Date): void {
      if (now.getTime() - start >= windowMs) {
        start = now.getTime();
        count = 0;
      }
      count += 1;
    },
  };
}
