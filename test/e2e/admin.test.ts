// The admin page over loopback HTTP, in process: app/admin.ts on the real HTTP server (app/http-server.ts)
// over a seeded MemoryStore and a small knowledge base, at a fixed instant. Sign-in with ADMIN_TOKEN
// (right, wrong, too many wrong, a changed cookie, expiry, Secure over https, sign-out, a POST from
// another site), what signed-out requests get (no data), and Sign in with Slack against the fake Slack
// Web API on loopback: a workspace admin, a member refused, an id from ADMIN_SLACK_USER_IDS let in, a
// workspace without backbuddy refused, a cancelled sign-in, a replayed code, a wrong state or nonce.
import { Writable } from 'node:stream';
import type { Installation } from '@slack/bolt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAdminRoutes, ADMIN_PATHS } from '../../app/admin.js';
import { createHttpServer, type HttpServer } from '../../app/http-server.js';
import { oauthOptions } from '../../adapters/slack/oauth.js';
import { createAdapterServices } from '../../src/adapter-kit/services.js';
import { ConfigSchema } from '../../src/config/schema.js';
import type { KnowledgeBase } from '../../src/knowledge/load.js';
import { weeklyActivity } from '../../src/review/activity.js';
import type { MemoryStore } from '../../src/store/memory.js';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/slack-api.js';
import { fakeOidc, type FakeOidc, type FakePerson } from '../fakes/slack-oidc.js';
import { CLIENT_ID, CLIENT_SECRET, KEY_A, STATE_SECRET, tokenOf } from '../fakes/slack-oauth.js';
import { SECRET } from '../fakes/slack-harness.js';
import { TEST_IMAGE_CACHE } from '../fakes/image-cache.js';
import { testAssistant } from '../fakes/slack-test-assistant.js';
import { ADMIN_NOW, adminKnowledge, manualClock, PERSON, PERSON_NAME, seedAdminStore, type ManualClock } from '../fixtures/admin-seed.js';

const TOKEN = 'admin-token-for-tests-0123456789';
const HOUR = 3_600_000;
const PAGES = [ADMIN_PATHS.library, ADMIN_PATHS.nudges, ADMIN_PATHS.stats, ADMIN_PATHS.gaps] as const;

let store: MemoryStore;
let kb: KnowledgeBase;
let cleanupKb: () => void;
const logLines: string[] = [];
const log = pino({ level: 'info' }, new Writable({ write(chunk, _enc, done) { logLines.push(String(chunk)); done(); } }));

beforeAll(async () => {
  ({ store } = await seedAdminStore());
  ({ kb, cleanup: cleanupKb } = adminKnowledge());
});
afterAll(() => cleanupKb());

