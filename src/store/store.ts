import type { ContextStore, ConversationContext } from '../core/context.js';
import { PAUSED_INDEFINITELY, WEEKDAYS, type Cadence, type NudgeTarget, type Platform, type Schedule, type Weekday } from '../nudges/schedule.js';

/**
 * The storage seam. One interface, three implementations that pass the same contract tests
 * (test/unit/store/contract.ts): MemoryStore (tests), PGlite (default, a file under DATA_DIR)
 * and PostgreSQL (DATABASE_URL, several replicas). Open one with `openStore(config)` from
 * `src/store/open.ts`; it runs the migrations first.
 *
 * Conventions:
 * - A channel is addressed by `NudgeTarget` = { platform, workspace, channel }. There is at most one
 *   subscription per target, so Slack `/backbuddy nudges on|off|pause 2h|status` works on the target.
 * - Ids are strings (PostgreSQL bigserial rendered as text).
 * - Times are `Date`s. Methods that stamp a time use the store's injected clock unless a `now` is passed.
 * - Nothing here stores user ids with content: feedback and unanswered questions are anonymous.
 * - Failures of the database itself throw (they are bugs or outages, not user input).
 */
// Re-exported for callers that know the store only; they are defined with the nudges.
export { PAUSED_INDEFINITELY, WEEKDAYS };
export type { Cadence, NudgeTarget, Platform, Schedule, Weekday };

/** What callers give to create or replace a channel's subscription. */
export type SubscriptionInput = NudgeTarget & Schedule & {
  /** Who turned it on (a platform user id or "cli"); kept for the status line, never logged. */
  createdBy: string | null;
  /**
   * Personal nudges only: true when `tz` comes from the person's profile (no `tz` option given), so the
   * engine re-reads it at most daily and follows a move. Default false.
   */
  tzFromProfile?: boolean;
  /** When the profile's zone was last read (null: never, or the zone was given). */
  tzCheckedAt?: Date | null;
};

/** Why a subscription was turned off by the engine (permanent platform errors) or by an uninstall. */
export type DisabledReason = {
  /** Platform error code or our own, e.g. "channel_not_found", "not_in_channel", "uninstalled". */
  code: string;
  message: string;
  at: Date;
};

export type Subscription = Omit<SubscriptionInput, 'tzFromProfile' | 'tzCheckedAt'> & {
  id: string;
  tzFromProfile: boolean;
  tzCheckedAt: Date | null;
  /** No slot before this instant (a slot exactly at it is posted). Null when not paused. */
  pausedUntil: Date | null;
  /** Set when the engine disabled the subscription; `upsertSubscription` or `resume` clears it. */
  disabled: DisabledReason | null;
  /** The next slot the engine will post (null when disabled or no slot within a year). Kept up to date by the store. */
  nextSlot: Date | null;
  /** Bumped on every change of schedule, pause or status; a claim finished against an older version does not move nextSlot. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

/** The outcome recorded for one (subscription, slot). */
export type DeliveryStatus = 'claimed' | 'delivered' | 'skipped' | 'failed';

export type Delivery = {
  subscriptionId: string;
  slot: Date;
  status: DeliveryStatus;
  /** The stretch entry posted (or chosen), for rotation. */
  entryId: string | null;
  /** Post attempts made so far. */
  attempts: number;
  /** Platform message reference when delivered. */
  messageRef: string | null;
  /** Failure or skip code, e.g. "stale", "transient", "channel_not_found". */
  error: string | null;
  updatedAt: Date;
};

/**
 * A leased (subscription, slot): the engine that got it may post it until `leaseUntil`.
 * After that another engine may claim the same slot again (a process killed mid-post).
 */
export type Claim = {
  subscription: Subscription;
  slot: Date;
  owner: string;
  leaseUntil: Date;
  /** Attempts already made on this slot by earlier (crashed) owners. */
  attempts: number;
  /** Entry ids of this subscription's last delivered nudges, most recent first (up to 20), for rotation. */
  recentEntryIds: string[];
};

export type ClaimOptions = {
  now: Date;
  /** Unique per engine process, e.g. `${hostname}:${pid}:${random}`. */
  owner: string;
  leaseMs: number;
  /** At most this many claims per call (the engine loops until none are left). */
  limit: number;
  /** Only subscriptions of these platforms (those the engine has a sink for). */
  platforms: readonly Platform[];
};

/** How the engine finishes a claim. Only the lease owner can finish it. */
export type ClaimOutcome =
  | { status: 'delivered'; entryId: string; messageRef: string | null; attempts: number }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; entryId: string | null; error: string; attempts: number };

