// Button presses → store calls or core calls → a reply. Buttons carry entry and subscription ids in their
// value: presses on ephemeral messages come without the message, so the value is all there is.
import { handleNudgeAction, type NudgeAction } from '../../src/nudges/actions.js';
import type { NudgeTarget } from '../../src/store/store.js';
import { decodeEntryId, decodeNudgeValue } from './action-ids.js';
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

const MALFORMED = renderNotice('That button did not carry what I expected. Please run the command again.');

function malformed(deps: SlackDeps, a: ActionInput, what: string) {
  deps.log.warn({ code: 'slack_action_malformed', action: what }, 'slack_action_malformed');
  return tellOnly(a, MALFORMED);
}

export async function recordFeedback(deps: SlackDeps, a: ActionInput, helpful: boolean): Promise<void> {
  const entryId = decodeEntryId(a.value);
  if (!entryId) return void (await malformed(deps, a, 'feedback'));
  await deps.store.recordFeedback(entryId, helpful);
  await tellOnly(a, renderNotice(helpful ? 'Thanks, glad it helped.' : 'Thanks for telling me. It helps improve the answers.'));
}

/** A related entry or a clarify option: shown where the button was, in the thread for channel messages. */
export async function openEntry(deps: SlackDeps, a: ActionInput): Promise<void> {
  const entryId = decodeEntryId(a.value);
  if (!entryId) return void (await malformed(deps, a, 'open_entry'));
  const answer = deps.assistant.entry(entryId);
  if (!answer) return void (await tellOnly(a, renderNotice('That topic is no longer available. Try asking in your own words.')));
  const msg = renderReply(answer);
  if (a.ephemeral || !a.channel || !a.message) return void (await tellOnly(a, msg));
  const inDm = a.channel.startsWith('D');
  const threadTs = a.message.threadTs ?? (inDm ? undefined : a.message.ts);
  await deps.poster.post({ channel: a.channel, ...(threadTs ? { threadTs } : {}) }, msg);
}

/** Posts an ephemeral tip for everyone through response_url, which works even where the bot is not a member. */
export async function shareTip(deps: SlackDeps, a: ActionInput): Promise<void> {
  const entryId = decodeEntryId(a.value);
  const answer = entryId ? deps.assistant.entry(entryId) : null;
  if (!answer) return void (await malformed(deps, a, 'share_tip'));
  await a.respond({ response_type: 'in_channel', replace_original: false, ...renderSharedTip(answer, a.user) });
  await a.respond({ delete_original: true });
}

/** The channel a nudge button acts on: the subscription's it was posted for, else the one it sits in. */
async function nudgeTarget(deps: SlackDeps, a: ActionInput, subscriptionId: string | null): Promise<NudgeTarget | null> {
  const sub = subscriptionId ? await deps.store.getSubscriptionById(subscriptionId) : null;
  if (sub) return { platform: sub.platform, workspace: sub.workspace, channel: sub.channel };
  return a.channel ? { platform: 'slack', workspace: a.team, channel: a.channel } : null;
}

/** Done / Snooze 1 h / Another one: what a press means is decided in src/nudges/actions.ts. */
async function runNudgeAction(deps: SlackDeps, a: ActionInput, action: NudgeAction) {
  const v = decodeNudgeValue(a.value);
  const target = v ? await nudgeTarget(deps, a, v.subscriptionId) : null;
  if (!v || !target) return null;
  const result = await handleNudgeAction(action, target, { store: deps.store, clock: deps.clock, routines: deps.routines }, v.entryId);
  return { v, target, result };
}

export async function nudgeDone(deps: SlackDeps, a: ActionInput): Promise<void> {
  const run = await runNudgeAction(deps, a, 'done');
  if (!run) return void (await malformed(deps, a, 'nudge_done'));
  await tellOnly(a, renderNotice('Nice work. Logged, anonymously.'));
}

export async function nudgeSnooze(deps: SlackDeps, a: ActionInput): Promise<void> {
  const run = await runNudgeAction(deps, a, 'snooze');
  if (!run) return void (await malformed(deps, a, 'nudge_snooze'));
  if (run.result.kind !== 'snoozed') return void (await tellOnly(a, renderNotice('There are no nudges in this channel to snooze. `/backbuddy nudges on` starts them.')));
  await tellOnly(a, renderNotice(`Snoozed: nudges in <#${run.target.channel}> pause until <!date^${Math.floor(run.result.until.getTime() / 1000)}^{time}|an hour from now>.`));
}

export async function nudgeAnother(deps: SlackDeps, a: ActionInput): Promise<void> {
  const run = await runNudgeAction(deps, a, 'another');
  if (!run) return void (await malformed(deps, a, 'nudge_another'));
  // Without a subscription (a /backbuddy stretch routine) any other routine will do.
  const routine = run.result.kind === 'another' ? run.result.routine : deps.assistant.stretch({ exclude: [run.v.entryId] });
  const msg = renderRoutine(routine, run.v.subscriptionId);
  // On a personal (ephemeral) routine the new one replaces it; on a channel nudge only the presser sees it.
  if (a.ephemeral) await a.respond({ replace_original: true, ...msg });
  else await tellOnly(a, msg);
}
