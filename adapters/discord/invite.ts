// The invite URL with the least permissions that work. Computed, so the README's number can be checked.
import { PermissionFlagsBits } from 'discord.js';

/**
 * View Channel (see the channel), Send Messages (answers to mentions, nudges), Send Messages in Threads
 * (mentions in threads), Embed Links (answers are embeds), Attach Files (a channel nudge attaches its
 * routine's illustration), Read Message History (a reply must be able to reference the message it
 * answers). Slash commands and button replies need none of these.
 */
export const BOT_PERMISSIONS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.SendMessagesInThreads
  | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.AttachFiles | PermissionFlagsBits.ReadMessageHistory;

export const inviteUrl = (applicationId: string): string =>
  `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot+applications.commands&permissions=${BOT_PERMISSIONS}`;
