// Managing a channel's (or a person's own, in their DM) nudges from chat (on, off, pause, resume, status) and answering the nudge
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
import { canonicalZone } from './profile-zone.js';
import { PAUSED_INDEFINITELY, personalTarget, personOf, type NudgeTarget, type Platform } from './schedule.js';
import type { ProfileZone } from './sink.js';
import { DAY_MS, localDay } from './zoned-time.js';

/**
 * A person's own nudges (in their DM): where the zone comes from, and their Done clicks over the last
 * seven local days. Only ever shown to that person.
 */
export type PersonalPart = { zoneFrom: 'profile' | 'given'; doneLast7Days: number };

/** The one status type every front end words: what a channel's (or a person's) nudges are doing now. */
export type NudgeStatus =
  | { state: 'off' }
  | { state: 'active'; schedule: string; tz: string; next: Date | null; personal?: PersonalPart }
  /** `until` null: paused until someone resumes. */
  | { state: 'paused'; schedule: string; tz: string; until: Date | null; personal?: PersonalPart }
  /** Turned off by the engine: the platform refused the post (`code`, e.g. not_in_channel, missing_permissions). */
  | { state: 'stopped'; schedule: string; tz: string; code: string; message: string; personal?: PersonalPart };

export function nudgeStatus(s: Subscription | null, now: Date, doneLast7Days = 0): NudgeStatus {
  if (!s) return { state: 'off' };
  const personal: PersonalPart | undefined = personOf(s) !== null ? { zoneFrom: s.tzFromProfile ? 'profile' : 'given', doneLast7Days } : undefined;
  const base = { schedule: describeSchedule(s), tz: s.tz, ...(personal ? { personal } : {}) };
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

/** A person: their own nudges go to their DM with the bot (see `personalTarget`). */
export type Person = { platform: Platform; workspace: string; user: string };

/** Reads the person's profile zone (Slack `users.info`); a platform without one answers `{ kind: 'found', tz: null }`. */
export type ReadProfileZone = () => Promise<ProfileZone>;

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
  /**
   * A person's own nudges in their DM. The zone is the `tz` option when given, else the profile's
   * (followed from then on, re-read at most daily), else the default zone until the profile answers.
   * `announce` posts in the DM; false (the person blocked the bot) stores nothing and answers not_here.
   */
  turnOnPersonal(person: Person, words: readonly string[], readZone: ReadProfileZone, announce: Announce): Promise<TurnOnResult>;
  turnOff(target: NudgeTarget): Promise<boolean>;
  /** `words` is one duration (30m, 2h, 1d). */
  pause(target: NudgeTarget, words: readonly string[]): Promise<ChangeResult>;
  resume(target: NudgeTarget): Promise<ChangeResult>;
  status(target: NudgeTarget): Promise<NudgeStatus>;
  /** The channels of a workspace where this person turned nudges on, with their status. */
  statusesBy(platform: Platform, workspace: string, createdBy: string): Promise<{ channel: string; status: NudgeStatus }[]>;
  /**
   * A nudge button: the subscription it was posted for, else the channel it sits in (`here`). A person's
   * own subscription is used only when `presser` is that person (button values can be forged).
   */
  press(action: NudgeAction, entryId: string, subscriptionId: string | null, here: NudgeTarget | null, presser?: string): Promise<NudgePress>;
}

export function createNudgeManager(d: NudgeManagerDeps): NudgeManager {
  const now = () => d.clock.now();
  /** A person's own Done clicks over the last seven local days (0 for channels: not shown in a status). */
  const doneLast7Days = async (sub: Subscription): Promise<number> => {
    if (personOf(sub) === null) return 0;
    const to = localDay(now(), sub.tz);
    const from = localDay(new Date(now().getTime() - 6 * DAY_MS), sub.tz);
    return (await d.store.doneCounts(sub, from, to)).reduce((n, c) => n + c.count, 0);
  };
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
    async turnOnPersonal(person, words, readZone, announce) {
      const parsed = parseNudgeOptions(words, { defaultTz: d.defaultTz, allow: ON_OPTIONS });
      if (!parsed.ok) return { kind: 'invalid', problem: parsed.error };
      const focusProblem = checkFocus(parsed.value.schedule.focusTags, focusChoices(d.routines.routines), 'focus');
      if (focusProblem) return { kind: 'invalid', problem: focusProblem };
      const given = parsed.value.given.has('tz');
      const read = given ? null : await readZone().catch((): ProfileZone => ({ kind: 'unavailable', code: 'error' }));
      if (read?.kind === 'gone') return { kind: 'not_here' };
      const profileTz = read?.kind === 'found' ? canonicalZone(read.tz) : null;
      const schedule = { ...parsed.value.schedule, tz: profileTz ?? parsed.value.schedule.tz };
      if (!(await announce(describeSchedule(schedule)))) return { kind: 'not_here' };
      const sub = await d.store.upsertSubscription({
        ...personalTarget(person.platform, person.workspace, person.user), ...schedule, createdBy: person.user,
        // An unanswered read is tried again by the engine before the first nudge; a platform whose
        // profiles carry no zone (Discord) leaves the default zone, not followed.
        tzFromProfile: !given && (read?.kind === 'unavailable' || profileTz !== null), tzCheckedAt: profileTz !== null ? now() : null,
      });
      return { kind: 'on', status: nudgeStatus(sub, now(), await doneLast7Days(sub)) };
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
    async status(target) {
      const sub = await d.store.getSubscription(target);
      return nudgeStatus(sub, now(), sub ? await doneLast7Days(sub) : 0);
    },
    async statusesBy(platform, workspace, createdBy) {
      const subs = (await d.store.listSubscriptions({ platform, workspace })).filter((s) => s.createdBy === createdBy);
      // A person's own DM nudges are theirs to see with `status me`, not a channel.
      return subs.filter((s) => personOf(s) === null).map((s) => ({ channel: s.channel, status: nudgeStatus(s, now()) }));
    },
    async press(action, entryId, subscriptionId, here, presser) {
      const found = subscriptionId ? await d.store.getSubscriptionById(subscriptionId) : null;
      const owner = found ? personOf(found) : null;
      const sub = found && (owner === null || owner === presser) ? found : null;
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
