// /backbuddy nudges on [options] | off | pause 2h | resume | status, for the channel the command came from.
// Option words are parsed by src/nudges/options.ts, the same parser the CLI uses.
import { checkFocus, focusChoices } from '../../../src/nudges/focus.js';
import { describeSchedule, parseDuration, parseNudgeOptions, splitWords } from '../../../src/nudges/options.js';
import { formatLocal } from '../../../src/nudges/slots.js';
import { PAUSED_INDEFINITELY, type NudgeTarget, type Subscription } from '../../../src/store/store.js';
import { renderNotice } from '../render.js';
import type { SlackMessage } from '../blocks.js';
import type { SlackDeps } from '../deps.js';
import { slackErrorCode } from '../errors.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { NUDGES_ON_FORM, NUDGES_USAGE } from './help.js';
import type { CommandPlan } from './reply.js';

export type CommandWhere = { team: string; channel: string; user: string };

const ON_OPTIONS = ['every', 'cron', 'hours', 'days', 'tz', 'focus'] as const;

/** Errors that mean "the bot is not in this channel" (private channels, group DMs, never invited). */
const NOT_HERE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

/** A time every reader sees in their own zone, with the subscription's zone as the fallback text. */
const slackDate = (at: Date, tz: string) =>
  `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} at {time}|${formatLocal(at, tz)} ${tz}>`;

export function describeStatus(s: Subscription, now: Date): string {
  const what = `\`${escapeMrkdwn(describeSchedule(s))}\``;
  if (s.disabled) return `${what}: stopped, Slack said \`${escapeMrkdwn(s.disabled.code)}\`. Run \`/backbuddy nudges on\` again to restart.`;
  if (s.pausedUntil && s.pausedUntil.getTime() >= PAUSED_INDEFINITELY.getTime()) return `${what}: paused until someone runs \`/backbuddy nudges resume\`.`;
  if (s.pausedUntil && s.pausedUntil > now) return `${what}: paused until ${slackDate(s.pausedUntil, s.tz)}.`;
  return s.nextSlot ? `${what}: next one ${slackDate(s.nextSlot, s.tz)}.` : `${what}: no slot in the coming year.`;
}

const usage = (problem: string): SlackMessage =>
  renderNotice(`That did not work: ${escapeMrkdwn(problem)}\nThe form is:\n${NUDGES_USAGE}`);

async function turnOn(deps: SlackDeps, where: CommandWhere, target: NudgeTarget, words: string[]): Promise<SlackMessage> {
  const parsed = parseNudgeOptions(words, { defaultTz: deps.defaultTz, allow: ON_OPTIONS });
  if (!parsed.ok) return usage(parsed.error);
  const focusProblem = checkFocus(parsed.value.schedule.focusTags, focusChoices(deps.routines.routines), 'focus');
  if (focusProblem) return usage(focusProblem);
  const schedule = describeSchedule(parsed.value.schedule);
  // Posting the announcement first checks that the bot may post here at all.
  try {
    await deps.poster.post({ channel: where.channel }, renderNotice(
      `<@${where.user}> turned on stretch nudges here: \`${escapeMrkdwn(schedule)}\`. \`/backbuddy nudges off\` stops them.`,
      'Stretch nudges are on in this channel.'));
  } catch (e) {
    const code = slackErrorCode(e);
    if (!NOT_HERE.has(code)) throw e;
    return renderNotice('I cannot post in this channel yet. Invite me with `/invite @BackBuddy`, then run the command again.');
  }
  const sub = await deps.store.upsertSubscription({ ...target, ...parsed.value.schedule, createdBy: where.user });
  return renderNotice(`Nudges are on. ${describeStatus(sub, deps.clock.now())}`);
}

async function pause(deps: SlackDeps, target: NudgeTarget, words: string[]): Promise<SlackMessage> {
  const ms = words.length === 1 ? parseDuration(words[0] ?? '') : null;
  if (ms === null) return usage(`pause: expected a duration like 30m, 2h or 1d${words.length ? ` (got "${words.join(' ')}")` : ''}`);
  const sub = await deps.store.pauseSubscription(target, new Date(deps.clock.now().getTime() + ms));
  return renderNotice(sub ? `Nudges are ${describeStatus(sub, deps.clock.now()).replace(/^`[^`]*`: /, '')}` : 'There are no nudges in this channel to pause.');
}

export function nudgesPlan(deps: SlackDeps, where: CommandWhere, words: string[]): CommandPlan {
  const target: NudgeTarget = { platform: 'slack', workspace: where.team, channel: where.channel };
  const [sub, ...rest] = words;
  const plan = (name: string, build: () => Promise<SlackMessage>): CommandPlan => ({ name: `nudges_${name}`, quick: false, build });
  switch (sub?.toLowerCase()) {
    case 'on':
      return plan('on', () => turnOn(deps, where, target, rest));
    case 'off':
      return plan('off', async () => renderNotice(
        (await deps.store.removeSubscription(target)) ? 'Nudges are off in this channel.' : 'There were no nudges in this channel.'));
    case 'pause':
      return plan('pause', () => pause(deps, target, rest));
    case 'resume':
      return plan('resume', async () => {
        const s = await deps.store.resumeSubscription(target);
        return renderNotice(s ? `Nudges are back on. ${describeStatus(s, deps.clock.now())}` : 'There are no nudges in this channel to resume.');
      });
    case 'status':
    case undefined:
      return plan('status', async () => {
        const s = await deps.store.getSubscription(target);
        return renderNotice(s ? `Nudges here: ${describeStatus(s, deps.clock.now())}` : `Nudges are off in this channel. Turn them on with \`${NUDGES_ON_FORM}\`.`);
      });
    default:
      return { name: 'nudges_usage', quick: true, build: () => usage(`nudges ${sub}: expected on, off, pause, resume or status`) };
  }
}

