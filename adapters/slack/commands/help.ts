// /backbuddy help: the commands, the nudge option forms, and the topics /backtip knows.
import type { SlackMessage } from '../blocks.js';
import { context, message, sectionMrkdwn } from '../blocks.js';
import { MEDICAL_NOTE } from '../../../src/core/present.js';
import { escapeMrkdwn } from '../mrkdwn.js';

export const NUDGES_ON_FORM = '/backbuddy nudges on every 90m hours 9-17 days mon-fri tz Europe/Berlin';

export const NUDGES_USAGE = [
  `\`${NUDGES_ON_FORM}\` (every option is optional)`,
  '`/backbuddy nudges off` · `/backbuddy nudges pause 2h` · `/backbuddy nudges resume` · `/backbuddy nudges status`',
  'Add `me` for your own nudges in a DM with me, on your own clock: `/backbuddy nudges on me every 90m` · `off me` · `pause me 2h` · `status me`',
].join('\n');

export function helpMessage(topics: string[], lead?: string): SlackMessage {
  const commands = [
    `*What I do:* short, sourced answers about back pain and sitting, quick tips, and stretch breaks for your channel. ${escapeMrkdwn(MEDICAL_NOTE)}`,
    '• Mention me in a channel and I answer in a thread; or send me a direct message.',
    '• `/backtip [topic]`: a quick tip, only for you, with a button to share it.',
    '• `/backbuddy ask &lt;question&gt;`: an answer only you see.',
    '• `/backbuddy stretch`: a short routine now.',
    `• Stretch nudges in this channel:\n${NUDGES_USAGE}`,
  ].join('\n');
  return message('BackBuddy help', [
    ...(lead ? [sectionMrkdwn(lead)] : []),
    sectionMrkdwn(commands),
    context(`Tip topics: ${topics.map(escapeMrkdwn).join(', ')}`),
  ]);
}
