// Slack message events → core requests. Mapping only: which events count, and which conversation they belong to.
import type { ChatRequest } from '../../src/core/reply-schema.js';

/** The fields of `app_mention` and `message` events the adapter reads. */
export type SlackMessageEvent = {
  type: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  channel_type?: string;
  edited?: unknown;
};

/** Where a reply goes: the channel, and the thread when there is one. */
export type ReplyPlace = { channel: string; threadTs?: string };

// Edits arrive as `message_changed` (message events) or with `edited` set (app_mention);
// bots (including this one) carry `bot_id` or a subtype such as `bot_message`.
export function isFromPerson(e: SlackMessageEvent, botUserId: string | undefined): boolean {
  // A payload of another shape (fuzzed, or from a future API) is not a message we can answer.
  if (typeof e.channel !== 'string' || typeof e.ts !== 'string' || (e.thread_ts !== undefined && typeof e.thread_ts !== 'string')) return false;
  if (e.subtype !== undefined && e.subtype !== 'thread_broadcast') return false;
  if (e.bot_id !== undefined || e.edited !== undefined) return false;
  if (typeof e.user !== 'string' || !e.user || e.user === botUserId) return false;
  return typeof e.text === 'string';
}

export const isDirectMessage = (e: SlackMessageEvent): boolean => e.channel_type === 'im' || e.channel.startsWith('D');

/** The pattern of a mention of the bot, made once per bot user id (one per workspace), not per message. */
const mentionPatterns = new Map<string, RegExp>();
function mentionPattern(botUserId: string): RegExp {
  let re = mentionPatterns.get(botUserId);
  if (!re) {
    // Slack user ids are letters and digits; anything else is escaped so it matches only itself.
    re = new RegExp(`<@${botUserId.replace(/[^A-Za-z0-9]/g, '\\$&')}(\\|[^>]*)?>`, 'g');
    // A small bound: OAuth installs have one bot user per workspace.
    if (mentionPatterns.size >= 1000) mentionPatterns.clear();
    mentionPatterns.set(botUserId, re);
  }
  return re;
}

/** Remove mentions of the bot; other people's mentions stay as Slack encodes them. */
export const stripMention = (text: string, botUserId: string | undefined): string =>
  (botUserId ? text.replace(mentionPattern(botUserId), ' ') : text).replace(/\s+/g, ' ').trim();

/** Channel mentions are answered in a thread; DMs in the DM (or in its thread when the person used one). */
export const replyPlace = (e: SlackMessageEvent): ReplyPlace =>
  isDirectMessage(e) ? { channel: e.channel, ...(e.thread_ts ? { threadTs: e.thread_ts } : {}) } : { channel: e.channel, threadTs: e.thread_ts ?? e.ts };

/** One conversation per thread, or per DM outside threads, so follow-ups keep context. */
export function conversationId(team: string, e: SlackMessageEvent): string {
  const place = replyPlace(e);
  return ['slack', team, place.channel, place.threadTs].filter(Boolean).join(':');
}

export const toChatRequest = (e: SlackMessageEvent, team: string, botUserId: string | undefined): ChatRequest => ({
  text: stripMention(e.text ?? '', botUserId),
  conversation: conversationId(team, e),
  platform: 'slack',
  // Ids for the core's rate limits and anonymous per-channel counts.
  ...(team && e.user && e.channel ? { from: { workspace: team, channel: e.channel, user: e.user, direct: isDirectMessage(e) } } : {}),
});
