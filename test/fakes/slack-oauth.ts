import { TEST_IMAGE_CACHE } from './image-cache.js';
// Slack OAuth installs on loopback: the real adapter in OAuth mode (SLACK_CLIENT_ID) on Bolt's HTTP
// receiver and installer, and the browser's side of the install done with fetch.
// The fake Web API (slack-api.ts) gets two handlers here: `oauth.v2.access` swaps a code for the
// workspace it names (codes are `code-T1`, `code-T2`…) and answers with a bot token of its own
// (`xoxb-T1-…`), and `auth.test` answers for whichever token asks. Not emulated: Slack's own
// authorize page (the test reads the state from our install page and goes straight to the redirect),
// token rotation (refresh tokens, expiry), org-wide (Enterprise Grid) installs, user tokens.
import pino, { type Logger } from 'pino';
import { createSlackApp, type SlackApp } from '../../adapters/slack/app.js';
import { createAdapterServices } from '../../src/adapter-kit/services.js';
import { ConfigSchema } from '../../src/config/schema.js';
import type { Assistant } from '../../src/core/assistant.js';
import type { Store } from '../../src/store/store.js';
import type { FakeHandler, FakeSlackApi } from './slack-api.js';
import { JSON_TYPE, postSigned, type SignedPost } from './slack-sign.js';
import { SECRET } from './slack-harness.js';

export const CLIENT_ID = '1111111111.2222222222';
export const CLIENT_SECRET = 'client-secret-not-real';
export const STATE_SECRET = 'state-secret-not-real-0123456789';
/** Two keys for the tests (32 bytes each, base64). */
export const KEY_A = Buffer.alloc(32, 7).toString('base64');
export const KEY_B = Buffer.alloc(32, 9).toString('base64');

/** The bot token the fake hands a workspace; long enough to find in a database dump. */
export const tokenOf = (team: string) => `xoxb-${team}-plaintext-token-0123456789`;
export const botUserOf = (team: string) => `U_BOT_${team}`;

/** Handlers for the fake Web API: the token exchange and auth.test per token. */
export function oauthHandlers(): Record<string, FakeHandler> {
  return {
    'oauth.v2.access': (args) => {
      const team = /^code-(T\w+)$/.exec(String(args.code ?? ''))?.[1];
      if (!team || args.client_id !== CLIENT_ID || args.client_secret !== CLIENT_SECRET) return { error: 'invalid_code' };
      return {
        app_id: 'A1', access_token: tokenOf(team), token_type: 'bot', scope: 'app_mentions:read,chat:write,commands,im:history',
        bot_user_id: botUserOf(team), team: { id: team, name: `Workspace ${team}` }, enterprise: null, is_enterprise_install: false,
        authed_user: { id: `U_ADMIN_${team}` },
      };
    },
    'auth.test': (_args, call) => {
      const team = /^Bearer xoxb-(T\w+)-/.exec(call.auth ?? '')?.[1];
      if (!team) return { error: 'invalid_auth' };
      return { team_id: team, team: `Workspace ${team}`, user_id: botUserOf(team), bot_id: `B_${team}` };
    },
  };
}

export type OAuthApp = { slack: SlackApp; base: string; events: string; log: Logger; close(): Promise<void> };

export async function startOAuthApp(o: {
  api: FakeSlackApi; store: Store; assistant: Assistant; key?: string; previousKey?: string; log?: Logger;
}): Promise<OAuthApp> {
  const log = o.log ?? pino({ level: 'silent' });
  const config = ConfigSchema.parse({
    SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: STATE_SECRET,
    SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: o.api.url, PORT: '0',
    TOKEN_ENCRYPTION_KEY: o.key ?? KEY_A, ...(o.previousKey ? { TOKEN_ENCRYPTION_KEY_PREVIOUS: o.previousKey } : {}),
  });
  const slack = createSlackApp({
    config, log,
    services: createAdapterServices({ assistant: o.assistant, store: o.store, log, defaultTz: 'Europe/Berlin', imageCacheDir: TEST_IMAGE_CACHE }),
    testing: { botId: 'unused', botUserId: 'unused', clientOptions: { retryConfig: { retries: 0 } }, host: '127.0.0.1' },
  });
  const { port } = await slack.start();
  const base = `http://127.0.0.1:${port}`;
  return { slack, base, events: `${base}/slack/events`, log, close: () => slack.stop() };
}

/**
 * What a browser does: opens /slack/install (which sets the state cookie and links to Slack's authorize
 * page with the state), then comes back to /slack/oauth_redirect with the code Slack gives and the cookie.
 */
export async function installWorkspace(base: string, team: string, redirectBase = base): Promise<{ status: number; body: string }> {
  const page = await fetch(`${base}/slack/install`);
  const html = await page.text();
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const state = /[?&;]state=([^&"']+)/.exec(html)?.[1];
  if (page.status !== 200 || !state || !cookie) throw new Error(`install page: status ${page.status}, state ${state ? 'found' : 'missing'}`);
  const res = await fetch(`${redirectBase}/slack/oauth_redirect?code=code-${team}&state=${state}`, { headers: { cookie }, redirect: 'manual' });
  return { status: res.status, body: await res.text() };
}

let n = 0;
/** A signed app_mention from `team` mentioning its own bot. */
export function mention(team: string, text: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const i = ++n;
  const ts = `1700002${String(i).padStart(3, '0')}.000100`;
  return {
    team_id: team, api_app_id: 'A1', type: 'event_callback', event_id: `EvOAUTH${team}${i}`, event_time: 1700002000 + i,
    authorizations: [{ enterprise_id: null, team_id: team, user_id: botUserOf(team), is_bot: true, is_enterprise_install: false }],
    event: { type: 'app_mention', user: `U_ALICE_${team}`, text: `<@${botUserOf(team)}> ${text}`, ts, event_ts: ts, team, channel: `C_${team}`, ...over },
  };
}

export const postEvent = (url: string, body: unknown, headers: Record<string, string> = {}): Promise<SignedPost> =>
  postSigned(url, SECRET, JSON.stringify(body), JSON_TYPE, { headers });
