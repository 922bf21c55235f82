// What a nudge subscription is about: where it posts and when. These types belong to nudges; the store
// takes them (src/store imports this file, never the other way round), which keeps the two from
// importing each other.

/** Where a subscription posts: the platform and the channel within a workspace. */
export type NudgeTarget = { platform: 'slack' | 'discord' | 'cli'; workspace: string; channel: string };
export type Platform = NudgeTarget['platform'];

/** Lower-case English weekday abbreviations, Monday first (the CLI and chat words). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** How often a subscription posts: every N minutes (30–480) from the window's start, or a five-field cron in the zone. */
export type Cadence = { kind: 'every'; minutes: number } | { kind: 'cron'; expression: string };

/** When a subscription posts. `nextSlots`/`nextDue` in src/nudges/slots.ts evaluate it. */
export type Schedule = {
  cadence: Cadence;
  /** IANA zone (anything `new Intl.DateTimeFormat('en', { timeZone })` accepts, UTC included). */
  tz: string;
  /** Working days, in WEEKDAYS order, no duplicates. Default mon–fri. */
  days: Weekday[];
  /** Working window in minutes after local midnight: start inclusive, end exclusive; 0 ≤ start < end ≤ 1440. Default 540–1020 (09:00–17:00). */
  startMinute: number;
  endMinute: number;
  /** Optional tags that narrow the routine pool (empty: every stretch routine). */
  focusTags: string[];
};

/** `pausedUntil` of a subscription paused until further notice (`pauseSubscription(target, null)`). */
export const PAUSED_INDEFINITELY = new Date('9999-12-31T00:00:00Z');

/**
 * A person's own nudges live in their direct messages with the bot. Their target's channel is the
 * person's user id behind `@` (`@U123`): Slack channel ids and Discord snowflakes never start with `@`,
 * so a personal target cannot collide with a channel, and the sink opens the DM when it posts.
 */
export const PERSONAL_PREFIX = '@';
export const personalTarget = (platform: Platform, workspace: string, user: string): NudgeTarget => ({ platform, workspace, channel: `${PERSONAL_PREFIX}${user}` });
/** The person a personal target belongs to, or null for a channel. */
export const personOf = (t: Pick<NudgeTarget, 'channel'>): string | null =>
  t.channel.startsWith(PERSONAL_PREFIX) && t.channel.length > 1 ? t.channel.slice(PERSONAL_PREFIX.length) : null;

/** A profile's zone is re-read at most this often (the Slack `users.info` call is Tier 4, but a person's zone rarely changes). */
export const PROFILE_TZ_MAX_AGE_MS = 24 * 60 * 60_000;
