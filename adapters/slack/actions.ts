// Button presses → what they came to (src/adapter-kit/press.ts) → a Slack reply. Buttons carry entry and
// subscription ids in their value: presses on ephemeral messages come without the message.
import { press } from '../../src/adapter-kit/press.js';
import { Wording } from '../../src/adapter-kit/wording.js';
import { personalTarget, personOf } from '../../src/nudges/schedule.js';
import type { ActionId } from '../../src/core/reply-actions.js';
import { imageOf } from '../../src/core/present.js';
import type { SlackMessage } from './blocks.js';
import type { SlackDeps } from './deps.js';
import { renderNotice, renderReply, renderRoutine, renderSharedTip } from './render.js';
import type { Respond } from './commands/reply.js';

/** The parts of a block_actions payload the handlers read. */
export type ActionInput = {
  value: string | undefined;
  user: string;
  team: string;
  channel: string | null;
  /** The message the button sits on; null for ephemeral messages. */
  message: { ts: string; threadTs?: string } | null;
  ephemeral: boolean;
  respond: Respond;
};

const tellOnly = (a: ActionInput, msg: SlackMessage) => a.respond({ response_type: 'ephemeral', replace_original: false, ...msg });

export async function onPress(deps: SlackDeps, action: ActionId, a: ActionInput): Promise<void> {
  // In a DM the presser's own nudges are meant (the button's subscription id says so too, while it exists).
  const here = !a.channel ? null : a.channel.startsWith('D') ? personalTarget('slack', a.team, a.user) : { platform: 'slack' as const, workspace: a.team, channel: a.channel };
  const out = await press(deps.services, action, a.value, here, a.user);
  switch (out.kind) {
    case 'malformed':
      deps.log.warn({ code: 'slack_action_malformed', action }, 'slack_action_malformed');
      return void (await tellOnly(a, renderNotice(Wording.malformedAction)));
    case 'feedback':
      return void (await tellOnly(a, renderNotice(Wording.feedbackThanks(out.helpful))));
    case 'entry_gone':
      return void (await tellOnly(a, renderNotice(Wording.entryGone)));
    case 'entry': {
      // Shown where the button was: in the thread for channel messages, only to the presser for ephemeral ones.
      const msg = renderReply(out.reply);
      if (a.ephemeral || !a.channel || !a.message) return void (await tellOnly(a, msg));
      const inDm = a.channel.startsWith('D');
      const threadTs = a.message.threadTs ?? (inDm ? undefined : a.message.ts);
      return void (await deps.poster.post(a.team, { channel: a.channel, ...(threadTs ? { threadTs } : {}) }, msg));
    }
    case 'share':
      // Through response_url, which works even where the bot is not a member; then the ephemeral one goes.
      await a.respond({ response_type: 'in_channel', replace_original: false, ...renderSharedTip(out.reply, a.user) });
      return void (await a.respond({ delete_original: true }));
    case 'done':
      return void (await tellOnly(a, renderNotice(a.channel?.startsWith('D') ? Wording.personalDoneThanks : Wording.doneThanks)));
    case 'no_subscription':
      return void (await tellOnly(a, renderNotice(`${Wording.noNudgesTo('snooze')} \`/backbuddy nudges on\` starts them.`)));
    case 'snoozed':
      if (personOf(out.target)) return void (await tellOnly(a, renderNotice(`Snoozed: your nudges pause until <!date^${Math.floor(out.until.getTime() / 1000)}^{time}|an hour from now>.`)));
      return void (await tellOnly(a, renderNotice(`Snoozed: nudges in <#${out.target.channel}> pause until <!date^${Math.floor(out.until.getTime() / 1000)}^{time}|an hour from now>.`)));
    case 'another': {
      const msg = renderRoutine(out.routine, out.subscriptionId, undefined, await deps.images.forView(a.team, imageOf(out.routine)));
      // On a personal (ephemeral) routine the new one replaces it; on a channel nudge only the presser sees it.
      if (a.ephemeral) await a.respond({ replace_original: true, ...msg });
      else await tellOnly(a, msg);
    }
  }
}
