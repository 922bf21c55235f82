import type { AnswerReply } from '../core/reply-schema.js';
import type { Clock } from '../common/clock.js';
import type { Store } from '../store/store.js';
import type { NudgeTarget } from './schedule.js';
import { pickRoutine } from './rotation.js';
import type { RoutineCatalog } from './routines.js';
import { localDay } from './zoned-time.js';

/** The buttons on a nudge. Adapters map their clicks (Slack action ids, Discord custom ids, typed words) onto these. */
export const NUDGE_ACTIONS = ['done', 'snooze', 'another'] as const;
export type NudgeAction = (typeof NUDGE_ACTIONS)[number];

export const SNOOZE_MS = 60 * 60_000;

export type NudgeActionResult =
  | { kind: 'done'; day: string }
  | { kind: 'snoozed'; until: Date }
  | { kind: 'another'; routine: AnswerReply }
  | { kind: 'no_subscription' }
  | { kind: 'no_routine' };

/**
 * What a click does. Done: one anonymous count for the channel's local day (the subscription's zone).
 * Snooze 1 h: pause the channel's nudges for an hour (a longer pause already set is kept). Another one:
 * a different routine, chosen by the rotation rules, not counted as a post.
 */
export async function handleNudgeAction(
  action: NudgeAction,
  target: NudgeTarget,
  deps: { store: Store; clock: Clock; routines: RoutineCatalog },
  currentEntryId: string | null = null,
): Promise<NudgeActionResult> {
  const now = deps.clock.now();
  const sub = await deps.store.getSubscription(target);
  if (action === 'done') {
    const day = localDay(now, sub?.tz ?? 'UTC');
    await deps.store.recordDone(target.platform, target.workspace, target.channel, day);
    return { kind: 'done', day };
  }
  if (!sub) return { kind: 'no_subscription' };
  if (action === 'snooze') {
    const until = new Date(now.getTime() + SNOOZE_MS);
    if (sub.pausedUntil && sub.pausedUntil >= until) return { kind: 'snoozed', until: sub.pausedUntil };
    await deps.store.pauseSubscription(target, until);
    return { kind: 'snoozed', until };
  }
  const recent = (await deps.store.listDeliveries(sub.id, 20)).filter((d) => d.status === 'delivered' && d.entryId).map((d) => d.entryId as string);
  const history = currentEntryId ? [currentEntryId, ...recent] : recent;
  const info = pickRoutine(deps.routines.routines, history, sub.focusTags, currentEntryId ? [currentEntryId] : []);
  const routine = info ? deps.routines.render(info.id) : null;
  return routine ? { kind: 'another', routine } : { kind: 'no_routine' };
}
