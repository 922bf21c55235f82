// Button presses → what they came to (src/adapter-kit/press.ts) → a Discord reply. Everything the handler
// needs is in the custom_id, so buttons keep working after a restart.
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { press } from '../../src/adapter-kit/press.js';
import { Wording } from '../../src/adapter-kit/wording.js';
import { imageOf } from '../../src/core/present.js';
import { parseCustomId } from './custom-ids.js';
import { DM_WORKSPACE } from './translate.js';
import type { DiscordDeps } from './deps.js';
import { DISCORD_DM_WORKSPACE } from './dm.js';
import { personalTarget, personOf } from '../../src/nudges/schedule.js';
import { renderNotice, renderReply, renderRoutine, renderSharedTip, type DiscordMessage } from './render.js';

const PRIVATE = MessageFlags.Ephemeral;

export async function onButton(deps: DiscordDeps, i: ButtonInteraction): Promise<void> {
  const tellOnly = (msg: DiscordMessage) => i.reply({ ...msg, flags: PRIVATE });
  const parsed = parseCustomId(i.customId);
  if (!parsed) {
    deps.log.warn({ code: 'discord_action_malformed' }, 'discord_action_malformed');
    return void (await tellOnly(renderNotice(Wording.malformedAction)));
  }
  // In a DM the presser's own nudges are meant (the button's subscription id says so too, while it exists).
  const here = i.guildId ? { platform: 'discord' as const, workspace: i.guildId, channel: i.channelId } : personalTarget('discord', DISCORD_DM_WORKSPACE, i.user.id);
  const onPrivateMessage = i.message.flags.has(MessageFlags.Ephemeral);
  const out = await press(deps.services, parsed.action, parsed.value, here, i.user.id);
  switch (out.kind) {
    case 'malformed':
      deps.log.warn({ code: 'discord_action_malformed', action: parsed.action }, 'discord_action_malformed');
      return void (await tellOnly(renderNotice(Wording.malformedAction)));
    case 'feedback':
      return void (await tellOnly(renderNotice(Wording.feedbackThanks(out.helpful))));
    case 'entry_gone':
      return void (await tellOnly(renderNotice(Wording.entryGone)));
    case 'entry':
      // Shown where the button was: for everyone under a public answer, only to the presser under a private one.
      return void (await i.reply({ ...renderReply(out.reply), ...(onPrivateMessage ? { flags: PRIVATE } : {}) }));
    case 'share':
      // The private tip says it was shared; the tip itself goes to the channel as a public follow-up,
      // which needs no Send Messages permission there.
      await i.update(renderNotice('Shared in the channel.'));
      return void (await i.followUp(renderSharedTip(out.reply, i.user.id)));
    case 'done':
      return void (await tellOnly(renderNotice(i.guildId ? Wording.doneThanks : Wording.personalDoneThanks)));
    case 'no_subscription':
      return void (await tellOnly(renderNotice(`${Wording.noNudgesTo('snooze')} \`/backbuddy nudges on\` starts them.`)));
    case 'snoozed':
      if (personOf(out.target)) return void (await tellOnly(renderNotice(`Snoozed: your nudges pause until <t:${Math.floor(out.until.getTime() / 1000)}:t>.`)));
      return void (await tellOnly(renderNotice(`Snoozed: nudges in <#${out.target.channel}> pause until <t:${Math.floor(out.until.getTime() / 1000)}:t>.`)));
    case 'another': {
      const image = imageOf(out.routine);
      const msg = renderRoutine(out.routine, out.subscriptionId, undefined, image ? await deps.services.images.png(image.entryId) : null);
      // On a personal (private) routine the new one replaces it; on a channel nudge only the presser sees it.
      if (onPrivateMessage) await i.update(msg);
      else await tellOnly(msg);
    }
  }
}
