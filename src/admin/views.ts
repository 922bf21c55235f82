// What each admin page shows, read from the store the process already has and the loaded knowledge
// base. Nothing here names a person: subscriptions' creators are never read out, people's own nudges
// are counted but not listed, and activity comes from the anonymous per-channel counters.
import type { KnowledgeBase } from '../knowledge/load.js';
import { libraryByTag, type Library } from '../knowledge/library.js';
import { nudgeStatus, type NudgeStatus } from '../nudges/manage.js';
import { describeSchedule } from '../nudges/options.js';
import { personOf } from '../nudges/schedule.js';
import { nextSlots } from '../nudges/slots.js';
import { formatLocal } from '../nudges/zoned-time.js';
import { contentGaps, type ContentGaps } from '../review/gaps.js';
import { weeklyActivity, type Week } from '../review/activity.js';
import type { NudgeTarget, Store } from '../store/store.js';
import type { Scope } from './session.js';

/** What the pages read; app/serve.ts hands in the running process's store and knowledge base. */
export type AdminSources = { store: Store; kb: KnowledgeBase };

const workspaceOf = (scope: Scope) => (scope.kind === 'workspace' ? { platform: scope.platform, workspace: scope.workspace } : undefined);

export const libraryView = (kb: KnowledgeBase, now: Date): Library => libraryByTag(kb, now);

/** How many slots ahead each schedule lists. */
export const NEXT_SLOTS = 5;

export type ChannelSchedule = {
  target: NudgeTarget;
  schedule: string;
  tz: string;
  focusTags: string[];
  status: NudgeStatus;
  /** The next slots, in the schedule's zone ("Mon 2026-11-30 09:00") and as instants. */
  next: Array<{ local: string; at: Date }>;
};

export type SchedulesView = { channels: ChannelSchedule[]; personal: number };

export async function schedulesView(store: Store, scope: Scope, now: Date): Promise<SchedulesView> {
  const subs = await store.listSubscriptions(workspaceOf(scope) ?? {});
  const channels: ChannelSchedule[] = [];
  let personal = 0;
  for (const s of subs) {
    if (personOf(s) !== null) {
      personal += 1;
      continue;
    }
    const status = nudgeStatus(s, now);
    // The slot rule of the engine itself (src/nudges/slots.ts); a stopped schedule posts nothing.
    const slots = status.state === 'stopped' ? [] : nextSlots(s, now, NEXT_SLOTS);
    channels.push({
      target: { platform: s.platform, workspace: s.workspace, channel: s.channel },
      schedule: describeSchedule(s), tz: s.tz, focusTags: s.focusTags, status,
      next: slots.map((at) => ({ local: formatLocal(at, s.tz), at })),
    });
  }
  return { channels, personal };
}

export const DEFAULT_WEEKS = 12;
export const MAX_WEEKS = 52;

export const activityView = (store: Store, scope: Scope, now: Date, weeks: number): Promise<Week[]> => {
  const workspace = workspaceOf(scope);
  return weeklyActivity(store, { now, weeks, ...(workspace ? { workspace } : {}) });
};

/** The window of the content gaps page (the longest question text is kept: QUESTION_LOG_RETENTION_DAYS ≤ 30). */
export const GAP_DAYS = 30;
/** Rows shown in each gaps list. */
export const GAP_ROWS = 20;

export type GapsView = ContentGaps & {
  /**
   * Votes are kept per entry with no workspace, so they count every workspace of the install: only the
   * admin token's sign-in (which sees everything) is shown them, never a sign-in scoped to one workspace.
   */
  votesShown: boolean;
};

export async function gapsView(sources: AdminSources, scope: Scope, now: Date): Promise<GapsView> {
  const since = new Date(now.getTime() - GAP_DAYS * 86_400_000);
  const workspace = workspaceOf(scope);
  const gaps = await contentGaps(sources.store, sources.kb, { since, ...(workspace ? { workspace } : {}) });
  const votesShown = scope.kind === 'all';
  return { ...gaps, notHelpful: votesShown ? gaps.notHelpful : [], votesShown };
}
