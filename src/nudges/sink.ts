import type { Reply } from '../core/reply-schema.js';
import type { NudgeTarget } from './schedule.js';

export type { NudgeTarget };

/** A stretch nudge, ready for an adapter to render (the routine is an `answer` reply for a stretch entry). */
export type Nudge = {
  subscriptionId: string;
  /** The slot this nudge is for (ISO instant); with subscriptionId it is the delivery's unique key. */
  slot: string;
  target: NudgeTarget;
  routine: Extract<Reply, { kind: 'answer' }>;
};

/** Why a post failed, so the engine can retry, wait, or disable the subscription. */
export type SinkFailure =
  | { kind: 'transient'; message: string }
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'permanent'; code: string; message: string };

export type SinkResult = { ok: true; messageRef?: string } | { ok: false; failure: SinkFailure };

/**
 * A person's profile zone as the platform reports it. `gone`: the person left, was deactivated, or
 * cannot be found (a permanent error, so their personal nudges end); `unavailable`: try again later.
 */
export type ProfileZone =
  | { kind: 'found'; tz: string | null }
  | { kind: 'gone'; code: string }
  | { kind: 'unavailable'; code: string };

/**
 * Adapters supply a sink; src/nudges never imports an adapter. A personal target (`@user`, see
 * `personOf`) is posted to the person's direct messages with the bot.
 */
export interface NudgeSink {
  readonly platform: NudgeTarget['platform'];
  post(nudge: Nudge): Promise<SinkResult>;
  /** The person's zone from their profile; platforms without one (Discord) leave it out. */
  profileZone?(workspace: string, user: string): Promise<ProfileZone>;
}
