// Mentions in channels and direct messages → the core → a reply to the message. Neither needs the
// privileged Message Content intent: Discord sends the content of DMs and of messages that mention the bot.
import type { Message } from 'discord.js';
import { FALLBACK_TEXT } from '../../src/adapter-kit/guard.js';
import { parseDirectCommand } from '../../src/adapter-kit/backbuddy-command.js';
import { guard, type DiscordDeps } from './deps.js';
import { personalNudges } from './personal-nudges.js';
import { renderNotice, renderReply } from './render.js';
import { isForUs, toChatRequest, type DiscordMessageFields } from './translate.js';

export function fieldsOf(m: Message, botId: string): DiscordMessageFields {
  return {
    authorId: m.author.id,
    authorIsBot: m.author.bot,
    content: m.content,
    channelId: m.channelId,
    guildId: m.guildId,
    inThread: m.channel.isThread(),
    mentionsBot: m.mentions.users.has(botId),
  };
}

export async function onMessage(deps: DiscordDeps, m: Message): Promise<void> {
  const botId = m.client.user.id;
  const fields = fieldsOf(m, botId);
  const source = isForUs(fields, botId);
  if (!source) return;
  // A gateway RESUME can replay a message; another replica may have taken it already.
  if (!(await deps.services.firstDelivery(`discord:message:${m.id}`))) {
    return void deps.log.info({ code: 'discord_replay_dropped' }, 'discord_replay_dropped');
  }
  // "nudges on me every 90m" typed in the DM: the person's own nudges, not a question.
  const command = source === 'dm' ? parseDirectCommand(fields.content) : null;
  if (command) {
    return void (await guard(deps, `dm_nudges_${command.sub}`, async () => {
      await m.reply(await personalNudges(deps, fields.authorId, command.sub, command.words));
    }, () => m.reply(renderNotice(FALLBACK_TEXT))));
  }
  await guard(deps, `answer_${source}`, async () => {
    const reply = await deps.services.assistant.reply(toChatRequest(fields, botId));
    deps.log.info({ code: 'discord_answered', source, kind: reply.kind }, 'discord_answered');
    await m.reply(renderReply(reply));
  }, () => m.reply(renderNotice(FALLBACK_TEXT)));
}
