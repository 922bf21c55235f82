// The admin page's sign-in pieces, without HTTP: the token check, the signed cookies (tampering, other
// keys, expiry, a clock gone back), the Set-Cookie attributes and the wrong-token limiter.
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../src/config/schema.js';
import {
  cookie, createAttemptLimiter, issueOidcState, issueSession, parseCookies, readOidcState, readSession, seal, sessionKey, signInMethods, tokenMatches, unseal,
} from '../../../src/admin/session.js';

const TOKEN = 'correct-horse-battery-staple-42';
const config = ConfigSchema.parse({ ADMIN_TOKEN: TOKEN });
const key = sessionKey(config)!;
const NOW = new Date('2026-11-25T10:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const HOUR = 3_600_000;

/** Flips one character of a base64url string to another valid one. */
const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);

describe('admin sign-in: the token', () => {
  it('matches only the configured token, whatever the length of the guess', () => {
    expect(tokenMatches(TOKEN, config)).toBe(true);
    for (const wrong of ['', 'x', TOKEN.slice(0, -1), `${TOKEN} `, TOKEN.toUpperCase(), `${TOKEN}${TOKEN}`]) expect(tokenMatches(wrong, config)).toBe(false);
    expect(tokenMatches(TOKEN, ConfigSchema.parse({}))).toBe(false);
  });

  it('knows which ways in are configured, and has no key without a secret', () => {
    expect(signInMethods(config)).toEqual({ token: true, slack: false });
    expect(signInMethods(ConfigSchema.parse({}))).toEqual({ token: false, slack: false });
    expect(sessionKey(ConfigSchema.parse({}))).toBeNull();
  });

  it('derives a different key when the token changes, so changing it signs everyone out', () => {
    const other = sessionKey(ConfigSchema.parse({ ADMIN_TOKEN: `${TOKEN}-rotated` }))!;
    expect(other.equals(key)).toBe(false);
    const { value } = issueSession(key, 'token', { kind: 'all' }, NOW, 8);
    expect(readSession(other, value, NOW)).toBeNull();
  });
});

describe('admin sign-in: the session cookie', () => {
  it('reads back what it was issued with, until it expires', () => {
    const { value, session } = issueSession(key, 'token', { kind: 'all' }, NOW, 8);
    expect(session.expiresAt.toISOString()).toBe('2026-11-25T18:00:00.000Z');
    expect(readSession(key, value, NOW)).toEqual(session);
    expect(readSession(key, value, later(8 * HOUR - 1))).toEqual(session);
    expect(readSession(key, value, later(8 * HOUR))).toBeNull();
  });

  it('refuses any change to the payload or the signature', () => {
    const { value } = issueSession(key, 'token', { kind: 'all' }, NOW, 8);
    const [payload, sig] = value.split('.') as [string, string];
    for (let i = 0; i < payload.length; i += 3) expect(readSession(key, `${flip(payload, i)}.${sig}`, NOW)).toBeNull();
    for (let i = 0; i < sig.length; i += 3) expect(readSession(key, `${payload}.${flip(sig, i)}`, NOW)).toBeNull();
    // A payload rewritten to last longer, signed with nothing or the old signature.
    const longer = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), exp: NOW.getTime() + 1000 * HOUR })).toString('base64url');
    expect(readSession(key, `${longer}.${sig}`, NOW)).toBeNull();
    for (const junk of ['', '.', `${payload}.`, `.${sig}`, `${payload}.${sig}.x`, 'not a cookie', `${payload}${sig}`]) expect(readSession(key, junk, NOW)).toBeNull();
  });

  it('refuses a value signed for another purpose (the Slack state cookie) and one issued in the future', () => {
    const { value } = issueOidcState(key, NOW);
    expect(readSession(key, value, NOW)).toBeNull();
    const future = issueSession(key, 'token', { kind: 'all' }, later(2 * HOUR), 8).value;
    expect(readSession(key, future, NOW)).toBeNull();
  });

  it('keeps a Slack sign-in to its workspace, and refuses a Slack session that would see everything', () => {
    const scope = { kind: 'workspace', platform: 'slack', workspace: 'T1' } as const;
    const { value } = issueSession(key, 'slack', scope, NOW, 8);
    expect(readSession(key, value, NOW)?.scope).toEqual(scope);
    const forged = seal(key, 'session', { v: 1, m: 'slack', iat: NOW.getTime(), exp: later(HOUR).getTime() });
    expect(readSession(key, forged, NOW)).toBeNull();
    expect(unseal(key, 'session', forged)).toMatchObject({ m: 'slack' });
  });
});

describe('admin sign-in: the Slack state cookie', () => {
  it('carries a fresh state and nonce for ten minutes', () => {
    const a = issueOidcState(key, NOW);
    const b = issueOidcState(key, NOW);
    expect(a.state.state).not.toBe(b.state.state);
    expect(a.state.nonce).not.toBe(a.state.state);
    expect(readOidcState(key, a.value, later(9 * 60_000))).toEqual(a.state);
    expect(readOidcState(key, a.value, later(10 * 60_000))).toBeNull();
    expect(readOidcState(key, issueSession(key, 'token', { kind: 'all' }, NOW, 8).value, NOW)).toBeNull();
  });
});

describe('admin sign-in: cookies on the wire', () => {
  it('sets HttpOnly and SameSite=Lax always, Secure only over https', () => {
    expect(cookie('bb_admin', 'v', { path: '/admin', maxAgeSeconds: 28_800, secure: false })).toBe('bb_admin=v; Path=/admin; Max-Age=28800; HttpOnly; SameSite=Lax');
    expect(cookie('bb_admin', 'v', { path: '/admin', maxAgeSeconds: 0, secure: true })).toBe('bb_admin=v; Path=/admin; Max-Age=0; HttpOnly; SameSite=Lax; Secure');
  });

  it('reads a Cookie header, the first of a repeated name winning', () => {
    expect([...parseCookies('a=1; bb_admin=x.y; bb_admin=z; junk; =v')]).toEqual([['a', '1'], ['bb_admin', 'x.y']]);
    expect(parseCookies(undefined).size).toBe(0);
  });
});

describe('admin sign-in: wrong tokens', () => {
  it('blocks after ten wrong tokens within a minute, and lets in again after the minute', () => {
    const limiter = createAttemptLimiter(10, 60_000);
    for (let i = 0; i < 10; i++) {
      expect(limiter.blocked(later(i * 1000))).toBe(false);
      limiter.failed(later(i * 1000));
    }
    expect(limiter.blocked(later(30_000))).toBe(true);
    expect(limiter.blocked(later(61_000))).toBe(false);
  });
});
