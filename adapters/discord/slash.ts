// /backtip and /backbuddy. Discord wants an answer within 3 s: quick ones reply at once, the rest
// defer (the person sees "thinking…") and edit the reply when done. Everything answers privately.
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { NUDGE_SUBCOMMANDS, type NudgeSubcommand } from '../../src/adapter-kit/backbuddy-command.js';
import { ENTRY_CHOICE } from '../../src/adapter-kit/choices.js';
import { Wording } from '../../src/adapter-kit/wording.js';
import { imageOf, MEDICAL_NOTE } from '../../src/core/present.js';
import type { DiscordDeps } from './deps.js';
import { md } from './limits.js';
import { runNudges } from './nudges.js';
import { DM_WORKSPACE, fromOf } from './translate.js';
import { renderNotice, renderReply, renderRoutine, renderTip, type DiscordMessage } from './render.js';

export const PRIVATE = MessageFlags.Ephemeral;

function helpMessage(topics: string[]): DiscordMessage {
  return renderNotice([
    `**What I do:** ${Wording.about} ${MEDICAL_NOTE}`,
    '• Mention me in a channel, or send me a direct message.',
    '• `/backtip [topic]`: a quick tip, only for you, with a button to share it.',
    '• `/backbuddy ask question:…`: an answer only you see. `/backbuddy stretch`: a short routine now.',
    '• `/backbuddy nudges on|off|pause|resume|status`: stretch breaks in a channel (Manage Channels to change them).',
    '• Add `target:me` for your own nudges in a DM with me (no permission needed).',
    `Tip topics: ${md(topics.join(', '), 1200)}`,
  ].join('\n'));
}

function backtip(deps: DiscordDeps, topic: string | null): DiscordMessage {
  const { assistant } = deps.services;
  // A title picked from the autocomplete list names its entry exactly.
  const picked = topic?.startsWith(ENTRY_CHOICE) ? assistant.entry(topic.slice(ENTRY_CHOICE.length)) : null;
  return renderTip(picked ? { reply: picked, note: null } : assistant.tip(topic?.trim() || undefined));
}

export async function onCommand(deps: DiscordDeps, i: ChatInputCommandInteraction): Promise<void> {
  const { assistant } = deps.services;
  const quick = (msg: DiscordMessage) => i.reply({ ...msg, flags: PRIVATE });
  const slow = async (build: () => Promise<DiscordMessage>) => {
    await i.deferReply({ flags: PRIVATE });
    await i.editReply(await build());
  };
  if (i.commandName === 'backtip') return void (await quick(backtip(deps, i.options.getString('topic'))));
  if (i.commandName !== 'backbuddy') {
    deps.log.warn({ code: 'discord_unknown_command' }, 'discord_unknown_command');
    return void (await quick(renderNotice('I do not know that command. The commands may be out of date: ask an admin to run `npm run discord:register`.')));
  }
  const group = i.options.getSubcommandGroup(false);
  const sub = i.options.getSubcommand(false);
  if (group === 'nudges' && (NUDGE_SUBCOMMANDS as readonly string[]).includes(sub ?? '')) return slow(() => runNudges(deps, i, sub as NudgeSubcommand));
  switch (sub) {
    case 'ask':
      return slow(async () => renderReply(await assistant.reply({
        text: i.options.getString('question') ?? '',
        // One conversation per person and channel, so a second /backbuddy ask can follow up.
        conversation: `discord:${i.guildId ?? DM_WORKSPACE}:${i.channelId}:${i.user.id}`,
        platform: 'discord',
        from: fromOf(i.guildId, i.channelId, i.user.id),
      })));
    case 'stretch': {
      // Rendering a PNG is local (tens of ms, cached after the first), well inside the 3 s an interaction allows.
      const routine = assistant.stretch();
      const image = imageOf(routine);
      return void (await quick(renderRoutine(routine, null, undefined, image ? await deps.services.images.png(image.entryId) : null)));
    }
    case 'help':
      return void (await quick(helpMessage(assistant.topics())));
    default:
      deps.log.warn({ code: 'discord_unknown_command' }, 'discord_unknown_command');
      return void (await quick(helpMessage(assistant.topics())));
  }
}