export type FinishClaim = {
  subscriptionId: string;
  slot: Date;
  owner: string;
  /** The subscription version the claim was made against. */
  version: number;
  outcome: ClaimOutcome;
  /** The slot after this one (the engine computes it with `nextDue`); ignored when the subscription changed meanwhile. */
  nextSlot: Date | null;
  now: Date;
};

/** A workspace (Slack team, Discord guild, or "local" for the terminal) where the bot is installed. */
export type Installation = {
  platform: Platform;
  workspace: string;
  /** Display name of the workspace, for status output. */
  name: string | null;
  /** The bot's own user id in that workspace (to ignore its own messages). */
  botUserId: string | null;
  installedAt: Date;
  updatedAt: Date;
};
export type InstallationInput = Omit<Installation, 'installedAt' | 'updatedAt'>;

export type UnansweredReason = 'no_match' | 'low_confidence' | 'clarify' | 'out_of_scope';

/** A question the bot could not answer well, kept (scrubbed text only, no user id) for content review. */
export type UnansweredQuestion = {
  id: string;
  text: string;
  reason: UnansweredReason;
  confidence: number;
  at: Date;
  /** The workspace it came from (so a workspace's data can be exported and purged); null from the CLI. */
  platform: Platform | null;
  workspace: string | null;
};

/** Where a question came from: a workspace, never a person. */
export type QuestionOrigin = { platform: Platform; workspace: string };

/** The kinds of reply counted as questions (greetings and urgent replies are not counted per channel). */
export const COUNTED_KINDS = ['answer', 'clarify', 'out_of_scope'] as const;
export type CountedKind = (typeof COUNTED_KINDS)[number];

/** The channel name under which direct messages are counted, so one person's questions stay anonymous. */
export const DIRECT_CHANNEL = '(direct)';

/** One question to count: the channel, the UTC day, the reply's kind and, for an answer, the entry's tags. */
export type QuestionCountInput = NudgeTarget & { day: string; kind: CountedKind; tags: readonly string[] };

/** A stored counter row: tag '' counts the questions themselves, any other tag the answers carrying it. */
export type QuestionCount = NudgeTarget & { day: string; kind: CountedKind; tag: string; count: number };

/** Anonymous activity of one channel over a range of UTC days (`backbuddy stats`). */
export type ChannelStats = NudgeTarget & {
  nudgesSent: number;
  doneClicks: number;
  /** Questions counted (answers, clarifications and unanswered). */
  questions: number;
  answered: number;
  /** Answers per tag of the answering entry (an entry with two tags counts under both). */
  byTag: Record<string, number>;
};
export type StatsFilter = { platform?: Platform; workspace?: string; fromDay: string; toDay: string };

/** Everything stored about one workspace (`backbuddy data export`). */
export type WorkspaceData = {
  platform: Platform;
  workspace: string;
  installation: Installation | null;
  subscriptions: Subscription[];
  deliveries: Delivery[];
  doneCounts: DoneCount[];
  questionCounts: QuestionCount[];
  unansweredQuestions: UnansweredQuestion[];
  conversationContexts: Array<{ conversation: string; context: ConversationContext; expiresAt: Date }>;
};

/** Rows deleted by `purgeWorkspace`, per table. */
export type PurgeCounts = {
  installations: number;
  subscriptions: number;
  deliveries: number;
  doneCounts: number;
  questionCounts: number;
  unansweredQuestions: number;
  conversationContexts: number;
  uploadedImages: number;
};

/**
 * Conversation ids begin `platform:workspace:` (`slack:T123:C456:1700000000.000100`), which is how a
 * workspace's conversation context is found for export and purge. Adapters must keep to it.
 */
