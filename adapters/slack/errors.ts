// Slack Web API errors → the engine's failure kinds, and a short code for logs (never message text).
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
