import type { ConversationContext } from '../core/context.js';
import { nextDue } from '../nudges/slots.js';
import { systemClock, type Clock } from '../common/clock.js';
import type {
  Claim, ClaimOptions, Delivery, DoneCount, FeedbackCount, FinishClaim, Installation, InstallationInput, NudgeTarget,
  Platform, Store, StoreContexts, Subscription, SubscriptionInput, UnansweredQuestion, UnansweredReason,
} from './store.js';
import { PAUSED_INDEFINITELY, SEEN_EVENT_RETENTION_MS, SEEN_EVENT_WINDOW_MS, UNANSWERED_RETENTION_DAYS } from './store.js';

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
  private readonly done = new Map<string, DoneCount>();
  private readonly feedback = new Map<string, FeedbackCount>();
  private unanswered: UnansweredQuestion[] = [];
  private readonly seenEvents = new Map<string, number>();
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
    const now = this.clock.now();
    for (const s of this.subs.values()) {
      if (s.platform === platform && s.workspace === workspace) this.disable(s, { code: 'uninstalled', message: 'the app was uninstalled from the workspace' }, now);
    }
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
    const row: SubRow = existing
      ? Object.assign(existing, copy(input), { pausedUntil: null, disabled: null })
      : { ...copy(input), id: String(this.nextId++), pausedUntil: null, disabled: null, nextSlot: null, version: 0, createdAt: now, updatedAt: now, leaseOwner: null, leaseUntil: null };
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
    const s = this.find(t);
    if (!s) return false;
    this.subs.delete(s.id);
    for (const [k, d] of this.deliveries) if (d.subscriptionId === s.id) this.deliveries.delete(k);
    return true;
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
    const row = this.feedback.get(entryId) ?? { entryId, helpful: 0, notHelpful: 0 };
    if (helpful) row.helpful += 1;
    else row.notHelpful += 1;
    this.feedback.set(entryId, row);
  }
  async feedbackCounts() {
    return [...this.feedback.values()].sort((a, b) => a.entryId.localeCompare(b.entryId)).map(copy);
  }
  async recordUnanswered(text: string, reason: UnansweredReason, confidence: number) {
    this.unanswered.push({ id: String(this.nextId++), text: text.trim().slice(0, 500), reason, confidence, at: this.clock.now() });
  }
  async listUnanswered(limit: number) {
    return [...this.unanswered].sort((a, b) => b.at.getTime() - a.at.getTime() || Number(b.id) - Number(a.id)).slice(0, limit).map(copy);
  }
  async purgeUnanswered(now: Date) {
    const cutoff = now.getTime() - UNANSWERED_RETENTION_DAYS * 86_400_000;
    const before = this.unanswered.length;
    this.unanswered = this.unanswered.filter((q) => q.at.getTime() >= cutoff);
    return before - this.unanswered.length;
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

  async close() {}
}
