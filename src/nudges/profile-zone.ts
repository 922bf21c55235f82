// Personal nudges follow the person's profile zone: before a personal slot is posted, a zone read
// more than a day ago is read again, and a move reschedules the nudges in the new zone.
import type { Store, Subscription } from '../store/store.js';
import { PROFILE_TZ_MAX_AGE_MS, personOf } from './schedule.js';
import type { NudgeSink } from './sink.js';
import { nextDue } from './slots.js';
import { isTimeZone } from './zoned-time.js';

export type ZoneCheck =
  /** Nothing to do, or the zone is unchanged (the read is stamped). */
  | { kind: 'same'; subscription: Subscription }
  /** The person moved: `subscription` carries the new zone and its next slot. */
  | { kind: 'moved'; subscription: Subscription; from: string }
  /** The platform says the person is gone (left, deactivated, not found). */
  | { kind: 'gone'; code: string };

/** Pure: does this subscription's profile zone need reading at `now`? */
export function profileZoneDue(s: Pick<Subscription, 'channel' | 'tzFromProfile' | 'tzCheckedAt'>, now: Date): boolean {
  if (personOf(s) === null || !s.tzFromProfile) return false;
  return !s.tzCheckedAt || now.getTime() - s.tzCheckedAt.getTime() >= PROFILE_TZ_MAX_AGE_MS;
}

/** A zone name in its canonical spelling, or null when Intl does not know it. */
export function canonicalZone(tz: string | null | undefined): string | null {
  if (!tz || !isTimeZone(tz)) return null;
  return new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone ?? tz;
}

/** Reads the profile zone when due and records it. A platform that cannot answer now leaves things as they are. */
export async function checkProfileZone(sub: Subscription, sink: NudgeSink, store: Store, now: Date): Promise<ZoneCheck> {
  const user = personOf(sub);
  if (!user || !sink.profileZone || !profileZoneDue(sub, now)) return { kind: 'same', subscription: sub };
  const read = await sink.profileZone(sub.workspace, user).catch(() => ({ kind: 'unavailable', code: 'error' }) as const);
  if (read.kind === 'gone') return { kind: 'gone', code: read.code };
  if (read.kind === 'unavailable') return { kind: 'same', subscription: sub };
  // A profile without a zone (or one Intl does not know) keeps the zone we have.
  const tz = canonicalZone(read.tz) ?? sub.tz;
  const updated = await store.recordProfileTz(sub.id, tz, now);
  if (!updated) return { kind: 'same', subscription: sub };
  return updated.tz !== sub.tz ? { kind: 'moved', subscription: updated, from: sub.tz } : { kind: 'same', subscription: updated };
}

/** Pure: is `slot` one of the subscription's slots (in its current zone)? */
export function isSlotOf(sub: Subscription, slot: Date): boolean {
  return nextDue({ ...sub, pausedUntil: null }, new Date(slot.getTime() - 1))?.getTime() === slot.getTime();
}