export const conversationPrefix = (platform: Platform, workspace: string) => `${platform}:${workspace}:`;

/** Anonymous helpful / not helpful counts for one entry. */
export type FeedbackCount = { entryId: string; helpful: number; notHelpful: number };

/** Done clicks per channel and local day (YYYY-MM-DD, the caller's choice of zone; see `localDay` in slots.ts). */
export type DoneCount = NudgeTarget & { day: string; count: number };

/** Conversation context with expiry, replacing MemoryContextStore when a store is open. */
export interface StoreContexts extends ContextStore {
  /** Deletes rows whose expiry is at or before `now`; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}

/** A redelivered event within this window is a duplicate (Slack's last retry comes about 5 minutes after the first try). */
export const SEEN_EVENT_WINDOW_MS = 10 * 60_000;
/** Taken event ids are kept this long, then purged. */
export const SEEN_EVENT_RETENTION_MS = 60 * 60_000;

/** How long unanswered question text is kept. */
export const UNANSWERED_RETENTION_DAYS = 30;

export interface Store {
  /** Which implementation, for logs and benchmarks. */
  readonly kind: 'memory' | 'pglite' | 'postgres';

  // ── installations ──
  upsertInstallation(input: InstallationInput): Promise<Installation>;
  getInstallation(platform: Platform, workspace: string): Promise<Installation | null>;
  /** The bot was uninstalled: drops the installation and disables its workspace's subscriptions (code "uninstalled"). */
  removeInstallation(platform: Platform, workspace: string): Promise<void>;
  /**
   * Keeps an installation's credentials, already sealed by the caller (src/common/token-box.ts): the
   * store never sees a token in plain text. The installation must exist (upsertInstallation first);
   * false when it does not. Removed with the installation.
   */
  saveCredentials(platform: Platform, workspace: string, sealed: string): Promise<boolean>;
  /** The sealed credentials of an installation, or null (not installed, or installed with a token from the environment). */
  getCredentials(platform: Platform, workspace: string): Promise<string | null>;
  /** Up to `limit` installations that have credentials, oldest first, to check at start-up that the key opens them. */
  listCredentials(platform: Platform, limit: number): Promise<Array<{ workspace: string; sealed: string }>>;

  // ── nudge subscriptions, addressed by target ──
  /**
   * Creates or replaces the channel's subscription (schedule, focus, creator). Clears a pause and a
   * disabled reason, recomputes nextSlot from now, bumps the version. Validate input first with
   * `parseNudgeOptions` (src/nudges/options.ts); the store trusts it.
   */
  upsertSubscription(input: SubscriptionInput): Promise<Subscription>;
  getSubscription(target: NudgeTarget): Promise<Subscription | null>;
  getSubscriptionById(id: string): Promise<Subscription | null>;
  /** All subscriptions, or those of one platform / workspace, ordered by id. */
  listSubscriptions(filter?: { platform?: Platform; workspace?: string }): Promise<Subscription[]>;
  /** Pause (or snooze: "Snooze 1 h" is pause until now + 1 h) until an instant; null for until further notice. Null result: no subscription. */
  pauseSubscription(target: NudgeTarget, until: Date | null): Promise<Subscription | null>;
  /** Clears a pause and a disabled reason. Null result: no subscription. */
  resumeSubscription(target: NudgeTarget): Promise<Subscription | null>;
  /** Deletes the subscription and its deliveries (and, for a person's own `@user` target, their Done counts); false when there was none. */
  removeSubscription(target: NudgeTarget): Promise<boolean>;
  /**
   * Records a fresh read of a person's profile zone: stamps tzCheckedAt and, when the zone differs,
   * stores it, recomputes nextSlot from `now` and bumps the version (a claim made under the old zone
   * then cannot move nextSlot). Null result: no subscription.
   */
  recordProfileTz(id: string, tz: string, now: Date): Promise<Subscription | null>;
  /** Turns a subscription off with a reason shown in status (the engine calls it on permanent errors). */
  disableSubscription(id: string, reason: { code: string; message: string }, now: Date): Promise<void>;

