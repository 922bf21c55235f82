// The App Home tab: what the bot does, a few quick tips, and the nudge status of the channels where this
// person turned nudges on. (Listing every channel they are in would need channels:read and groups:read;
// the manifest keeps to the least scopes, see README.)
import type { types } from '@slack/bolt';
import type { SlackDeps } from './deps.js';
import { context, header, sectionMrkdwn, type Block } from './blocks.js';
import { describeStatus } from './commands/nudges.js';
import { describePersonal } from './commands/personal-nudges.js';
import { personalTarget } from '../../src/nudges/schedule.js';
import { MEDICAL_NOTE } from '../../src/core/present.js';
import { Wording } from '../../src/adapter-kit/wording.js';
import { HOME_BLOCKS_MAX, escapeMrkdwn, mrkdwnText } from './mrkdwn.js';
import { capBlocks } from './blocks.js';

const TIPS_SHOWN = 3;

/** A few different tips, one per topic, in the order the core lists its topics. */
function quickTips(deps: SlackDeps): Block[] {
  const seen = new Set<string>();
  const blocks: Block[] = [];
  const { assistant } = deps.services;
  for (const topic of assistant.topics()) {
    if (seen.size >= TIPS_SHOWN) break;
    const { reply } = assistant.tip(topic);
    if (seen.has(reply.entry.entryId)) continue;
    seen.add(reply.entry.entryId);
    blocks.push(sectionMrkdwn(`*${escapeMrkdwn(reply.entry.title)}*\n${mrkdwnText(reply.summary, 2800)}`));
  }
  return blocks;
}

export async function homeView(deps: SlackDeps, team: string, user: string): Promise<types.HomeView> {
  const subs = await deps.services.nudges.statusesBy('slack', team, user);
  const status = subs.length
    ? subs.map((s) => sectionMrkdwn(`<#${s.channel}>: ${describeStatus(s.status)}`))
    : [sectionMrkdwn('You have not turned on nudges in any channel. In a channel, run `/backbuddy nudges on` (I need to be invited there first).')];
  // App Home is seen by its owner only, so their own Done count may show here.
  const mine = await deps.services.nudges.status(personalTarget('slack', team, user));
  const blocks: Block[] = [
    header('BackBuddy'),
    sectionMrkdwn([
      Wording.about,
      '• Mention me in a channel (I answer in a thread) or message me here.',
      '• `/backtip [topic]` for a quick tip, `/backbuddy stretch` for a routine now, `/backbuddy help` for everything else.',
    ].join('\n')),
    context(escapeMrkdwn(MEDICAL_NOTE)),
    { type: 'divider' },
    header('Quick tips'),
    ...quickTips(deps),
    { type: 'divider' },
    header('Your channel nudges'),
    ...status,
    header('Your own nudges'),
    sectionMrkdwn(describePersonal(mine)),
  ];
  return { type: 'home', blocks: capBlocks(blocks, HOME_BLOCKS_MAX) };
}
