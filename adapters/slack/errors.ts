// Slack Web API errors → the engine's failure kinds, and a short code for logs (never message text).
import { hostOf, NET_FAILURE_TEXT, netFailureOf } from '../../src/common/net-error.js';
import type { SinkFailure } from '../../src/nudges/sink.js';

// Errors that will not go away by retrying: the channel or the token is gone, or we may not post there.
// https://docs.slack.dev/reference/methods/chat.postMessage#errors; for a person's DM also
// conversations.open's (https://docs.slack.dev/reference/methods/conversations.open#errors): they left
// (user_not_found, user_disabled), are deactivated (account_inactive) or blocked the bot (cannot_dm_bot).
const PERMANENT = new Set([
  'cannot_dm_bot', 'user_not_found', 'user_disabled', 'user_not_visible', 'messages_tab_disabled',
  'channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'invalid_auth', 'token_revoked',
  'token_expired', 'not_authed', 'missing_scope', 'restricted_action', 'team_access_not_granted', 'ekm_access_denied',
]);

/** Without a retry-after header Slack's documented default wait is about a minute for Tier-limited methods. */
const DEFAULT_RETRY_AFTER_MS = 60_000;

type SlackishError = {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string; response_metadata?: { retryAfter?: number } };
};

/** The Slack error name (`channel_not_found`, `ratelimited`, `http_500`…) or a generic code. */
export function slackErrorCode(e: unknown): string {
  const err = (e ?? {}) as SlackishError;
  if (err.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
  if (err.code === 'slack_webapi_platform_error' && err.data?.error) return err.data.error;
  if (err.code === 'slack_webapi_http_error') return `http_${err.statusCode ?? 'error'}`;
  if (err.code === 'slack_webapi_request_error') return 'request_failed';
  if (err.code === 'slack_bolt_respond_error') return 'respond_failed';
  return 'unexpected';
}

export function toSinkFailure(e: unknown): SinkFailure {
  const err = (e ?? {}) as SlackishError;
  const code = slackErrorCode(e);
  if (code === 'ratelimited') {
    const seconds = err.retryAfter ?? err.data?.response_metadata?.retryAfter;
    return { kind: 'rate_limited', retryAfterMs: seconds !== undefined ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS };
  }
  if (PERMANENT.has(code)) return { kind: 'permanent', code, message: `Slack refused the post: ${code}` };
  return { kind: 'transient', message: `Slack call failed: ${code}` };
}

/** Error names meaning the token itself is refused: wrong, revoked, expired, of the wrong kind, or its workspace is gone. */
const REJECTED_TOKEN = new Set([
  'invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'not_allowed_token_type', 'team_access_not_granted',
  'invalid_token', 'missing_scope',
]);

const WHERE_TO_FIND = {
  SLACK_BOT_TOKEN: 'copy the Bot User OAuth Token (xoxb-...) from the app\'s "OAuth & Permissions" page (reinstall the app if it was removed or its scopes changed)',
  SLACK_APP_TOKEN: 'make an app-level token (xapp-...) with connections:write under "Basic Information" and turn Socket Mode on',
} as const;

/**
 * One line for an operator when Slack start-up fails: the setting, and the likely cause. A network
 * failure is not a rejected token: it names the host and what went wrong on the way there.
 */
export function slackStartupProblem(e: unknown, setting: keyof typeof WHERE_TO_FIND, apiUrl: string | undefined): string {
  const net = netFailureOf(e);
  const host = hostOf(apiUrl ?? 'https://slack.com/api/');
  if (net) {
    return `Slack: cannot reach ${host}: ${NET_FAILURE_TEXT[net]}; check the network, DNS and any proxy${apiUrl ? ', and SLACK_API_URL' : ''}`;
  }
  const code = slackErrorCode(e);
  if (REJECTED_TOKEN.has(code)) return `${setting}: Slack rejected the token (${code}); ${WHERE_TO_FIND[setting]}`;
  if (code === 'ratelimited' || code.startsWith('http_5')) return `Slack: ${host} answered ${code} while checking ${setting}; Slack may be having trouble (status.slack.com), try again shortly`;
  if (code.startsWith('http_')) return `Slack: ${host} answered ${code} while checking ${setting}; ${apiUrl ? 'check SLACK_API_URL' : 'is a proxy in the way?'}`;
  return `${setting}: Slack start-up failed (${code}); ${WHERE_TO_FIND[setting]}`;
}
