// Discord REST errors → the engine's failure kinds, and a short code for logs (never message text).
// https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import type { SinkFailure } from '../../src/nudges/sink.js';

/** JSON error codes that will not go away by retrying: the channel is gone, or we may not see or post there. */
const PERMANENT: Record<number, string> = {
  10003: 'unknown_channel',
  50001: 'missing_access',
  50013: 'missing_permissions',
  // A person who blocked the bot, turned off DMs from server members, or left every shared server.
  50007: 'cannot_message_user',
  10013: 'unknown_user',
  40001: 'unauthorized',
  50083: 'archived_thread',
};

export function discordErrorCode(e: unknown): string {
  if (e instanceof RateLimitError) return 'ratelimited';
  if (e instanceof DiscordAPIError) {
    if (typeof e.code === 'number' && PERMANENT[e.code]) return PERMANENT[e.code]!;
    if (e.status === 429) return 'ratelimited';
    return typeof e.code === 'number' && e.code !== 0 ? `discord_${e.code}` : `http_${e.status}`;
  }
  if (e instanceof HTTPError) return `http_${e.status}`;
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'request_failed';
  if ((e as { name?: string } | null)?.name === 'AbortError') return 'request_failed';
  return 'unexpected';
}

/** Channel errors that mean "the bot may not post here": nudges are not turned on, and a running subscription stops. */
export const isNotAllowedHere = (e: unknown): boolean =>
  ['unknown_channel', 'missing_access', 'missing_permissions', 'archived_thread'].includes(discordErrorCode(e));

export function toSinkFailure(e: unknown): SinkFailure {
  const code = discordErrorCode(e);
  if (e instanceof RateLimitError) return { kind: 'rate_limited', retryAfterMs: e.retryAfter };
  if (code === 'ratelimited') return { kind: 'rate_limited', retryAfterMs: 60_000 };
  if (Object.values(PERMANENT).includes(code)) return { kind: 'permanent', code, message: `Discord refused the post: ${code}` };
  return { kind: 'transient', message: `Discord call failed: ${code}` };
}
