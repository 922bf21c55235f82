// /backbuddy nudges on [options] | off | pause 2h | resume | status, for the channel the command came from
// (with `me`, for the person's own DM: personal-nudges.ts).
// What each does is src/nudges/manage.ts; this words the results in mrkdwn.
import type { NudgeSubcommand } from '../../../src/adapter-kit/backbuddy-command.js';
import { statusLine, Wording } from '../../../src/adapter-kit/wording.js';
import type { NudgeStatus } from '../../../src/nudges/manage.js';
import type { NudgeTarget } from '../../../src/nudges/schedule.js';
import { formatLocal } from '../../../src/nudges/slots.js';
import { renderNotice } from '../render.js';
import type { SlackMessage } from '../blocks.js';
import type { SlackDeps } from '../deps.js';
import { slackErrorCode } from '../errors.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { NUDGES_ON_FORM, NUDGES_USAGE } from './help.js';
import type { CommandPlan } from './reply.js';

export type CommandWhere = { team: string; channel: string; user: string };

/** Errors that mean "the bot is not in this channel" (private channels, group DMs, never invited). */
const NOT_HERE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

/** A time every reader sees in their own zone, with the subscription's zone as the fallback text. */
const slackDate = (at: Date, tz: string) =>
  `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} at {time}|${formatLocal(at, tz)} ${tz}>`;

export function describeStatus(s: NudgeStatus): string {
  if (s.state === 'off') return Wording.nudgesOff;
  return statusLine(s, { code: (t) => `\`${escapeMrkdwn(t)}\``, when: slackDate, platformName: 'Slack', command: (sub) => `\`/backbuddy nudges ${sub}\`` });
}

export const usage = (problem: string): SlackMessage =>
  renderNotice(`That did not work: ${escapeMrkdwn(problem)}\nThe form is:\n${NUDGES_USAGE}`);

async function turnOn(deps: SlackDeps, where: CommandWhere, target: NudgeTarget, words: string[]): Promise<SlackMessage> {
  const r = await deps.services.nudges.turnOn(target, words, where.user, async (schedule) => {
    try {
      await deps.poster.post(where.team, { channel: where.channel }, renderNotice(
        `<@${where.user}> turned on stretch nudges here: \`${escapeMrkdwn(schedule)}\`. \`/backbuddy nudges off\` stops them.`,
        'Stretch nudges are on in this channel.'));
      return true;
    } catch (e) {
      if (!NOT_HERE.has(slackErrorCode(e))) throw e;
      return false;
    }
  });
  if (r.kind === 'invalid') return usage(r.problem);
  if (r.kind === 'not_here') return renderNotice('I cannot post in this channel yet. Invite me with `/invite @BackBuddy`, then run the command again.');
  return renderNotice(`Nudges are on. ${describeStatus(r.status)}`);
}

export function nudgesPlan(deps: SlackDeps, where: CommandWhere, sub: NudgeSubcommand, words: string[]): CommandPlan {
  const { nudges } = deps.services;
  const target: NudgeTarget = { platform: 'slack', workspace: where.team, channel: where.channel };
  const plan = (build: () => Promise<SlackMessage>): CommandPlan => ({ name: `nudges_${sub}`, quick: false, build });
  switch (sub) {
    case 'on':
      return plan(() => turnOn(deps, where, target, words));
    case 'off':
      return plan(async () => renderNotice((await nudges.turnOff(target)) ? Wording.nudgesOff : Wording.noNudgesToTurnOff));
    case 'pause':
      return plan(async () => {
        const r = await nudges.pause(target, words);
        if (r.kind === 'invalid') return usage(r.problem);
        return renderNotice(r.kind === 'changed' ? `Nudges are ${describeStatus(r.status).replace(/^`[^`]*`: /, '')}` : Wording.noNudgesTo('pause'));
      });
    case 'resume':
      return plan(async () => {
        const r = await nudges.resume(target);
        return renderNotice(r.kind === 'changed' ? `Nudges are back on. ${describeStatus(r.status)}` : Wording.noNudgesTo('resume'));
      });
    case 'status':
      return plan(async () => {
        const s = await nudges.status(target);
        return renderNotice(s.state !== 'off' ? `Nudges here: ${describeStatus(s)}` : `${Wording.nudgesOff} Turn them on with \`${NUDGES_ON_FORM}\`.`);
      });
  }
}
