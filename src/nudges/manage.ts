// Managing a channel's nudges from chat (on, off, pause, resume, status) and answering the nudge
// buttons, for every adapter. Results are typed; each adapter words them in its own markup. The option
// words are the CLI's (src/nudges/options.ts), so `/backbuddy nudges on every 2h` and Discord's
// `every:2h` option mean the same.
import type { Clock } from '../common/clock.js';
import type { AnswerReply } from '../core/reply-schema.js';
import type { Store, Subscription } from '../store/store.js';
import { handleNudgeAction, type NudgeAction } from './actions.js';
import { checkFocus, focusChoices } from './focus.js';
import { describeSchedule, parseDuration, parseNudgeOptions } from './options.js';
import { pickRoutine } from './rotation.js';
import type { RoutineCatalog } from './routines.js';
import { PAUSED_INDEFINITELY, type NudgeTarget, type Platform } from './schedule.js';

/** The one status type every front end words: what a channel's nudges are doing now. */
export type NudgeStatus =
  | { state: 'off' }
  | { state: 'active'; schedule: string; tz: string; next: Date | null }
  /** `until` null: paused until someone resumes. */
  | { state: 'paused'; schedule: string; tz: string; until: Date | null }
  /** Turned off by the engine: the platform refused the post (`code`, e.g. not_in_channel, missing_permissions). */
  | { state: 'stopped'; schedule: string; tz: string; code: string; message: string };

export function nudgeStatus(s: Subscription | null, now: Date): NudgeStatus {
  if (!s) return { state: 'off' };
  const base = { schedule: describeSchedule(s), tz: s.tz };
  if (s.disabled) return { state: 'stopped', ...base, code: s.disabled.code, message: s.disabled.message };
  if (s.pausedUntil && s.pausedUntil.getTime() >= PAUSED_INDEFINITELY.getTime()) return { state: 'paused', ...base, until: null };
  if (s.pausedUntil && s.pausedUntil > now) return { state: 'paused', ...base, until: s.pausedUntil };
  return { state: 'active', ...base, next: s.nextSlot };
}

/** The options `nudges on` takes in chat. */
export const ON_OPTIONS = ['every', 'cron', 'hours', 'days', 'tz', 'focus'] as const;

export type TurnOnResult =
  | { kind: 'on'; status: NudgeStatus }
  /** A malformed option: one line naming it and the form it expects. */
  | { kind: 'invalid'; problem: string }
  /** The bot may not post in the channel (not invited, no permission); nothing was stored. */
  | { kind: 'not_here' };

export type ChangeResult = { kind: 'changed'; status: NudgeStatus } | { kind: 'no_subscription' } | { kind: 'invalid'; problem: string };

/** What a press on Done / Snooze 1 h / Another one came to. */
export type NudgePress =
  | { kind: 'done' }
  | { kind: 'snoozed'; until: Date; target: NudgeTarget }
  | { kind: 'no_subscription' }
  | { kind: 'another'; routine: AnswerReply; subscriptionId: string | null };

export type NudgeManagerDeps = { store: Store; clock: Clock; routines: RoutineCatalog; defaultTz: string };

/**
 * Posts the "nudges are on" announcement; false when the platform says the bot may not post there.
 * Posting first checks the permission with the real thing instead of guessing from roles.
 */
export type Announce = (schedule: string) => Promise<boolean>;

export interface NudgeManager {
  turnOn(target: NudgeTarget, words: readonly string[], createdBy: string, announce: Announce): Promise<TurnOnResult>;
  turnOff(target: NudgeTarget): Promise<boolean>;
  /** `words` is one duration (30m, 2h, 1d). */
  pause(target: NudgeTarget, words: readonly string[]): Promise<ChangeResult>;
  resume(target: NudgeTarget): Promise<ChangeResult>;
  status(target: NudgeTarget): Promise<NudgeStatus>;
  /** The channels of a workspace where this person turned nudges on, with their status. */
  statusesBy(platform: Platform, workspace: string, createdBy: string): Promise<{ channel: string; status: NudgeStatus }[]>;
  /** A nudge button: the subscription it was posted for, else the channel it sits in (`here`). */
  press(action: NudgeAction, entryId: string, subscriptionId: string | null, here: NudgeTarget | null): Promise<NudgePress>;
}

export function createNudgeManager(d: NudgeManagerDeps): NudgeManager {
  const now = () => d.clock.now();
  return {
    async turnOn(target, words, createdBy, announce) {
      const parsed = parseNudgeOptions(words, { defaultTz: d.defaultTz, allow: ON_OPTIONS });
      if (!parsed.ok) return { kind: 'invalid', problem: parsed.error };
      const focusProblem = checkFocus(parsed.value.schedule.focusTags, focusChoices(d.routines.routines), 'focus');
      if (focusProblem) return { kind: 'invalid', problem: focusProblem };
      if (!(await announce(describeSchedule(parsed.value.schedule)))) return { kind: 'not_here' };
      const sub = await d.store.upsertSubscription({ ...target, ...parsed.value.schedule, createdBy });
      return { kind: 'on', status: nudgeStatus(sub, now()) };
    },
    turnOff: (target) => d.store.removeSubscription(target),
    async pause(target, words) {
      const ms = words.length === 1 ? parseDuration(words[0] ?? '') : null;
      if (ms === null) return { kind: 'invalid', problem: `pause: expected a duration like 30m, 2h or 1d${words.length ? ` (got "${words.join(' ')}")` : ''}` };
      const sub = await d.store.pauseSubscription(target, new Date(now().getTime() + ms));
      return sub ? { kind: 'changed', status: nudgeStatus(sub, now()) } : { kind: 'no_subscription' };
    },
    async resume(target) {
      const sub = await d.store.resumeSubscription(target);
      return sub ? { kind: 'changed', status: nudgeStatus(sub, now()) } : { kind: 'no_subscription' };
    },
    status: async (target) => nudgeStatus(await d.store.getSubscription(target), now()),
    async statusesBy(platform, workspace, createdBy) {
      const subs = (await d.store.listSubscriptions({ platform, workspace })).filter((s) => s.createdBy === createdBy);
      return subs.map((s) => ({ channel: s.channel, status: nudgeStatus(s, now()) }));
    },
    async press(action, entryId, subscriptionId, here) {
      const sub = subscriptionId ? await d.store.getSubscriptionById(subscriptionId) : null;
      const target = sub ? { platform: sub.platform, workspace: sub.workspace, channel: sub.channel } : here;
      const r = target ? await handleNudgeAction(action, target, d, entryId) : ({ kind: 'no_subscription' } as const);
      if (r.kind === 'done') return { kind: 'done' };
      if (r.kind === 'snoozed') return { kind: 'snoozed', until: r.until, target: target! };
      if (action !== 'another') return { kind: 'no_subscription' };
      if (r.kind === 'another') return { kind: 'another', routine: r.routine, subscriptionId: sub?.id ?? null };
      // A personal routine (no subscription): any other routine will do.
      const info = pickRoutine(d.routines.routines, [entryId], [], [entryId]);
      const routine = info ? d.routines.render(info.id) : d.routines.render(entryId);
      return routine ? { kind: 'another', routine, subscriptionId: null } : { kind: 'no_subscription' };
    },
  };
}
