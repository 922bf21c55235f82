import type { ChannelStats, CountedKind, NudgeTarget } from './store.js';

type Counted = NudgeTarget & { count: number };

/** One row per channel from the three counters, shared by the SQL and memory stores. */
export function mergeChannelStats(
  questions: ReadonlyArray<Counted & { kind: CountedKind; tag: string }>,
  done: readonly Counted[],
  sent: readonly Counted[],
): ChannelStats[] {
  const byKey = new Map<string, ChannelStats>();
  const row = (t: NudgeTarget): ChannelStats => {
    const k = `${t.platform}\u0000${t.workspace}\u0000${t.channel}`;
    let r = byKey.get(k);
    if (!r) {
      r = { platform: t.platform, workspace: t.workspace, channel: t.channel, nudgesSent: 0, doneClicks: 0, questions: 0, answered: 0, byTag: {} };
      byKey.set(k, r);
    }
    return r;
  };
  for (const q of questions) {
    const r = row(q);
    if (q.tag === '') {
      r.questions += q.count;
      if (q.kind === 'answer') r.answered += q.count;
    } else {
      r.byTag[q.tag] = (r.byTag[q.tag] ?? 0) + q.count;
    }
  }
  for (const d of done) row(d).doneClicks += d.count;
  for (const s of sent) row(s).nudgesSent += s.count;
  const out = [...byKey.values()].sort((a, b) => a.platform.localeCompare(b.platform) || a.workspace.localeCompare(b.workspace) || a.channel.localeCompare(b.channel));
  for (const r of out) r.byTag = Object.fromEntries(Object.entries(r.byTag).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
  return out;
}

/** The instants bounding UTC days fromDay..toDay: [start of fromDay, start of the day after toDay). */
export function dayRange(fromDay: string, toDay: string): { from: Date; to: Date } {
  const from = new Date(`${fromDay}T00:00:00Z`);
  const to = new Date(new Date(`${toDay}T00:00:00Z`).getTime() + 86_400_000);
  return { from, to };
}
