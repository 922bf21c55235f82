// Sign in with Slack (OpenID Connect) for the admin page: the authorize address, the code exchange
// (openid.connect.token), the ID token's checks, and whether the person is an admin or owner of their
// workspace (users.info with that workspace's bot token). Only OAuth installs have it: it needs the
// app's SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, and each workspace's bot token comes from its install.
// Slack's addresses follow SLACK_API_URL (tests point it at the fake on loopback): the API at
// SLACK_API_URL, the authorize page at ../openid/connect/authorize beside it, as on slack.com.
import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { AdapterServices } from '../../src/adapter-kit/services.js';
import type { Config } from '../../src/config/schema.js';
import { boltLogger } from './bolt-logger.js';
import { slackClientOptions } from './app.js';
import { installedWorkspaces } from './clients.js';
import { slackErrorCode } from './errors.js';
import { oauthOptions } from './oauth.js';

export const SLACK_ISSUER = 'https://slack.com';
const DEFAULT_API = 'https://slack.com/api/';

export type Identity = { team: string; user: string };

/** Why a sign-in was refused, as a code for logs and a fixed sentence on the page (never Slack's own text). */
export type Refusal = 'exchange_failed' | 'bad_id_token' | 'nonce_mismatch' | 'expired_id_token';

export type AdminCheck = 'admin' | 'not_admin' | 'not_installed' | 'unavailable';

export interface SlackSignIn {
  /** Slack's authorize page for this sign-in: scope `openid profile`, our state and nonce. */
  authorizeUrl(o: { state: string; nonce: string; redirectUri: string }): string;
  /** Swaps the code for an ID token and reads who signed in, after checking issuer, audience, expiry and nonce. */
  identify(o: { code: string; nonce: string; redirectUri: string; now: Date }): Promise<{ ok: true; value: Identity } | { ok: false; reason: Refusal }>;
  /** Whether the person is an admin or owner of the workspace (users.info with the workspace's bot token). */
  isWorkspaceAdmin(who: Identity): Promise<AdminCheck>;
}

const base64urlJson = (part: string): unknown => {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    return null;
  }
};

/**
 * The claims of an ID token received straight from Slack's token endpoint. Its signature is not
 * checked: OpenID Connect Core 1.0 §3.1.3.7 lets a client that got the token over TLS from the token
 * endpoint itself rely on that instead (no browser ever carries it). Issuer, audience, expiry and nonce are checked.
 */
export function idTokenIdentity(idToken: string, o: { clientId: string; nonce: string; now: Date }): { ok: true; value: Identity } | { ok: false; reason: Refusal } {
  const parts = idToken.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'bad_id_token' };
  const c = base64urlJson(parts[1] ?? '') as Record<string, unknown> | null;
  if (!c || typeof c !== 'object') return { ok: false, reason: 'bad_id_token' };
  const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
  if (c.iss !== SLACK_ISSUER || !aud.includes(o.clientId)) return { ok: false, reason: 'bad_id_token' };
  if (typeof c.exp !== 'number' || c.exp * 1000 <= o.now.getTime()) return { ok: false, reason: 'expired_id_token' };
  if (c.nonce !== o.nonce) return { ok: false, reason: 'nonce_mismatch' };
  const team = c['https://slack.com/team_id'];
  const user = c['https://slack.com/user_id'] ?? c.sub;
  if (typeof team !== 'string' || !team || typeof user !== 'string' || !user) return { ok: false, reason: 'bad_id_token' };
  return { ok: true, value: { team, user } };
}

export function createSlackSignIn(config: Config, services: AdapterServices, log: Logger): SlackSignIn {
  const clientId = config.SLACK_CLIENT_ID;
  const clientSecret = config.SLACK_CLIENT_SECRET;
  const oauth = oauthOptions(config, services, log);
  if (!clientId || !clientSecret || !oauth) throw new Error('Sign in with Slack needs SLACK_CLIENT_ID and SLACK_CLIENT_SECRET');
  const options: webApi.WebClientOptions = { ...slackClientOptions(config), logger: boltLogger(log), logLevel: webApi.LogLevel.ERROR };
  const api = new webApi.WebClient(undefined, options);
  const workspaces = installedWorkspaces(oauth.installs, options);
  const apiBase = config.SLACK_API_URL ?? DEFAULT_API;

  return {
    authorizeUrl({ state, nonce, redirectUri }) {
      const u = new URL('../openid/connect/authorize', apiBase.endsWith('/') ? apiBase : `${apiBase}/`);
      u.search = new URLSearchParams({ response_type: 'code', scope: 'openid profile', client_id: clientId, state, nonce, redirect_uri: redirectUri }).toString();
      return u.toString();
    },

    async identify({ code, nonce, redirectUri, now }) {
      let idToken: unknown;
      try {
        const res = await api.openid.connect.token({ client_id: clientId, client_secret: clientSecret, code, redirect_uri: redirectUri });
        idToken = res.id_token;
      } catch (e) {
        log.warn({ code: 'admin_slack_exchange_failed', slackError: slackErrorCode(e) }, 'admin_slack_exchange_failed');
        return { ok: false, reason: 'exchange_failed' };
      }
      if (typeof idToken !== 'string') return { ok: false, reason: 'bad_id_token' };
      return idTokenIdentity(idToken, { clientId, nonce, now });
    },

    async isWorkspaceAdmin({ team, user }) {
      try {
        const client = await workspaces.forTeam(team);
        if (!client) return 'not_installed';
        const res = await client.users.info({ user });
        const u = res.user;
        if (!u || u.deleted || u.is_bot) return 'not_admin';
        return u.is_admin || u.is_owner || u.is_primary_owner ? 'admin' : 'not_admin';
      } catch (e) {
        const code = slackErrorCode(e);
        if (code === 'user_not_found' || code === 'user_not_visible') return 'not_admin';
        log.warn({ code: 'admin_slack_users_info_failed', slackError: code }, 'admin_slack_users_info_failed');
        return 'unavailable';
      }
    },
  };
}
