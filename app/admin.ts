// The wellbeing lead's page at /admin on the process's one HTTP server (app/http-server.ts): sign-in
// (ADMIN_TOKEN, or Sign in with Slack for OAuth installs), then four server-rendered sections (library,
// nudge schedules, activity per week, content gaps) and one JSON path. Without a sign-in method
// configured no route is added, so /admin answers 404. Without a valid session, pages redirect to the
// sign-in page and /admin/api/* answers 401: no data either way. The pages read the store the running
// process already opened (app/serve.ts); until it has, signed-in pages answer 503.
//
// Logs carry codes only: never the token typed, a cookie, a Slack code or token, a user id or a name.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../src/common/clock.js';
import type { Config } from '../src/config/schema.js';
import { CONTENT_SECURITY_POLICY, gapsPage, libraryPage, schedulesPage, signInPage, startingPage, statsPage, type SignInNote } from '../src/admin/pages.js';
import {
  cookie, createAttemptLimiter, issueOidcState, issueSession, OIDC_COOKIE, OIDC_TTL_MS, parseCookies, readOidcState, readSession,
  sameString, SESSION_COOKIE, sessionKey, signInMethods, tokenMatches, type Scope, type Session,
} from '../src/admin/session.js';
import { activityView, DEFAULT_WEEKS, gapsView, libraryView, MAX_WEEKS, schedulesView, type AdminSources } from '../src/admin/views.js';
import type { SlackSignIn } from '../adapters/slack/sign-in.js';
import type { HttpServer } from './http-server.js';

export type AdminOptions = {
  config: Config;
  log: Logger;
  clock?: Clock;
  /** The running process's store and knowledge base; null while the store is still opening. */
  sources(): AdminSources | null;
  /** Sign in with Slack (OAuth installs); null while the process is still starting. Not called without SLACK_CLIENT_ID. */
  slackSignIn?: () => Promise<SlackSignIn | null>;
};

export const ADMIN_PATHS = {
  home: '/admin',
  signIn: '/admin/sign-in',
  signOut: '/admin/sign-out',
  slackStart: '/admin/slack/start',
  slackCallback: '/admin/slack/callback',
  library: '/admin/library',
  nudges: '/admin/nudges',
  stats: '/admin/stats',
  gaps: '/admin/gaps',
  statsJson: '/admin/api/stats.json',
} as const;

/** Largest sign-in form body read (the token and a little). */
const MAX_FORM_BYTES = 4096;

type Res = ServerResponse;

function headers(type: string): Record<string, string> {
  return {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    ...(type.startsWith('text/html') ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}),
  };
}

const sendHtml = (res: Res, status: number, body: string, extra: Record<string, string | string[]> = {}) => {
  res.writeHead(status, { ...headers('text/html; charset=utf-8'), ...extra });
  res.end(body);
};
const sendJson = (res: Res, status: number, body: unknown, extra: Record<string, string | string[]> = {}) => {
  res.writeHead(status, { ...headers('application/json'), ...extra });
  res.end(`${JSON.stringify(body)}\n`);
};
const redirect = (res: Res, to: string, cookies: string[] = [], status = 303) => {
  res.writeHead(status, { ...headers('text/plain; charset=utf-8'), location: to, ...(cookies.length ? { 'set-cookie': cookies } : {}) });
  res.end();
};

async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const query = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://admin.invalid').searchParams;