  // ── delivery (the engine) ──
  /**
   * Leases due subscriptions (nextSlot ≤ now, not disabled, no live lease) with FOR UPDATE SKIP LOCKED
   * and records a 'claimed' delivery under the unique key (subscription, slot). A slot already
   * delivered, skipped or failed is never returned again.
   */
  claimDue(options: ClaimOptions): Promise<Claim[]>;
  /** Records the outcome, moves nextSlot on (unless the subscription changed meanwhile) and drops the lease. False when the lease was lost. */
  finishClaim(finish: FinishClaim): Promise<boolean>;
  /** Keeps the slot but lets go of it until `retryAt` (rate limited for a long time). False when the lease was lost. */
  deferClaim(subscriptionId: string, owner: string, retryAt: Date): Promise<boolean>;
  /** Latest deliveries of a subscription, most recent slot first (status output, tests). */
  listDeliveries(subscriptionId: string, limit: number): Promise<Delivery[]>;

  // ── counters and review ──
  /** One anonymous "Done" click on a nudge in a channel on a day (YYYY-MM-DD). */
  recordDone(platform: Platform, workspace: string, channel: string, day: string): Promise<void>;
  doneCounts(target: NudgeTarget, fromDay: string, toDay: string): Promise<DoneCount[]>;
  /** Anonymous helpful / not helpful vote on an entry's answer. */
  recordFeedback(entryId: string, helpful: boolean): Promise<void>;
  /** Votes per entry, ordered by entry id; with `since`, only votes at or after it. */
  feedbackCounts(since?: Date): Promise<FeedbackCount[]>;
  /**
   * Keeps the question's scrubbed text (`scrubQuestion`: no mentions, links, addresses or long numbers,
   * lower case, at most 500 characters) and the workspace it came from. No user id.
   */
  recordUnanswered(text: string, reason: UnansweredReason, confidence: number, origin?: QuestionOrigin): Promise<void>;
  /** Most recent first; with `since`, only those at or after it. */
  listUnanswered(limit: number, since?: Date): Promise<UnansweredQuestion[]>;
  /** Deletes unanswered questions older than `days` (default 30) before `now`; returns how many. */
  purgeUnanswered(now: Date, days?: number): Promise<number>;
  /** Counts one question in its channel (anonymous: no user id, no text). */
  recordQuestion(q: QuestionCountInput): Promise<void>;
  /**
   * Per-channel activity over UTC days fromDay..toDay inclusive, ordered by platform, workspace, channel.
   * Personal nudges (`@user` targets) are left out: one person's Done clicks are never shown to others.
   */
  channelStats(filter: StatsFilter): Promise<ChannelStats[]>;

  // ── one workspace's data ──
  /** Everything stored about a workspace. */
  exportWorkspace(platform: Platform, workspace: string): Promise<WorkspaceData>;
  /** Deletes everything stored about a workspace, in one transaction; returns the rows deleted. */
  purgeWorkspace(platform: Platform, workspace: string): Promise<PurgeCounts>;

  // ── platform events ──
  /**
   * Takes a platform event id (e.g. `slack:Ev123`) once: true the first time, false when it was taken
   * within the last SEEN_EVENT_WINDOW_MS, so a redelivery is answered by no replica a second time.
   */
  claimEvent(key: string, now: Date): Promise<boolean>;
  /** Deletes event ids taken more than an hour before `now`; returns how many. */
  purgeSeenEvents(now: Date): Promise<number>;

  // ── illustrations uploaded to a platform ──
  /**
   * The platform's file id for an illustration already uploaded to a workspace (Slack keeps uploads per
   * workspace), by the image's key (`<entry-id>:<content hash>`, so a redrawn image is uploaded again).
   */
  getUploadedImage(platform: Platform, workspace: string, key: string): Promise<string | null>;
  /** Remembers an upload; a second save of the same key keeps the newer file id. */
  saveUploadedImage(platform: Platform, workspace: string, key: string, fileId: string): Promise<void>;
  /** Drops a remembered upload the platform no longer shows, so the next use uploads it again. */
  forgetUploadedImage(platform: Platform, workspace: string, key: string): Promise<void>;

  // ── conversation context ──
  readonly contexts: StoreContexts;

  /** One round trip to the database (readiness probes); rejects when it cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
