// Anonymous activity: per-channel counts summed, and the same counts week by week. `backbuddy stats`
// prints the sums; the admin page draws the weeks. Personal nudges are never in these counts (the
// store leaves `@user` targets out of channelStats).
import type { ChannelStats, Platform, Store } from '../store/store.js';

export type Totals = Omit<ChannelStats, 'platform' | 'workspace' | 'channel'>;

/** The counts of several channels added up; tags most answered first. */
export function totalStats(channels: readonly ChannelStats[]): Totals {
  const t: Totals = { nudgesSent: 0, doneClicks: 0, questions: 0, answered: 0, byTag: {} };
  for (const c of channels) {
    t.nudgesSent += c.nudgesSent;
    t.doneClicks += c.doneClicks;
    t.questions += c.questions;
    t.answered += c.answered;
    for (const [tag, n] of Object.entries(c.byTag)) t.byTag[tag] = (t.byTag[tag] ?? 0) + n;
  }
  t.byTag = Object.fromEntries(Object.entries(t.byTag).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
  return t;
}

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One UTC week, Monday to Sunday; the current week ends today. */
export type Week = { fromDay: string; toDay: string; totals: Totals };

/** The UTC Monday on or before an instant, as epoch ms at 00:00. */
export function mondayOf(at: Date): number {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  return midnight - ((new Date(midnight).getUTCDay() + 6) % 7) * DAY_MS;
}

/**
 * The last `weeks` UTC weeks (Monday to Sunday), oldest first, the current one ending at `now`'s
 * day, each with the totals of every channel (or of one workspace's channels).
 */
export async function weeklyActivity(
  store: Store,
  o: { now: Date; weeks: number; workspace?: { platform: Platform; workspace: string } },
): Promise<Week[]> {
  const today = day(o.now.getTime());
  const thisMonday = mondayOf(o.now);
  const out: Week[] = [];
  for (let i = o.weeks - 1; i >= 0; i--) {
    const from = thisMonday - i * 7 * DAY_MS;
    const fromDay = day(from);
    const toDay = i === 0 ? today : day(from + 6 * DAY_MS);
    const channels = await store.channelStats({ fromDay, toDay, ...(o.workspace ?? {}) });
    out.push({ fromDay, toDay, totals: totalStats(channels) });
  }
  return out;
}
