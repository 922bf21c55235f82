// /backbuddy nudges on|off|pause|resume|status me (or the same words in a DM with the bot): the person's
// own nudges in their DM. What each does is src/nudges/manage.ts; this words the results in mrkdwn.
import type { NudgeSubcommand } from '../../../src/adapter-kit/backbuddy-command.js';
import { answerPersonal } from '../../../src/adapter-kit/personal-nudges.js';
import { Wording } from '../../../src/adapter-kit/wording.js';
import type { NudgeStatus } from '../../../src/nudges/manage.js';
import { personalTarget } from '../../../src/nudges/schedule.js';
import type { SlackMessage } from '../blocks.js';
import type { SlackDeps } from '../deps.js';
import { slackErrorCode } from '../errors.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { renderNotice } from '../render.js';
import { describeStatus, usage, type CommandWhere } from './nudges.js';
import type { CommandPlan } from './reply.js';

/** The DM cannot be opened or written to: the person blocked the bot or turned off its Messages tab. */
const CANNOT_DM = new Set(['cannot_dm_bot', 'messages_tab_disabled', 'user_not_found', 'user_disabled', 'user_not_visible', 'account_inactive', 'channel_not_found']);

export const PERSONAL_ON_FORM = '/backbuddy nudges on me every 90m hours 9-17 days mon-fri';

export function describePersonal(s: NudgeStatus): string {
  if (s.state === 'off') return `${Wording.personalOff} Turn them on with \`${PERSONAL_ON_FORM}\`.`;
  const line = describeStatus(s).replace(/`\/backbuddy nudges (on|resume)`/g, '`/backbuddy nudges $1 me`');
  return s.personal ? `${line} ${Wording.personalExtra(s.personal, 'Slack')}` : line;
}

async function turnOn(deps: SlackDeps, where: CommandWhere, words: string[]): Promise<SlackMessage> {
  const person = { platform: 'slack' as const, workspace: where.team, user: where.user };
  const people = await deps.people.forTeam(where.team);
  const zone = async () => (people ? people.profileZone(where.user) : ({ kind: 'unavailable', code: 'not_installed' } as const));
  const r = await deps.services.nudges.turnOnPersonal(person, words, zone, async (schedule) => {
    if (!people) return false;
    try {
      const channel = await people.dmChannel(where.user);
      await deps.poster.post(where.team, { channel }, renderNotice(
        `Your own stretch nudges are on, here in our DM: \`${escapeMrkdwn(schedule)}\`. \`/backbuddy nudges off me\` stops them.`,
        'Your stretch nudges are on.'));
      return true;
    } catch (e) {
      people.forget(where.user);
      if (!CANNOT_DM.has(slackErrorCode(e))) throw e;
      return false;
    }
  });
  if (r.kind === 'invalid') return usage(r.problem);
  if (r.kind === 'not_here') return renderNotice(Wording.cannotDm);
  return renderNotice(`Your nudges are on. ${describePersonal(r.status)}`);
}

export function personalNudgesPlan(deps: SlackDeps, where: CommandWhere, sub: NudgeSubcommand, words: string[]): CommandPlan {
  return { name: `nudges_${sub}_me`, quick: false, build: () => personalNudges(deps, where, sub, words) };
}

/** Builds the answer to a personal nudges command. */
export async function personalNudges(deps: SlackDeps, where: CommandWhere, sub: NudgeSubcommand, words: string[]): Promise<SlackMessage> {
  const { nudges } = deps.services;
  const target = personalTarget('slack', where.team, where.user);
  switch (sub) {
    case 'on':
      return turnOn(deps, where, words);
    default: {
      const a = await answerPersonal(nudges, target, sub, words, describePersonal);
      return a.kind === 'invalid' ? usage(a.problem) : renderNotice(a.text);
    }
  }
}
