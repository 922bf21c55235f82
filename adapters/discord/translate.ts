// Discord messages → core requests. Mapping only: which messages count, and which conversation they belong to.
import type { ChatRequest } from '../../src/core/reply-schema.js';

/** The fields of a gateway message the adapter reads. */
export type DiscordMessageFields = {
  authorId: string;
  authorIsBot: boolean;
  content: string;
  channelId: string;
  guildId: string | null;
  /** True in a thread channel (public, private or forum post). */
  inThread: boolean;
  /** Whether the bot's user is among the mentioned users (a reply that pings the bot counts). */
  mentionsBot: boolean;
};

/** A DM, or a message that mentions the bot; bots (this one included) never. */
export function isForUs(m: DiscordMessageFields, botId: string): 'dm' | 'mention' | null {
  if (m.authorIsBot || m.authorId === botId) return null;
  if (m.guildId === null) return 'dm';
  return m.mentionsBot ? 'mention' : null;
}

/** Remove mentions of the bot (`<@id>` and the older `<@!id>`); other text stays. */
export const stripMention = (text: string, botId: string): string =>
  text.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();

/**
 * One conversation per DM and per thread; in an ordinary channel, one per person and channel, because
 * replies there are not threaded (a follow-up is another mention or a reply that pings the bot).
 */
export function conversationId(m: DiscordMessageFields): string {
  if (m.guildId === null) return `discord:${DM_WORKSPACE}:${m.channelId}`;
  if (m.inThread) return `discord:${m.guildId}:${m.channelId}`;
  return `discord:${m.guildId}:${m.channelId}:${m.authorId}`;
}

/** DMs belong to no server: their conversations and counts go under this workspace name, as button presses do. */
export const DM_WORKSPACE = 'dm';

/**
 * Who asked and where, for the core's question limits and anonymous per-channel counts; the guild is the
 * workspace, so `backbuddy data export --guild ID` finds the server's context and counts.
 */
export const fromOf = (guildId: string | null, channelId: string, userId: string): NonNullable<ChatRequest['from']> =>
  ({ workspace: guildId ?? DM_WORKSPACE, channel: channelId, user: userId, direct: guildId === null });

export const toChatRequest = (m: DiscordMessageFields, botId: string): ChatRequest => ({
  text: stripMention(m.content, botId),
  conversation: conversationId(m),
  platform: 'discord',
  ...(m.authorId && m.channelId ? { from: fromOf(m.guildId, m.channelId, m.authorId) } : {}),
});
