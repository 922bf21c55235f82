import type { Clock } from '../common/clock.js';
import type { Claim, ClaimOutcome, Store } from '../store/store.js';
import { pickRoutine } from './rotation.js';
import type { RoutineCatalog } from './routines.js';
import { MAX_TRIES, backoffMs } from './retry.js';
import type { NudgeSink, SinkFailure } from './sink.js';
import { nextDue } from './slots.js';
import { checkProfileZone, isSlotOf } from './profile-zone.js';
import { personOf } from './schedule.js';

/** A slot missed by more than this (the engine was down) is skipped, not posted late. */
export const STALE_AFTER_MS = 10 * 60_000;
/** Rate-limit waits up to this long happen in place; longer ones give the slot back until the retry time. */
export const MAX_INLINE_WAIT_MS = 20_000;

export type ClaimDeps = {
  store: Store;
  sink: NudgeSink;
  routines: RoutineCatalog;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
};

export type ClaimResult =
  | { kind: 'delivered'; entryId: string; tries: number }
  /** tz_changed: a personal subscription's person moved zone and the slot is not one in the new zone. */
  | { kind: 'skipped'; reason: 'stale' | 'no_routine' | 'tz_changed' }
  | { kind: 'failed'; code: 'transient'; tries: number }
  /** A permanent platform error: a channel subscription is disabled, a personal one removed (`unsubscribed`). */
  | { kind: 'disabled'; code: string; unsubscribed?: true }
  | { kind: 'deferred'; retryAt: Date }
  | { kind: 'lease_lost' };

/**
 * The slot after this one. When the engine was down, start from `now - STALE_AFTER_MS` so a long outage
 * costs one skipped delivery record, not one per missed slot.
 */
export function followingSlot(claim: Claim, now: Date): Date | null {
  const from = Math.max(claim.slot.getTime(), now.getTime() - STALE_AFTER_MS);
  return nextDue(claim.subscription, new Date(from));
}

/** Posts one claimed slot: skip if stale, pick a routine, post with retries, then record the outcome. */
export async function processClaim(claim: Claim, deps: ClaimDeps, tickNow: Date): Promise<ClaimResult> {
  const { store, clock } = deps;
  const sub = claim.subscription;
  const finish = async (outcome: ClaimOutcome, nextSlot: Date | null) => {
    const now = clock.now();
    return store.finishClaim({ subscriptionId: sub.id, slot: claim.slot, owner: claim.owner, version: sub.version, outcome, nextSlot, now });
  };

  if (tickNow.getTime() - claim.slot.getTime() > STALE_AFTER_MS) {
    const okFinish = await finish({ status: 'skipped', reason: 'stale' }, followingSlot(claim, tickNow));
    return okFinish ? { kind: 'skipped', reason: 'stale' } : { kind: 'lease_lost' };
  }

  // A person who left or blocked the bot is unsubscribed on the first permanent error.
  const unsubscribe = async (code: string, entryId: string | null, attempts: number): Promise<ClaimResult> => {
    const okFinish = await finish({ status: 'failed', entryId, error: code, attempts }, null);
    await store.removeSubscription({ platform: sub.platform, workspace: sub.workspace, channel: sub.channel });
    return okFinish ? { kind: 'disabled', code, unsubscribed: true } : { kind: 'lease_lost' };
  };

  const zone = await checkProfileZone(sub, deps.sink, store, clock.now());
  if (zone.kind === 'gone') return unsubscribe(zone.code, null, claim.attempts);
  if (zone.kind === 'moved' && !isSlotOf(zone.subscription, claim.slot)) {
    // The zone change bumped the version, so finishing keeps the next slot worked out in the new zone.
    const okFinish = await finish({ status: 'skipped', reason: 'tz_changed' }, zone.subscription.nextSlot);
    return okFinish ? { kind: 'skipped', reason: 'tz_changed' } : { kind: 'lease_lost' };
  }

  const info = pickRoutine(deps.routines.routines, claim.recentEntryIds, sub.focusTags);
  const routine = info ? deps.routines.render(info.id) : null;
  if (!info || !routine) {
    const okFinish = await finish({ status: 'skipped', reason: 'no_routine' }, followingSlot(claim, tickNow));
    return okFinish ? { kind: 'skipped', reason: 'no_routine' } : { kind: 'lease_lost' };
  }

  const nudge = {
    subscriptionId: sub.id,
    slot: claim.slot.toISOString(),
    target: { platform: sub.platform, workspace: sub.workspace, channel: sub.channel },
    routine,
  };
  let tries = claim.attempts;
  let transientTries = 0;
  let rateWaits = 0;
  let lastFailure: SinkFailure | null = null;
  while (transientTries < MAX_TRIES) {
    tries++;
    const result = await deps.sink.post(nudge).catch((e: unknown): { ok: false; failure: SinkFailure } => ({
      ok: false,
      failure: { kind: 'transient', message: e instanceof Error ? e.name : 'error' },
    }));
    if (result.ok) {
      const okFinish = await finish({ status: 'delivered', entryId: info.id, messageRef: result.messageRef ?? null, attempts: tries }, followingSlot(claim, clock.now()));
      return okFinish ? { kind: 'delivered', entryId: info.id, tries } : { kind: 'lease_lost' };
    }
    lastFailure = result.failure;
    if (result.failure.kind === 'permanent') {
      if (personOf(sub) !== null) return unsubscribe(result.failure.code, info.id, tries);
      const okFinish = await finish({ status: 'failed', entryId: info.id, error: result.failure.code, attempts: tries }, null);
      await store.disableSubscription(sub.id, { code: result.failure.code, message: result.failure.message }, clock.now());
      return okFinish ? { kind: 'disabled', code: result.failure.code } : { kind: 'lease_lost' };
    }
    if (result.failure.kind === 'rate_limited') {
      const wait = Math.max(0, result.failure.retryAfterMs);
      const retryAt = new Date(clock.now().getTime() + wait);
      if (wait > MAX_INLINE_WAIT_MS || rateWaits >= MAX_TRIES || retryAt.getTime() >= claim.leaseUntil.getTime()) {
        // Honour the platform's Retry-After without holding the slot: any engine may take it up then.
        if (retryAt.getTime() - claim.slot.getTime() > STALE_AFTER_MS) {
          const okFinish = await finish({ status: 'failed', entryId: info.id, error: 'rate_limited', attempts: tries }, followingSlot(claim, retryAt));
          return okFinish ? { kind: 'failed', code: 'transient', tries } : { kind: 'lease_lost' };
        }
        return (await store.deferClaim(sub.id, claim.owner, retryAt)) ? { kind: 'deferred', retryAt } : { kind: 'lease_lost' };
      }
      rateWaits++;
      await deps.sleep(wait);
      continue;
    }
    transientTries++;
    if (transientTries < MAX_TRIES) await deps.sleep(backoffMs(transientTries + 1, deps.random));
  }
  const okFinish = await finish({ status: 'failed', entryId: info.id, error: lastFailure?.kind ?? 'transient', attempts: tries }, followingSlot(claim, clock.now()));
  return okFinish ? { kind: 'failed', code: 'transient', tries } : { kind: 'lease_lost' };
}