/** Adds the /admin routes when a sign-in method is configured; false (and no route) otherwise. */
export function addAdminRoutes(http: HttpServer, o: AdminOptions): boolean {
  const { config, log } = o;
  const clock = o.clock ?? systemClock;
  const methods = signInMethods(config);
  const key = sessionKey(config);
  if ((!methods.token && !methods.slack) || !key) return false;
  const limiter = createAttemptLimiter();
  const allowList = new Set(config.ADMIN_SLACK_USER_IDS);
  const sessionSeconds = config.ADMIN_SESSION_HOURS * 3600;

  /** The origin browsers use: ADMIN_PUBLIC_URL, else the request's Host with X-Forwarded-Proto (a proxy's). */
  const origin = (req: IncomingMessage): string | null => {
    if (config.ADMIN_PUBLIC_URL) return new URL(config.ADMIN_PUBLIC_URL).origin;
    const host = req.headers.host;
    if (!host || !/^[A-Za-z0-9.:[\]-]+$/.test(host)) return null;
    const forwarded = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim();
    const https = forwarded === 'https' || Boolean((req.socket as TLSSocket).encrypted);
    return `${https ? 'https' : 'http'}://${host}`;
  };
  const secure = (req: IncomingMessage) => origin(req)?.startsWith('https:') ?? false;
  const sessionCookie = (req: IncomingMessage, value: string, maxAge = sessionSeconds) => cookie(SESSION_COOKIE, value, { path: '/admin', maxAgeSeconds: maxAge, secure: secure(req) });
  const clearSession = (req: IncomingMessage) => sessionCookie(req, '', 0);
  const oidcCookie = (req: IncomingMessage, value: string, maxAge: number) => cookie(OIDC_COOKIE, value, { path: '/admin/slack', maxAgeSeconds: maxAge, secure: secure(req) });

  const sessionOf = (req: IncomingMessage): { session: Session | null; stale: boolean } => {
    const value = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    const session = readSession(key, value, clock.now());
    return { session, stale: Boolean(value) && !session };
  };

  const signIn = (res: Res, status: number, note?: SignInNote, cookies: string[] = []) =>
    sendHtml(res, status, signInPage({ ...methods, ...(note ? { note } : {}) }), cookies.length ? { 'set-cookie': cookies } : {});

  /** A browser POST from another site is refused (SameSite=Lax already keeps the cookie off it). */
  const foreignPost = (req: IncomingMessage): boolean => {
    const from = req.headers.origin;
    return typeof from === 'string' && from !== 'null' && from !== origin(req);
  };

  /** A signed-in page: the session and the store, or the redirect / 503 that stands in for them. */
  const page = (render: (s: Session, src: AdminSources, req: IncomingMessage) => Promise<string> | string) => async (req: IncomingMessage, res: Res) => {
    const { session, stale } = sessionOf(req);
    if (!session) return redirect(res, stale ? `${ADMIN_PATHS.signIn}?again=1` : ADMIN_PATHS.signIn, stale ? [clearSession(req)] : []);
    const src = o.sources();
    if (!src) return sendHtml(res, 503, startingPage(), { 'retry-after': '2' });
    sendHtml(res, 200, await render(session, src, req));
  };

  const weeksOf = (req: IncomingMessage) => {
    const raw = query(req).get('weeks');
    const n = raw && /^\d{1,2}$/.test(raw) ? Number(raw) : DEFAULT_WEEKS;
    return n >= 1 && n <= MAX_WEEKS ? n : DEFAULT_WEEKS;
  };

  http.route('GET', ADMIN_PATHS.home, (req, res) => redirect(res, sessionOf(req).session ? ADMIN_PATHS.library : ADMIN_PATHS.signIn));
  http.route('GET', `${ADMIN_PATHS.home}/`, (req, res) => redirect(res, sessionOf(req).session ? ADMIN_PATHS.library : ADMIN_PATHS.signIn));

  http.route('GET', ADMIN_PATHS.signIn, (req, res) => {
    const { session, stale } = sessionOf(req);
    if (session) return redirect(res, ADMIN_PATHS.library);
    const q = query(req);
    const note: SignInNote | undefined = q.has('signed_out')
      ? { kind: 'notice', text: 'You are signed out.' }
      : q.has('again') || stale ? { kind: 'notice', text: 'Your sign-in has ended. Please sign in again.' } : undefined;
    signIn(res, 200, note, stale ? [clearSession(req)] : []);
  });

  http.route('POST', ADMIN_PATHS.signIn, async (req, res) => {
    if (!methods.token) return signIn(res, 404, { kind: 'error', text: 'Signing in with a token is not set up here.' });
    if (foreignPost(req)) return signIn(res, 403, { kind: 'error', text: 'That sign-in came from another site and was refused.' });
    const now = clock.now();
    if (limiter.blocked(now)) {
      log.warn({ code: 'admin_sign_in_refused', method: 'token', reason: 'too_many_attempts' }, 'admin_sign_in_refused');
      return signIn(res, 429, { kind: 'error', text: 'Too many wrong tokens in the last minute. Wait a minute and try again.' });
    }
    const form = await readForm(req);
    const token = form?.get('token') ?? '';
    if (!tokenMatches(token, config)) {
      limiter.failed(now);
      log.warn({ code: 'admin_sign_in_refused', method: 'token', reason: 'wrong_token' }, 'admin_sign_in_refused');
      return signIn(res, 401, { kind: 'error', text: 'That token is not right.' });
    }
    const { value } = issueSession(key, 'token', { kind: 'all' }, now, config.ADMIN_SESSION_HOURS);
    log.info({ code: 'admin_signed_in', method: 'token' }, 'admin_signed_in');
    redirect(res, ADMIN_PATHS.library, [sessionCookie(req, value)]);
  });

  http.route('POST', ADMIN_PATHS.signOut, (req, res) => {
    if (foreignPost(req)) return signIn(res, 403, { kind: 'error', text: 'That request came from another site and was refused.' });
    redirect(res, `${ADMIN_PATHS.signIn}?signed_out=1`, [clearSession(req)]);
  });

  if (methods.slack && o.slackSignIn) {
    const slackSignIn = o.slackSignIn;
    const redirectUri = (req: IncomingMessage) => {
      const base = origin(req);
      return base ? `${base}${ADMIN_PATHS.slackCallback}` : null;
    };
    const refuse = (req: IncomingMessage, res: Res, status: number, reason: string, text: string) => {
      log.warn({ code: 'admin_sign_in_refused', method: 'slack', reason }, 'admin_sign_in_refused');
      signIn(res, status, { kind: 'error', text }, [oidcCookie(req, '', 0)]);
    };

    http.route('GET', ADMIN_PATHS.slackStart, async (req, res) => {
      const slack = await slackSignIn();
      const back = redirectUri(req);
      if (!slack) return sendHtml(res, 503, startingPage(), { 'retry-after': '2' });
      if (!back) return signIn(res, 400, { kind: 'error', text: 'The request named no host; set ADMIN_PUBLIC_URL.' });
      const { value, state } = issueOidcState(key, clock.now());
      redirect(res, slack.authorizeUrl({ state: state.state, nonce: state.nonce, redirectUri: back }), [oidcCookie(req, value, OIDC_TTL_MS / 1000)], 302);
    });

    http.route('GET', ADMIN_PATHS.slackCallback, async (req, res) => {
      const q = query(req);
      const now = clock.now();
      const expected = readOidcState(key, parseCookies(req.headers.cookie).get(OIDC_COOKIE), now);
      if (q.get('error')) return refuse(req, res, 403, 'cancelled', 'Sign in with Slack was cancelled.');
      const code = q.get('code');
      const state = q.get('state');
      if (!expected || !code || !state || !sameString(state, expected.state)) {
        return refuse(req, res, 403, 'bad_state', 'That sign-in link is out of date or was not started here. Please try again.');
      }
      const slack = await slackSignIn();
      const back = redirectUri(req);
      if (!slack || !back) return sendHtml(res, 503, startingPage(), { 'retry-after': '2' });
      const who = await slack.identify({ code, nonce: expected.nonce, redirectUri: back, now });
      if (!who.ok) return refuse(req, res, 403, who.reason, 'Slack did not confirm who you are. Please try again.');
      const listed = allowList.has(who.value.user);
      const check = listed ? 'admin' : await slack.isWorkspaceAdmin(who.value);
      if (check === 'not_installed') return refuse(req, res, 403, 'not_installed', 'backbuddy is not installed in your Slack workspace.');
      if (check === 'unavailable') return refuse(req, res, 503, 'slack_unavailable', 'Slack could not be asked whether you are an admin. Please try again in a moment.');
      if (check === 'not_admin') return refuse(req, res, 403, 'not_admin', 'This page is for the admins and owners of your Slack workspace (or people listed in ADMIN_SLACK_USER_IDS).');
      const scope: Scope = { kind: 'workspace', platform: 'slack', workspace: who.value.team };
      const { value } = issueSession(key, 'slack', scope, now, config.ADMIN_SESSION_HOURS);
      log.info({ code: 'admin_signed_in', method: 'slack', allowListed: listed }, 'admin_signed_in');
      redirect(res, ADMIN_PATHS.library, [sessionCookie(req, value), oidcCookie(req, '', 0)]);
    });
  }

  http.route('GET', ADMIN_PATHS.library, page((s, src) => libraryPage(libraryView(src.kb, clock.now()), s.scope, clock.now())));
  http.route('GET', ADMIN_PATHS.nudges, page(async (s, src) => schedulesPage(await schedulesView(src.store, s.scope, clock.now()), s.scope, clock.now())));
  http.route('GET', ADMIN_PATHS.stats, page(async (s, src, req) => {
    const weeks = weeksOf(req);
    return statsPage(await activityView(src.store, s.scope, clock.now(), weeks), s.scope, weeks);
  }));
  http.route('GET', ADMIN_PATHS.gaps, page(async (s, src) => gapsPage(await gapsView(src, s.scope, clock.now()), s.scope)));

  http.route('GET', ADMIN_PATHS.statsJson, async (req, res) => {
    const { session } = sessionOf(req);
    if (!session) return sendJson(res, 401, { error: 'sign_in_required', signIn: ADMIN_PATHS.signIn }, { 'www-authenticate': 'Cookie realm="backbuddy admin"' });
    const src = o.sources();
    if (!src) return sendJson(res, 503, { error: 'starting' }, { 'retry-after': '2' });
    const weeks = await activityView(src.store, session.scope, clock.now(), weeksOf(req));
    sendJson(res, 200, { scope: session.scope, weeks });
  });

  log.info({ code: 'admin_enabled', token: methods.token, slack: methods.slack && Boolean(o.slackSignIn) }, 'admin_enabled');
  return true;
}
