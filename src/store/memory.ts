import type { ConversationContext } from '../core/context.js';
import { nextDue } from '../nudges/slots.js';
import { systemClock, type Clock } from '../common/clock.js';
import type {
  Claim, ClaimOptions, Delivery, DoneCount, FeedbackCount, FinishClaim, Installation, InstallationInput, NudgeTarget,
  Platform, PurgeCounts, QuestionCount, QuestionCountInput, QuestionOrigin, StatsFilter, Store, StoreContexts, Subscription,
  SubscriptionInput, UnansweredQuestion, UnansweredReason, WorkspaceData,
} from './store.js';
import { conversationPrefix, PAUSED_INDEFINITELY, SEEN_EVENT_RETENTION_MS, SEEN_EVENT_WINDOW_MS, UNANSWERED_RETENTION_DAYS } from './store.js';
import { scrubQuestion } from './question-text.js';
import { personOf } from '../nudges/schedule.js';
import { dayRange, mergeChannelStats } from './stats.js';

const key = (t: NudgeTarget) => `${t.platform}\u0000${t.workspace}\u0000${t.channel}`;
const copy = <T>(v: T): T => structuredClone(v);

type SubRow = Subscription & { leaseOwner: string | null; leaseUntil: Date | null };

/**
 * The Store in plain memory, for tests and benchmarks of the engine. It runs the same contract tests
 * as the SQL stores; a JavaScript call cannot be interleaved, so each method is atomic like a transaction.
 */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private nextId = 1;
  private readonly subs = new Map<string, SubRow>();
  private readonly deliveries = new Map<string, Delivery>();
  private readonly installations = new Map<string, Installation>();
  /** Sealed credentials by installation key; dropped with the installation. */
  private readonly credentials = new Map<string, string>();
  private readonly done = new Map<string, DoneCount>();
  private readonly votes: Array<{ entryId: string; helpful: boolean; at: Date }> = [];
  private readonly questions = new Map<string, QuestionCount>();
  private unanswered: UnansweredQuestion[] = [];
  private readonly seenEvents = new Map<string, number>();
  private readonly uploads = new Map<string, { platform: Platform; workspace: string; fileId: string }>();
  private readonly contextRows = new Map<string, { context: ConversationContext; expiresAt: Date }>();

  constructor(private readonly clock: Clock = systemClock) {}

  async upsertInstallation(input: InstallationInput): Promise<Installation> {
    const k = `${input.platform}\u0000${input.workspace}`;
    const now = this.clock.now();
    const row: Installation = { ...input, installedAt: this.installations.get(k)?.installedAt ?? now, updatedAt: now };
    this.installations.set(k, row);
    return copy(row);
  }
  async getInstallation(platform: Platform, workspace: string): Promise<Installation | null> {
    const row = this.installations.get(`${platform}\u0000${workspace}`);
    return row ? copy(row) : null;
  }
  async removeInstallation(platform: Platform, workspace: string): Promise<void> {
    this.installations.delete(`${platform}\u0000${workspace}`);
    this.credentials.delete(`${platform}\u0000${workspace}`);
    const now = this.clock.now();
    for (const s of this.subs.values()) {
      if (s.platform === platform && s.workspace === workspace) this.disable(s, { code: 'uninstalled', message: 'the app was uninstalled from the workspace' }, now);
    }
  }

  async saveCredentials(platform: Platform, workspace: string, sealed: string): Promise<boolean> {
    const k = `${platform}\u0000${workspace}`;
    const row = this.installations.get(k);
    if (!row) return false;
    this.credentials.set(k, sealed);
    row.updatedAt = this.clock.now();
    return true;
  }
  async getCredentials(platform: Platform, workspace: string): Promise<string | null> {
    const k = `${platform}\u0000${workspace}`;
    return this.installations.has(k) ? this.credentials.get(k) ?? null : null;
  }
  async listCredentials(platform: Platform, limit: number): Promise<Array<{ workspace: string; sealed: string }>> {
    return [...this.installations.values()]
      .filter((i) => i.platform === platform && this.credentials.has(`${platform}\u0000${i.workspace}`))
      .sort((a, b) => a.installedAt.getTime() - b.installedAt.getTime() || a.workspace.localeCompare(b.workspace))
      .slice(0, limit)
      .map((i) => ({ workspace: i.workspace, sealed: this.credentials.get(`${platform}\u0000${i.workspace}`) as string }));
  }

  private find(t: NudgeTarget): SubRow | undefined {
    for (const s of this.subs.values()) if (key(s) === key(t)) return s;
    return undefined;
  }
  private out(s: SubRow): Subscription {
    const { leaseOwner: _o, leaseUntil: _u, ...sub } = s;
    return copy(sub);
  }
  private touch(s: SubRow, now: Date) {
    s.version += 1;
    s.updatedAt = now;
    s.nextSlot = s.disabled ? null : nextDue(s, now);
  }

  async upsertSubscription(input: SubscriptionInput): Promise<Subscription> {
    const now = this.clock.now();
    const existing = this.find(input);
    const fields = { ...copy(input), tzFromProfile: input.tzFromProfile ?? false, tzCheckedAt: input.tzCheckedAt ?? null };
    const row: SubRow = existing
      ? Object.assign(existing, fields, { pausedUntil: null, disabled: null })
      : { ...fields, id: String(this.nextId++), pausedUntil: null, disabled: null, nextSlot: null, version: 0, createdAt: now, updatedAt: now, leaseOwner: null, leaseUntil: null };
    this.subs.set(row.id, row);
    this.touch(row, now);
    return this.out(row);
  }
  async getSubscription(t: NudgeTarget) {
    const s = this.find(t);
    return s ? this.out(s) : null;
  }
  async getSubscriptionById(id: string) {
    const s = this.subs.get(id);
    return s ? this.out(s) : null;
  }
  async listSubscriptions(filter: { platform?: Platform; workspace?: string } = {}) {
    return [...this.subs.values()]
      .filter((s) => (!filter.platform || s.platform === filter.platform) && (!filter.workspace || s.workspace === filter.workspace))
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((s) => this.out(s));
  }
  async pauseSubscription(t: NudgeTarget, until: Date | null) {
    const s = this.find(t);
    if (!s) return null;
    s.pausedUntil = until ?? PAUSED_INDEFINITELY;
    this.touch(s, this.clock.now());
    return this.out(s);
  }
  async resumeSubscription(t: NudgeTarget) {
    const s = this.find(t);
    if (!s) return null;
    s.pausedUntil = null;
    s.disabled = null;
    this.touch(s, this.clock.now());
    return this.out(s);
  }
  async removeSubscription(t: NudgeTarget) {
    if (personOf(t) !== null) for (const [k, d] of this.done) if (key(d) === key(t)) this.done.delete(k);
    const s = this.find(t);
    if (!s) return false;
    this.subs.delete(s.id);
    for (const [k, d] of this.deliveries) if (d.subscriptionId === s.id) this.deliveries.delete(k);
    return true;
  }
  async recordProfileTz(id: string, tz: string, now: Date) {
    const s = this.subs.get(id);
    if (!s) return null;
    s.tzCheckedAt = now;
    if (s.tz !== tz) {
      s.tz = tz;
      this.touch(s, now);
    }
    return this.out(s);
  }
  private disable(s: SubRow, reason: { code: string; message: string }, now: Date) {
    s.disabled = { ...reason, at: now };
    this.touch(s, now);
  }
  async disableSubscription(id: string, reason: { code: string; message: string }, now: Date) {
    const s = this.subs.get(id);
    if (s) this.disable(s, reason, now);
  }

  async claimDue(o: ClaimOptions): Promise<Claim[]> {
    const due = [...this.subs.values()]
      .filter((s) => o.platforms.includes(s.platform) && !s.disabled && s.nextSlot && s.nextSlot <= o.now && (!s.leaseUntil || s.leaseUntil <= o.now))
      .sort((a, b) => (a.nextSlot?.getTime() ?? 0) - (b.nextSlot?.getTime() ?? 0) || Number(a.id) - Number(b.id))
      .slice(0, o.limit);
    const claims: Claim[] = [];
    const leaseUntil = new Date(o.now.getTime() + o.leaseMs);
    for (const s of due) {
      const slot = s.nextSlot as Date;
      const dk = `${s.id}\u0000${slot.toISOString()}`;
      const d = this.deliveries.get(dk);
      if (d && d.status !== 'claimed') {
        // Finished already (only possible if nextSlot was moved back); move on without posting again.
        s.nextSlot = nextDue(s, slot);
        continue;
      }
      s.leaseOwner = o.owner;
      s.leaseUntil = leaseUntil;
      if (!d) this.deliveries.set(dk, { subscriptionId: s.id, slot, status: 'claimed', entryId: null, attempts: 0, messageRef: null, error: null, updatedAt: o.now });
      claims.push({ subscription: this.out(s), slot: new Date(slot), owner: o.owner, leaseUntil, attempts: d?.attempts ?? 0, recentEntryIds: this.recent(s.id) });
    }
    return claims;
  }
  private recent(subscriptionId: string): string[] {
    return [...this.deliveries.values()]
      .filter((d) => d.subscriptionId === subscriptionId && d.status === 'delivered' && d.entryId)
      .sort((a, b) => b.slot.getTime() - a.slot.getTime())
      .slice(0, 20)
      .map((d) => d.entryId as string);
  }
  async finishClaim(f: FinishClaim): Promise<boolean> {
    const s = this.subs.get(f.subscriptionId);
    if (!s || s.leaseOwner !== f.owner) return false;
    const d = this.deliveries.get(`${s.id}\u0000${f.slot.toISOString()}`);
    if (!d || d.status !== 'claimed') return false;
    const o = f.outcome;
    Object.assign(d, {
      status: o.status,
      entryId: o.status === 'skipped' ? null : o.entryId,
      attempts: o.status === 'skipped' ? d.attempts : o.attempts,
      messageRef: o.status === 'delivered' ? o.messageRef : null,
      error: o.status === 'skipped' ? o.reason : o.status === 'failed' ? o.error : null,
      updatedAt: f.now,
    });
    if (s.version === f.version) s.nextSlot = f.nextSlot;
    s.leaseOwner = null;
    s.leaseUntil = null;
    return true;
  }
  async deferClaim(subscriptionId: string, owner: string, retryAt: Date) {
    const s = this.subs.get(subscriptionId);
    if (!s || s.leaseOwner !== owner) return false;
    s.leaseUntil = retryAt;
    return true;
  }
  async listDeliveries(subscriptionId: string, limit: number) {
    return [...this.deliveries.values()]
      .filter((d) => d.subscriptionId === subscriptionId)
      .sort((a, b) => b.slot.getTime() - a.slot.getTime())
      .slice(0, limit)
      .map(copy);
  }

  async recordDone(platform: Platform, workspace: string, channel: string, day: string) {
    const k = `${key({ platform, workspace, channel })}\u0000${day}`;
    const row = this.done.get(k) ?? { platform, workspace, channel, day, count: 0 };
    row.count += 1;
    this.done.set(k, row);
  }
  async doneCounts(t: NudgeTarget, fromDay: string, toDay: string) {
    return [...this.done.values()]
      .filter((d) => key(d) === key(t) && d.day >= fromDay && d.day <= toDay)
      .sort((a, b) => a.day.localeCompare(b.day))
      .map(copy);
  }
  async recordFeedback(entryId: string, helpful: boolean) {
    this.votes.push({ entryId, helpful, at: this.clock.now() });
  }
  async feedbackCounts(since?: Date) {
    const counts = new Map<string, FeedbackCount>();
    for (const v of this.votes) {
      if (since && v.at < since) continue;
      const row = counts.get(v.entryId) ?? { entryId: v.entryId, helpful: 0, notHelpful: 0 };
      if (v.helpful) row.helpful += 1;
      else row.notHelpful += 1;
      counts.set(v.entryId, row);
    }
    return [...counts.values()].sort((a, b) => a.entryId.localeCompare(b.entryId));
  }
  async recordUnanswered(text: string, reason: UnansweredReason, confidence: number, origin?: QuestionOrigin) {
    this.unanswered.push({
      id: String(this.nextId++), text: scrubQuestion(text), reason, confidence, at: this.clock.now(),
      platform: origin?.platform ?? null, workspace: origin?.workspace ?? null,
    });
  }
  async listUnanswered(limit: number, since?: Date) {
    return this.unanswered
      .filter((q) => !since || q.at >= since)
      .sort((a, b) => b.at.getTime() - a.at.getTime() || Number(b.id) - Number(a.id))
      .slice(0, limit)
      .map(copy);
  }
  async purgeUnanswered(now: Date, days = UNANSWERED_RETENTION_DAYS) {
    const cutoff = now.getTime() - days * 86_400_000;
    const before = this.unanswered.length;
    this.unanswered = this.unanswered.filter((q) => q.at.getTime() >= cutoff);
    return before - this.unanswered.length;
  }
  async recordQuestion(q: QuestionCountInput) {
    for (const tag of ['', ...(q.kind === 'answer' ? new Set(q.tags) : [])]) {
      const k = [q.platform, q.workspace, q.channel, q.day, q.kind, tag].join('\u0000');
      const row = this.questions.get(k) ?? { platform: q.platform, workspace: q.workspace, channel: q.channel, day: q.day, kind: q.kind, tag, count: 0 };
      row.count += 1;
      this.questions.set(k, row);
    }
  }
  async channelStats(f: StatsFilter) {
    const { from, to } = dayRange(f.fromDay, f.toDay);
    // Personal nudges (`@user`) stay out of channel stats: one person's Done clicks are shown to no one else.
    const match = (t: NudgeTarget) => (!f.platform || t.platform === f.platform) && (!f.workspace || t.workspace === f.workspace) && personOf(t) === null;
    const inDays = (r: { day: string }) => r.day >= f.fromDay && r.day <= f.toDay;
    const sent = [...this.deliveries.values()]
      .filter((d) => d.status === 'delivered' && d.slot >= from && d.slot < to)
      .map((d) => this.subs.get(d.subscriptionId))
      .filter((s): s is SubRow => Boolean(s) && match(s!))
      .map((s) => ({ platform: s.platform, workspace: s.workspace, channel: s.channel, count: 1 }));
    return mergeChannelStats(
      [...this.questions.values()].filter((q) => match(q) && inDays(q)),
      [...this.done.values()].filter((d) => match(d) && inDays(d)),
      sent,
    );
  }

  async exportWorkspace(platform: Platform, workspace: string): Promise<WorkspaceData> {
    const mine = (r: { platform: Platform | null; workspace: string | null }) => r.platform === platform && r.workspace === workspace;
    const subscriptions = await this.listSubscriptions({ platform, workspace });
    const ids = new Set(subscriptions.map((s) => s.id));
    const prefix = conversationPrefix(platform, workspace);
    const byTarget = (a: NudgeTarget & { day: string }, b: NudgeTarget & { day: string }) => a.channel.localeCompare(b.channel) || a.day.localeCompare(b.day);
    return {
      platform, workspace,
      installation: await this.getInstallation(platform, workspace),
      subscriptions,
      deliveries: [...this.deliveries.values()].filter((d) => ids.has(d.subscriptionId))
        .sort((a, b) => Number(a.subscriptionId) - Number(b.subscriptionId) || a.slot.getTime() - b.slot.getTime()).map(copy),
      doneCounts: [...this.done.values()].filter(mine).sort(byTarget).map(copy),
      questionCounts: [...this.questions.values()].filter(mine)
        .sort((a, b) => byTarget(a, b) || a.kind.localeCompare(b.kind) || a.tag.localeCompare(b.tag)).map(copy),
      unansweredQuestions: this.unanswered.filter(mine).sort((a, b) => a.at.getTime() - b.at.getTime() || Number(a.id) - Number(b.id)).map(copy),
      conversationContexts: [...this.contextRows].filter(([k]) => k.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([conversation, row]) => ({ conversation, context: copy(row.context), expiresAt: new Date(row.expiresAt) })),
    };
  }
  async purgeWorkspace(platform: Platform, workspace: string): Promise<PurgeCounts> {
    const mine = (r: { platform: Platform | null; workspace: string | null }) => r.platform === platform && r.workspace === workspace;
    const drop = <V extends { platform: Platform | null; workspace: string | null }>(m: Map<string, V>) => {
      let n = 0;
      for (const [k, v] of m) if (mine(v)) (m.delete(k), n++);
      return n;
    };
    const subs = [...this.subs.values()].filter(mine);
    let deliveries = 0;
    for (const s of subs) {
      for (const [k, d] of this.deliveries) if (d.subscriptionId === s.id) (this.deliveries.delete(k), deliveries++);
      this.subs.delete(s.id);
    }
    const before = this.unanswered.length;
    this.unanswered = this.unanswered.filter((q) => !mine(q));
    const prefix = conversationPrefix(platform, workspace);
    let contexts = 0;
    for (const k of [...this.contextRows.keys()]) if (k.startsWith(prefix)) (this.contextRows.delete(k), contexts++);
    this.credentials.delete(`${platform}\u0000${workspace}`);
    return {
      installations: drop(this.installations),
      subscriptions: subs.length,
      deliveries,
      doneCounts: drop(this.done),
      questionCounts: drop(this.questions),
      unansweredQuestions: before - this.unanswered.length,
      conversationContexts: contexts,
      uploadedImages: drop(this.uploads),
    };
  }
  async getUploadedImage(platform: Platform, workspace: string, key: string) {
    return this.uploads.get(`${platform}\u0000${workspace}\u0000${key}`)?.fileId ?? null;
  }
  async saveUploadedImage(platform: Platform, workspace: string, key: string, fileId: string) {
    this.uploads.set(`${platform}\u0000${workspace}\u0000${key}`, { platform, workspace, fileId });
  }

  async forgetUploadedImage(platform: Platform, workspace: string, key: string) {
    this.uploads.delete(`${platform}\u0000${workspace}\u0000${key}`);
  }

  async claimEvent(key: string, now: Date) {
    const k = key.slice(0, 200);
    const at = this.seenEvents.get(k);
    if (at !== undefined && at > now.getTime() - SEEN_EVENT_WINDOW_MS) return false;
    this.seenEvents.set(k, now.getTime());
    return true;
  }
  async purgeSeenEvents(now: Date) {
    let n = 0;
    for (const [k, at] of this.seenEvents) {
      if (at < now.getTime() - SEEN_EVENT_RETENTION_MS) {
        this.seenEvents.delete(k);
        n++;
      }
    }
    return n;
  }

  readonly contexts: StoreContexts = {
    get: async (conversation, now) => {
      const row = this.contextRows.get(conversation);
      return row && row.expiresAt > now ? copy(row.context) : null;
    },
    set: async (conversation, context, expiresAt) => {
      this.contextRows.set(conversation, { context: copy(context), expiresAt });
    },
    purgeExpired: async (now) => {
      let n = 0;
      for (const [k, row] of this.contextRows) if (row.expiresAt <= now) (this.contextRows.delete(k), n++);
      return n;
    },
  };

  async ping() {}
  async close() {}
}