type Served = { base: string; http: HttpServer; clock: ManualClock; close(): Promise<void> };
const servers: Served[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

async function serve(env: Record<string, string>, o: { ready?: () => boolean; slack?: boolean; api?: FakeSlackApi } = {}): Promise<Served | null> {
  const config = ConfigSchema.parse(env);
  const clock = manualClock(ADMIN_NOW);
  const http = createHttpServer();
  let slackSignIn: Parameters<typeof addAdminRoutes>[1]['slackSignIn'];
  if (o.slack) {
    const services = createAdapterServices({ assistant: testAssistant(), store, log, imageCacheDir: TEST_IMAGE_CACHE, clock });
    const { createSlackSignIn } = await import('../../adapters/slack/sign-in.js');
    const signIn = createSlackSignIn(config, services, log);
    slackSignIn = async () => signIn;
    // backbuddy installed in T1 (its bot token sealed in the store, as an OAuth install leaves it); not in T2.
    await oauthOptions(config, services, log)!.installs.storeInstallation({
      team: { id: 'T1', name: 'Acme' }, enterprise: undefined, isEnterpriseInstall: false,
      bot: { token: tokenOf('T1'), userId: 'U_BOT_T1', id: 'B_T1', scopes: [] }, user: { id: 'UADMIN001', token: undefined, scopes: undefined },
    } as unknown as Installation);
  }
  const added = addAdminRoutes(http, { config, log, clock, sources: () => ((o.ready ?? (() => true))() ? { store, kb } : null), ...(slackSignIn ? { slackSignIn } : {}) });
  const port = await http.listen(0, '127.0.0.1');
  const served = { base: `http://127.0.0.1:${port}`, http, clock, close: () => http.close(0) };
  servers.push(served);
  return added ? served : (await served.close(), null);
}

const get = (url: string, cookie?: string, headers: Record<string, string> = {}) => fetch(url, { redirect: 'manual', headers: { ...(cookie ? { cookie } : {}), ...headers } });
const form = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', redirect: 'manual', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
/** The cookie pairs a response sets, as a Cookie header, and the raw Set-Cookie values. */
const setCookies = (r: Response) => r.headers.getSetCookie();
const cookieHeader = (r: Response) => setCookies(r).map((c) => c.split(';')[0]).filter((c) => !c?.endsWith('=')).join('; ');

async function signInWithToken(s: Served, token = TOKEN) {
  return form(`${s.base}${ADMIN_PATHS.signIn}`, `token=${encodeURIComponent(token)}`);
}

describe('/admin is off without a way to sign in', () => {
  it('adds no route when neither ADMIN_TOKEN nor Sign in with Slack is configured, so /admin answers 404', async () => {
    expect(await serve({})).toBeNull();
    const http = createHttpServer();
    addAdminRoutes(http, { config: ConfigSchema.parse({}), log, sources: () => ({ store, kb }) });
    const port = await http.listen(0, '127.0.0.1');
    try {
      for (const path of ['/admin', ADMIN_PATHS.signIn, ...PAGES, ADMIN_PATHS.statsJson]) expect((await get(`http://127.0.0.1:${port}${path}`)).status).toBe(404);
    } finally {
      await http.close(0);
    }
  });
});

describe('admin sign-in with ADMIN_TOKEN', () => {
  let s: Served;
  beforeAll(async () => {
    s = (await serve({ ADMIN_TOKEN: TOKEN }))!;
  });

  it('signed out: every page redirects to the sign-in page, the JSON path answers 401, and neither carries data', async () => {
    for (const path of PAGES) {
      const r = await get(`${s.base}${path}`);
      expect(r.status, path).toBe(303);
      expect(r.headers.get('location')).toBe(ADMIN_PATHS.signIn);
      expect(await r.text()).toBe('');
    }
    expect((await get(`${s.base}/admin`)).headers.get('location')).toBe(ADMIN_PATHS.signIn);
    const api = await get(`${s.base}${ADMIN_PATHS.statsJson}`);
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: 'sign_in_required', signIn: ADMIN_PATHS.signIn });
    const page = await get(`${s.base}${ADMIN_PATHS.signIn}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="token"');
    expect(html).not.toContain('Sign in with Slack');
    expect(html).not.toMatch(/C_SUPPORT|chair|posture-myths/);
  });

  it('the right token signs in: a signed HttpOnly, SameSite=Lax cookie for /admin lasting 8 hours, and every section answers', async () => {
    const r = await signInWithToken(s);
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(ADMIN_PATHS.library);
    const [set] = setCookies(r);
    expect(set).toMatch(/^bb_admin=[\w-]+\.[\w-]+; Path=\/admin; Max-Age=28800; HttpOnly; SameSite=Lax$/);
    const cookie = cookieHeader(r);

    const library = await get(`${s.base}${ADMIN_PATHS.library}`, cookie);
    expect(library.status).toBe(200);
    expect(library.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(library.headers.get('cache-control')).toBe('no-store');
    const lib = await library.text();
    expect(lib).toContain('Due for review: 2 (1 overdue)');
    expect(lib).toContain('Heat &amp; ice: which &lt;first&gt;?');
    expect(lib).toContain('href="https://www.nice.org.uk/guidance/ng59"');

    const nudges = await (await get(`${s.base}${ADMIN_PATHS.nudges}`, cookie)).text();
    expect(nudges).toContain('<code>C_SUPPORT</code>');
    expect(nudges).toContain('<td>Wed 2026-11-25 10:30</td>');
    expect(nudges).toContain('1 person has their own nudges in their direct messages; those are not listed.');

    const stats = await (await get(`${s.base}${ADMIN_PATHS.stats}`, cookie)).text();
    expect(stats.match(/<svg /g)).toHaveLength(4);
    const weeks = await weeklyActivity(store, { now: new Date(ADMIN_NOW), weeks: 12 });
    const sent = weeks.reduce((n, w) => n + w.totals.nudgesSent, 0);
    expect(sent).toBeGreaterThan(0);
    expect(stats).toContain(`${sent} nudges sent`);

    const gaps = await (await get(`${s.base}${ADMIN_PATHS.gaps}`, cookie)).text();
    expect(gaps).toMatch(/<td class="n">3<\/td><td>how do i fix my chair<\/td>/);
    expect(gaps).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(gaps).not.toContain('too old to show');
    expect(gaps).toContain('<code>heat-or-ice</code>');

    const api = await get(`${s.base}${ADMIN_PATHS.statsJson}?weeks=4`, cookie);
    expect(api.status).toBe(200);
    const body = await api.json() as { scope: unknown; weeks: unknown[] };
    expect(body.scope).toEqual({ kind: 'all' });
    expect(body.weeks).toHaveLength(4);

    // Nothing names a person, on any page: not the subscriptions' creator, not the person with their own nudges.
    for (const page of [lib, nudges, stats, gaps, JSON.stringify(body)]) {
      expect(page).not.toContain(PERSON);
      expect(page).not.toContain(PERSON_NAME);
    }
    // Signed in, the sign-in page and /admin lead to the library.
    expect((await get(`${s.base}${ADMIN_PATHS.signIn}`, cookie)).headers.get('location')).toBe(ADMIN_PATHS.library);
    expect((await get(`${s.base}/admin/`, cookie)).headers.get('location')).toBe(ADMIN_PATHS.library);
  });

  it('a wrong token gets 401, the form again and no cookie', async () => {
    for (const wrong of ['', 'nope', TOKEN.slice(1), `${TOKEN}x`]) {
      const r = await signInWithToken(s, wrong);
      expect(r.status).toBe(401);
      expect(setCookies(r)).toEqual([]);
      expect(await r.text()).toContain('That token is not right.');
    }
    s.clock.set(new Date(new Date(ADMIN_NOW).getTime() + 61_000));
  });

  it('a changed or foreign cookie is refused: pages send to the sign-in page and clear it, the JSON path answers 401', async () => {
    const good = cookieHeader(await signInWithToken(s)).slice('bb_admin='.length);
    const [payload, sig] = good.split('.') as [string, string];
    const other = await serve({ ADMIN_TOKEN: `${TOKEN}-another-install` });
    const foreign = cookieHeader(await signInWithToken(other!, `${TOKEN}-another-install`)).slice('bb_admin='.length);
    const forged = Buffer.from(JSON.stringify({ v: 1, m: 'token', iat: Date.parse(ADMIN_NOW), exp: Date.parse(ADMIN_NOW) + 1000 * HOUR })).toString('base64url');
    for (const bad of [`${payload}.${sig.slice(0, -2)}AA`, `${payload.slice(0, -2)}AA.${sig}`, `${forged}.${sig}`, foreign, `${payload}.`, 'garbage']) {
      const r = await get(`${s.base}${ADMIN_PATHS.nudges}`, `bb_admin=${bad}`);
      expect(r.status, bad).toBe(303);
      expect(r.headers.get('location')).toBe(`${ADMIN_PATHS.signIn}?again=1`);
      expect(setCookies(r)[0]).toMatch(/^bb_admin=; Path=\/admin; Max-Age=0; HttpOnly; SameSite=Lax/);
      expect((await get(`${s.base}${ADMIN_PATHS.statsJson}`, `bb_admin=${bad}`)).status).toBe(401);
    }
    expect((await get(`${s.base}${ADMIN_PATHS.nudges}`, `bb_admin=${good}`)).status).toBe(200);
  });

  it('a session ends after ADMIN_SESSION_HOURS (8)', async () => {
    const start = s.clock.now().getTime();
    const cookie = cookieHeader(await signInWithToken(s));
    s.clock.set(new Date(start + 8 * HOUR - 1000));
    expect((await get(`${s.base}${ADMIN_PATHS.library}`, cookie)).status).toBe(200);
    s.clock.set(new Date(start + 8 * HOUR));
    const r = await get(`${s.base}${ADMIN_PATHS.library}`, cookie);
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`${ADMIN_PATHS.signIn}?again=1`);
    expect((await get(`${s.base}${ADMIN_PATHS.statsJson}`, cookie)).status).toBe(401);
    expect(await (await get(`${s.base}${ADMIN_PATHS.signIn}?again=1`)).text()).toContain('Your sign-in has ended.');
  });

  it('signing out clears the cookie', async () => {
    const cookie = cookieHeader(await signInWithToken(s));
    const r = await fetch(`${s.base}${ADMIN_PATHS.signOut}`, { method: 'POST', redirect: 'manual', headers: { cookie } });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`${ADMIN_PATHS.signIn}?signed_out=1`);
    expect(setCookies(r)[0]).toMatch(/^bb_admin=; Path=\/admin; Max-Age=0;/);
    expect(await (await get(`${s.base}${r.headers.get('location')}`)).text()).toContain('You are signed out.');
  });

  it('refuses a sign-in posted from another site', async () => {
    const r = await form(`${s.base}${ADMIN_PATHS.signIn}`, `token=${TOKEN}`, { origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    expect(setCookies(r)).toEqual([]);
    expect((await form(`${s.base}${ADMIN_PATHS.signIn}`, `token=${TOKEN}`, { origin: s.base })).status).toBe(303);
  });

  it('marks the cookie Secure when the page is served over https (ADMIN_PUBLIC_URL, or a proxy\'s X-Forwarded-Proto)', async () => {
    const viaProxy = await form(`${s.base}${ADMIN_PATHS.signIn}`, `token=${TOKEN}`, { 'x-forwarded-proto': 'https' });
    expect(setCookies(viaProxy)[0]).toMatch(/; Secure$/);
    expect(setCookies(await signInWithToken(s))[0]).not.toMatch(/Secure/);
    const pub = await serve({ ADMIN_TOKEN: TOKEN, ADMIN_PUBLIC_URL: 'https://backbuddy.example.com' });
    expect(setCookies(await signInWithToken(pub!))[0]).toMatch(/; Secure$/);
  });

  it('after ten wrong tokens in a minute, answers 429 even to the right one, until the minute is over', async () => {
    const t = await serve({ ADMIN_TOKEN: TOKEN });
    for (let i = 0; i < 10; i++) expect((await signInWithToken(t!, `wrong-${i}`)).status).toBe(401);
    const held = await signInWithToken(t!);
    expect(held.status).toBe(429);
    expect(setCookies(held)).toEqual([]);
    t!.clock.set(new Date(Date.parse(ADMIN_NOW) + 60_000));
    expect((await signInWithToken(t!)).status).toBe(303);
  });

  it('answers 503 to a signed-in page while the store is still opening, and still redirects signed-out requests', async () => {
    const t = await serve({ ADMIN_TOKEN: TOKEN }, { ready: () => false });
    const cookie = cookieHeader(await signInWithToken(t!));
    const r = await get(`${t!.base}${ADMIN_PATHS.stats}`, cookie);
    expect(r.status).toBe(503);
    expect(await r.text()).toContain('still opening its store');
    expect((await get(`${t!.base}${ADMIN_PATHS.statsJson}`, cookie)).status).toBe(503);
    expect((await get(`${t!.base}${ADMIN_PATHS.stats}`)).status).toBe(303);
  });
});

describe('Sign in with Slack (OpenID Connect) against the fake Slack on loopback', () => {
  const people: FakePerson[] = [
    { team: 'T1', user: 'UADMIN001', role: 'admin' },
    { team: 'T1', user: 'UOWNER001', role: 'owner' },
    { team: 'T1', user: 'UMEMBER01', role: 'member' },
    { team: 'T1', user: 'ULISTED01', role: 'member' },
    { team: 'T2', user: 'UELSEWH01', role: 'admin' },
  ];
  let api: FakeSlackApi;
  let oidc: FakeOidc;
  let s: Served;
  beforeAll(async () => {
    oidc = fakeOidc({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, people, now: () => new Date(ADMIN_NOW) });
    api = await startFakeSlackApi(oidc.handlers);
    s = (await serve({
      SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: STATE_SECRET, SLACK_SIGNING_SECRET: SECRET,
      TOKEN_ENCRYPTION_KEY: KEY_A, SLACK_API_URL: api.url, ADMIN_SLACK_USER_IDS: 'ULISTED01',
    }, { slack: true }))!;
  });
  afterAll(() => api.close());

  /** A browser's trip: our start link → Slack's authorize page (the fake redirects at once) → our callback with the state cookie. */
  async function signInAs(person: FakePerson | null, tamper: { authorize?: (u: URL) => void; callback?: (u: URL) => void; cookie?: (c: string) => string } = {}) {
    oidc.signInAs(person);
    const start = await get(`${s.base}${ADMIN_PATHS.slackStart}`);
    expect(start.status).toBe(302);
    expect(setCookies(start)[0]).toMatch(/^bb_admin_oidc=[\w-]+\.[\w-]+; Path=\/admin\/slack; Max-Age=600; HttpOnly; SameSite=Lax$/);
    const authorize = new URL(start.headers.get('location')!);
    tamper.authorize?.(authorize);
    const slack = await get(authorize.toString());
    expect(slack.status).toBe(302);
    const callback = new URL(slack.headers.get('location')!);
    tamper.callback?.(callback);
    const cookie = (tamper.cookie ?? ((c) => c))(cookieHeader(start));
    const res = await get(callback.toString(), cookie);
    return { authorize, callback, cookie, res, body: await res.text() };
  }

  it('sends the browser to Slack\'s authorize page with scope openid profile, our redirect URL, a state and a nonce', async () => {
    const start = await get(`${s.base}${ADMIN_PATHS.slackStart}`);
    const u = new URL(start.headers.get('location')!);
    expect(`${u.origin}${u.pathname}`).toBe(new URL('../openid/connect/authorize', api.url).toString());
    expect(Object.fromEntries(u.searchParams)).toEqual({
      response_type: 'code', scope: 'openid profile', client_id: CLIENT_ID, redirect_uri: `${s.base}${ADMIN_PATHS.slackCallback}`,
      state: expect.stringMatching(/^[\w-]{32}$/), nonce: expect.stringMatching(/^[\w-]{32}$/),
    });
    const page = await (await get(`${s.base}${ADMIN_PATHS.signIn}`)).text();
    expect(page).toContain('href="/admin/slack/start"');
    expect(page).not.toContain('name="token"');
  });

  it('lets a workspace admin in, to their own workspace only; votes, which count every workspace, are not shown', async () => {
    const { res } = await signInAs(people[0]!);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(ADMIN_PATHS.library);
    expect(setCookies(res)[0]).toMatch(/^bb_admin=[\w-]+\.[\w-]+; Path=\/admin; Max-Age=28800; HttpOnly; SameSite=Lax$/);
    expect(setCookies(res)[1]).toMatch(/^bb_admin_oidc=; Path=\/admin\/slack; Max-Age=0/);
    const cookie = cookieHeader(res);
    const nudges = await (await get(`${s.base}${ADMIN_PATHS.nudges}`, cookie)).text();
    expect(nudges).toContain('Slack workspace T1');
    expect(nudges).toContain('<code>C_SUPPORT</code>');
    expect(nudges).not.toContain('C_GENERAL');
    const gaps = await (await get(`${s.base}${ADMIN_PATHS.gaps}`, cookie)).text();
    expect(gaps).toContain('how do i fix my chair');
    expect(gaps).not.toContain('heated car seats');
    expect(gaps).not.toContain('<code>heat-or-ice</code>');
    expect(gaps).toContain('shown only to the admin token');
    const stats = await (await get(`${s.base}${ADMIN_PATHS.statsJson}`, cookie)).json() as { scope: unknown };
    expect(stats.scope).toEqual({ kind: 'workspace', platform: 'slack', workspace: 'T1' });
    // users.info was asked with T1's own bot token.
    expect(api.calls.filter((c) => c.method === 'users.info').at(-1)).toMatchObject({ auth: `Bearer ${tokenOf('T1')}`, args: { user: 'UADMIN001' } });
    expect((await signInAs(people[1]!)).res.status).toBe(303);
  });

  it('refuses a member who is not an admin or owner', async () => {
    const { res, body } = await signInAs(people[2]!);
    expect(res.status).toBe(403);
    expect(setCookies(res).filter((c) => c.startsWith('bb_admin='))).toEqual([]);
    expect(body).toContain('This page is for the admins and owners of your Slack workspace');
    expect(body).not.toContain('C_SUPPORT');
  });

  it('lets in a member listed in ADMIN_SLACK_USER_IDS without asking Slack whether they are an admin', async () => {
    const before = api.calls.filter((c) => c.method === 'users.info').length;
    const { res } = await signInAs(people[3]!);
    expect(res.status).toBe(303);
    expect((await get(`${s.base}${ADMIN_PATHS.library}`, cookieHeader(res))).status).toBe(200);
    expect(api.calls.filter((c) => c.method === 'users.info')).toHaveLength(before);
  });

  it('refuses an admin of a workspace backbuddy is not installed in', async () => {
    const { res, body } = await signInAs(people[4]!);
    expect(res.status).toBe(403);
    expect(body).toContain('backbuddy is not installed in your Slack workspace.');
  });

  it('refuses a cancelled sign-in, a replayed code, a state that is not ours, a missing state cookie and a wrong nonce', async () => {
    const cancelled = await signInAs(null);
    expect(cancelled.res.status).toBe(403);
    expect(cancelled.body).toContain('Sign in with Slack was cancelled.');

    const ok = await signInAs(people[0]!);
    expect(ok.res.status).toBe(303);
    const replay = await get(ok.callback.toString(), ok.cookie);
    expect(replay.status).toBe(403);

    const otherState = await signInAs(people[0]!, { callback: (u) => u.searchParams.set('state', 'not-the-state-we-gave') });
    expect(otherState.res.status).toBe(403);
    expect(otherState.body).toContain('That sign-in link is out of date or was not started here.');

    const noCookie = await signInAs(people[0]!, { cookie: () => '' });
    expect(noCookie.res.status).toBe(403);

    const changedCookie = await signInAs(people[0]!, { cookie: (c) => `${c.slice(0, -3)}AAA` });
    expect(changedCookie.res.status).toBe(403);

    const wrongNonce = await signInAs(people[0]!, { authorize: (u) => u.searchParams.set('nonce', 'a-nonce-we-never-gave') });
    expect(wrongNonce.res.status).toBe(403);
    expect(wrongNonce.body).toContain('Slack did not confirm who you are.');
    for (const r of [cancelled, replay, otherState, noCookie, changedCookie, wrongNonce].map((x) => ('res' in x ? x.res : x))) {
      expect(setCookies(r).filter((c) => c.startsWith('bb_admin='))).toEqual([]);
    }
  });

  it('refuses a state cookie older than ten minutes', async () => {
    const start = await get(`${s.base}${ADMIN_PATHS.slackStart}`);
    oidc.signInAs(people[0]!);
    const slack = await get(start.headers.get('location')!);
    s.clock.set(new Date(Date.parse(ADMIN_NOW) + 10 * 60_000));
    const res = await get(slack.headers.get('location')!, cookieHeader(start));
    s.clock.set(ADMIN_NOW);
    expect(res.status).toBe(403);
  });
});

describe('admin logs', () => {
  it('carry codes only: no token, cookie, Slack code or token, user id or name', () => {
    const all = logLines.join('');
    expect(all).toContain('"code":"admin_signed_in"');
    expect(all).toContain('"reason":"wrong_token"');
    expect(all).toContain('"reason":"not_admin"');
    for (const secret of [TOKEN, 'bb_admin=', 'oidc-code-', 'xoxb-', 'xoxp-', CLIENT_SECRET, 'UADMIN001', 'UMEMBER01', 'ULISTED01', PERSON_NAME, 'chair']) {
      expect(all, secret).not.toContain(secret);
    }
  });
});
