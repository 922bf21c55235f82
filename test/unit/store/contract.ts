import { beforeEach, describe, expect, it } from 'vitest';
import type { ConversationContext } from '../../../src/core/context.js';
import type { Clock } from '../../../src/common/clock.js';
import type { Store, SubscriptionInput } from '../../../src/store/store.js';

/** A clock tests move by hand. */
export type ManualClock = Clock & { set(at: string | Date): void; advance(ms: number): void };
export function manualClock(at: string): ManualClock {
  let t = new Date(at).getTime();
  return { now: () => new Date(t), set: (d) => void (t = new Date(d).getTime()), advance: (ms) => void (t += ms) };
}

export type StoreHarness = {
  store: Store;
  clock: ManualClock;
  /** Empties every table (TRUNCATE for SQL stores). */
  reset(): Promise<void>;
};

export const london = (over: Partial<SubscriptionInput> = {}): SubscriptionInput => ({
  platform: 'slack', workspace: 'T1', channel: 'C1',
  cadence: { kind: 'every', minutes: 90 }, tz: 'Europe/London', days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  startMinute: 540, endMinute: 1020, focusTags: [], createdBy: 'U1',
  ...over,
});

const MONDAY_8AM = '2026-03-23T08:00:00Z'; // London is on GMT until 29 March 2026
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const ctx = (turns: number): ConversationContext => ({ lastEntryId: 'heat-or-ice', lastTags: ['heat'], offered: [], crisis: false, safety: ['back'], turns });

/** The behaviour every Store implementation must have; run by memory, PGlite and PostgreSQL test files. */
export function storeContract(name: string, harness: () => StoreHarness) {
  describe(`Store contract: ${name}`, () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = harness();
      await h.reset();
      h.clock.set(MONDAY_8AM);
    });
    const claim = (at: string, owner = 'e1', limit = 50) =>
      h.store.claimDue({ now: new Date(at), owner, leaseMs: 60_000, limit, platforms: ['slack', 'discord', 'cli'] });

    describe('subscriptions', () => {
      it('creates one per channel with the next slot worked out from now', async () => {
        const s = await h.store.upsertSubscription(london());
        expect(s).toMatchObject({ platform: 'slack', workspace: 'T1', channel: 'C1', tz: 'Europe/London', pausedUntil: null, disabled: null, createdBy: 'U1' });
        expect(s.cadence).toEqual({ kind: 'every', minutes: 90 });
        expect(s.days).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
        expect(iso(s.nextSlot)).toBe('2026-03-23T09:00:00.000Z');
        expect(typeof s.id).toBe('string');
        expect(await h.store.getSubscription(s)).toEqual(s);
        expect(await h.store.getSubscriptionById(s.id)).toEqual(s);
      });

      it('replaces the schedule of an existing channel, keeping its id and bumping the version', async () => {
        const a = await h.store.upsertSubscription(london());
        const b = await h.store.upsertSubscription(london({ cadence: { kind: 'cron', expression: '30 10 * * *' }, focusTags: ['hips'] }));
        expect(b.id).toBe(a.id);
        expect(b.version).toBeGreaterThan(a.version);
        expect(b.cadence).toEqual({ kind: 'cron', expression: '30 10 * * *' });
        expect(b.focusTags).toEqual(['hips']);
        expect(iso(b.nextSlot)).toBe('2026-03-23T10:30:00.000Z');
        expect(await h.store.listSubscriptions()).toHaveLength(1);
      });

      it('lists by platform and workspace, ordered by id', async () => {
        await h.store.upsertSubscription(london({ channel: 'C1' }));
        await h.store.upsertSubscription(london({ channel: 'C2' }));
        await h.store.upsertSubscription(london({ workspace: 'T2', channel: 'C1' }));
        await h.store.upsertSubscription(london({ platform: 'cli', workspace: 'local', channel: 'terminal' }));
        expect((await h.store.listSubscriptions()).map((s) => `${s.platform}/${s.workspace}/${s.channel}`)).toEqual(['slack/T1/C1', 'slack/T1/C2', 'slack/T2/C1', 'cli/local/terminal']);
        expect(await h.store.listSubscriptions({ platform: 'slack', workspace: 'T1' })).toHaveLength(2);
        expect(await h.store.listSubscriptions({ platform: 'cli' })).toHaveLength(1);
      });

      it('pauses until an instant (a slot exactly then still posts) and resumes', async () => {
        await h.store.upsertSubscription(london());
        const paused = await h.store.pauseSubscription(london(), new Date('2026-03-23T12:00:00Z'));
        expect(iso(paused?.pausedUntil)).toBe('2026-03-23T12:00:00.000Z');
        expect(iso(paused?.nextSlot)).toBe('2026-03-23T12:00:00.000Z');
        const resumed = await h.store.resumeSubscription(london());
        expect(resumed?.pausedUntil).toBeNull();
        expect(iso(resumed?.nextSlot)).toBe('2026-03-23T09:00:00.000Z');
      });

      it('pauses until further notice with no next slot', async () => {
        await h.store.upsertSubscription(london());
        const paused = await h.store.pauseSubscription(london(), null);
        expect(paused?.pausedUntil?.getUTCFullYear()).toBe(9999);
        expect(paused?.nextSlot).toBeNull();
      });

      it('answers null or false for a channel with no subscription', async () => {
        expect(await h.store.getSubscription(london())).toBeNull();
        expect(await h.store.getSubscriptionById('999')).toBeNull();
        expect(await h.store.getSubscriptionById('not-a-number')).toBeNull();
        expect(await h.store.pauseSubscription(london(), null)).toBeNull();
        expect(await h.store.resumeSubscription(london())).toBeNull();
        expect(await h.store.removeSubscription(london())).toBe(false);
      });

      it('removes a subscription with its deliveries', async () => {
        const s = await h.store.upsertSubscription(london());
        await claim('2026-03-23T09:00:10Z');
        expect(await h.store.removeSubscription(london())).toBe(true);
        expect(await h.store.getSubscription(london())).toBeNull();
        expect(await h.store.listDeliveries(s.id, 10)).toEqual([]);
      });

      it('disables with a reason shown in status; resume and upsert clear it', async () => {
        const s = await h.store.upsertSubscription(london());
        await h.store.disableSubscription(s.id, { code: 'channel_not_found', message: 'the channel is gone' }, new Date('2026-03-23T09:00:05Z'));
        const off = await h.store.getSubscription(london());
        expect(off?.disabled).toEqual({ code: 'channel_not_found', message: 'the channel is gone', at: new Date('2026-03-23T09:00:05Z') });
        expect(off?.nextSlot).toBeNull();
        expect(await claim('2026-03-23T12:00:00Z')).toEqual([]);
        expect((await h.store.resumeSubscription(london()))?.disabled).toBeNull();
        await h.store.disableSubscription(s.id, { code: 'not_in_channel', message: 'x' }, new Date());
        expect((await h.store.upsertSubscription(london()))?.disabled).toBeNull();
      });
      it('records a profile zone read: same zone stamps it, a new zone reschedules and bumps the version', async () => {
        const me = { ...london(), channel: '@U1', tzFromProfile: true, tzCheckedAt: new Date('2026-03-23T08:00:00Z') };
        const s = await h.store.upsertSubscription(me);
        expect(s).toMatchObject({ tzFromProfile: true, tzCheckedAt: new Date('2026-03-23T08:00:00Z') });
        const same = await h.store.recordProfileTz(s.id, 'Europe/London', new Date('2026-03-24T08:00:00Z'));
        expect(same).toMatchObject({ tz: 'Europe/London', version: s.version, tzCheckedAt: new Date('2026-03-24T08:00:00Z') });
        const moved = await h.store.recordProfileTz(s.id, 'Asia/Kolkata', new Date('2026-03-24T08:00:00Z'));
        expect(moved).toMatchObject({ tz: 'Asia/Kolkata', version: s.version + 1 });
        expect(moved?.nextSlot?.toISOString()).toBe('2026-03-24T09:30:00.000Z'); // 15:00 IST, the first slot after 13:30 IST
        expect(await h.store.recordProfileTz('999', 'UTC', new Date())).toBeNull();
        expect((await h.store.upsertSubscription(london())).tzFromProfile).toBe(false);
      });
    });

    describe('claiming slots', () => {
      it('claims a due slot once, under a lease, and only for the platforms asked', async () => {
        const s = await h.store.upsertSubscription(london());
        await h.store.upsertSubscription(london({ platform: 'discord', workspace: 'G1' }));
        expect(await claim('2026-03-23T08:59:59Z')).toEqual([]);
        const claims = await h.store.claimDue({ now: new Date('2026-03-23T09:00:05Z'), owner: 'e1', leaseMs: 60_000, limit: 10, platforms: ['slack'] });
        expect(claims).toHaveLength(1);
        expect(claims[0]).toMatchObject({ owner: 'e1', attempts: 0, recentEntryIds: [] });
        expect(iso(claims[0]?.slot)).toBe('2026-03-23T09:00:00.000Z');
        expect(iso(claims[0]?.leaseUntil)).toBe('2026-03-23T09:01:05.000Z');
        expect(claims[0]?.subscription.id).toBe(s.id);
        expect(await h.store.claimDue({ now: new Date('2026-03-23T09:00:06Z'), owner: 'e2', leaseMs: 60_000, limit: 10, platforms: ['slack'] })).toEqual([]);
        expect((await h.store.listDeliveries(s.id, 5)).map((d) => d.status)).toEqual(['claimed']);
      });

      it('finishing moves the next slot on, records the outcome, and the slot is never handed out again', async () => {
        const s = await h.store.upsertSubscription(london());
        const [c] = await claim('2026-03-23T09:00:05Z');
        if (!c) throw new Error('no claim');
        const done = await h.store.finishClaim({
          subscriptionId: s.id, slot: c.slot, owner: 'e1', version: c.subscription.version,
          outcome: { status: 'delivered', entryId: 'cat-cow', messageRef: 'm1', attempts: 1 },
          nextSlot: new Date('2026-03-23T10:30:00Z'), now: new Date('2026-03-23T09:00:06Z'),
        });
        expect(done).toBe(true);
        const [d] = await h.store.listDeliveries(s.id, 5);
        expect(d).toMatchObject({ subscriptionId: s.id, status: 'delivered', entryId: 'cat-cow', messageRef: 'm1', attempts: 1, error: null });
        expect(iso((await h.store.getSubscription(london()))?.nextSlot)).toBe('2026-03-23T10:30:00.000Z');
        expect(await claim('2026-03-23T10:00:00Z')).toEqual([]);
        const [next] = await claim('2026-03-23T10:30:01Z');
        expect(next?.recentEntryIds).toEqual(['cat-cow']);
      });

      it('hands the same slot to another engine after the lease expires, keeping the attempt count', async () => {
        const s = await h.store.upsertSubscription(london());
        const [c] = await claim('2026-03-23T09:00:05Z', 'dead');
        expect(await claim('2026-03-23T09:01:04Z', 'e2')).toEqual([]);
        const [again] = await claim('2026-03-23T09:01:05Z', 'e2');
        expect(iso(again?.slot)).toBe(iso(c?.slot));
        expect(again?.owner).toBe('e2');
        const late = await h.store.finishClaim({
          subscriptionId: s.id, slot: c!.slot, owner: 'dead', version: c!.subscription.version,
          outcome: { status: 'delivered', entryId: 'x', messageRef: null, attempts: 1 }, nextSlot: null, now: new Date(),
        });
        expect(late).toBe(false);
        expect(await h.store.finishClaim({
          subscriptionId: s.id, slot: again!.slot, owner: 'e2', version: again!.subscription.version,
          outcome: { status: 'skipped', reason: 'stale' }, nextSlot: new Date('2026-03-23T10:30:00Z'), now: new Date(),
        })).toBe(true);
        expect((await h.store.listDeliveries(s.id, 5))[0]).toMatchObject({ status: 'skipped', error: 'stale', entryId: null });
      });

      it('keeps a schedule change made while a claim was out', async () => {
        const s = await h.store.upsertSubscription(london());
        const [c] = await claim('2026-03-23T09:00:05Z');
        h.clock.set('2026-03-23T09:00:06Z');
        await h.store.pauseSubscription(london(), new Date('2026-03-23T15:00:00Z'));
        await h.store.finishClaim({
          subscriptionId: s.id, slot: c!.slot, owner: 'e1', version: c!.subscription.version,
          outcome: { status: 'delivered', entryId: 'x', messageRef: null, attempts: 1 }, nextSlot: new Date('2026-03-23T10:30:00Z'), now: new Date(),
        });
        expect(iso((await h.store.getSubscription(london()))?.nextSlot)).toBe('2026-03-23T15:00:00.000Z');
      });

      it('defers a claim until a retry time without giving up the slot', async () => {
        const s = await h.store.upsertSubscription(london());
        const [c] = await claim('2026-03-23T09:00:05Z');
        expect(await h.store.deferClaim(s.id, 'other', new Date('2026-03-23T09:00:30Z'))).toBe(false);
        expect(await h.store.deferClaim(s.id, 'e1', new Date('2026-03-23T09:00:30Z'))).toBe(true);
        expect(await claim('2026-03-23T09:00:29Z', 'e2')).toEqual([]);
        const [again] = await claim('2026-03-23T09:00:30Z', 'e2');
        expect(iso(again?.slot)).toBe(iso(c?.slot));
      });

      it('claims at most `limit` at a time, oldest slot first', async () => {
        for (let i = 0; i < 5; i++) await h.store.upsertSubscription(london({ channel: `C${i}` }));
        const first = await claim('2026-03-23T09:00:05Z', 'e1', 3);
        const second = await claim('2026-03-23T09:00:05Z', 'e2', 3);
        expect(first).toHaveLength(3);
        expect(second).toHaveLength(2);
        expect(new Set([...first, ...second].map((c) => c.subscription.channel)).size).toBe(5);
      });

      it('reports the last delivered entries, most recent first, for rotation', async () => {
        const s = await h.store.upsertSubscription(london());
        let at = new Date('2026-03-23T09:00:05Z');
        for (const entryId of ['a', 'b', 'c']) {
          const [c] = await claim(at.toISOString());
          await h.store.finishClaim({
            subscriptionId: s.id, slot: c!.slot, owner: 'e1', version: c!.subscription.version,
            outcome: { status: 'delivered', entryId, messageRef: null, attempts: 1 }, nextSlot: new Date(c!.slot.getTime() + 5_400_000), now: at,
          });
          at = new Date(at.getTime() + 5_400_000);
        }
        const [c] = await claim(at.toISOString());
        expect(c?.recentEntryIds).toEqual(['c', 'b', 'a']);
      });
    });

    describe('installations', () => {
      it('upserts, reads, and on removal disables the workspace subscriptions', async () => {
        const first = await h.store.upsertInstallation({ platform: 'slack', workspace: 'T1', name: 'Acme', botUserId: 'B1' });
        h.clock.advance(1000);
        const second = await h.store.upsertInstallation({ platform: 'slack', workspace: 'T1', name: 'Acme Inc', botUserId: 'B1' });
        expect(second.installedAt).toEqual(first.installedAt);
        expect(second).toMatchObject({ name: 'Acme Inc' });
        expect(await h.store.getInstallation('slack', 'T1')).toEqual(second);
        await h.store.upsertSubscription(london());
        await h.store.removeInstallation('slack', 'T1');
        expect(await h.store.getInstallation('slack', 'T1')).toBeNull();
        expect((await h.store.getSubscription(london()))?.disabled?.code).toBe('uninstalled');
      });

      it('keeps sealed credentials with the installation, keeps them on a re-upsert, and drops them with it', async () => {
        expect(await h.store.saveCredentials('slack', 'T1', 'v1.sealed')).toBe(false);
        await h.store.upsertInstallation({ platform: 'slack', workspace: 'T1', name: 'Acme', botUserId: 'U1' });
        h.clock.advance(1000);
        await h.store.upsertInstallation({ platform: 'slack', workspace: 'T2', name: 'Other', botUserId: 'U2' });
        await h.store.upsertInstallation({ platform: 'discord', workspace: 'G1', name: 'Guild', botUserId: 'U3' });
        expect(await h.store.getCredentials('slack', 'T1')).toBeNull();
        expect(await h.store.saveCredentials('slack', 'T1', 'v1.one')).toBe(true);
        expect(await h.store.saveCredentials('slack', 'T2', 'v1.two')).toBe(true);
        await h.store.upsertInstallation({ platform: 'slack', workspace: 'T1', name: 'Acme Inc', botUserId: 'U1' });
        expect(await h.store.getCredentials('slack', 'T1')).toBe('v1.one');
        expect(await h.store.listCredentials('slack', 10)).toEqual([{ workspace: 'T1', sealed: 'v1.one' }, { workspace: 'T2', sealed: 'v1.two' }]);
        expect(await h.store.listCredentials('slack', 1)).toHaveLength(1);
        expect(await h.store.listCredentials('discord', 10)).toEqual([]);
        expect(JSON.stringify(await h.store.exportWorkspace('slack', 'T1'))).not.toContain('v1.one');
        await h.store.removeInstallation('slack', 'T1');
        expect(await h.store.getCredentials('slack', 'T1')).toBeNull();
        await h.store.purgeWorkspace('slack', 'T2');
        await h.store.upsertInstallation({ platform: 'slack', workspace: 'T2', name: 'Other', botUserId: 'U2' });
        expect(await h.store.getCredentials('slack', 'T2')).toBeNull();
      });
    });

    describe('counters and review', () => {
      it('counts Done clicks per channel and day', async () => {
        await h.store.recordDone('slack', 'T1', 'C1', '2026-03-23');
        await h.store.recordDone('slack', 'T1', 'C1', '2026-03-23');
        await h.store.recordDone('slack', 'T1', 'C1', '2026-03-24');
        await h.store.recordDone('slack', 'T1', 'C2', '2026-03-23');
        expect(await h.store.doneCounts(london(), '2026-03-01', '2026-03-31')).toEqual([
          { platform: 'slack', workspace: 'T1', channel: 'C1', day: '2026-03-23', count: 2 },
          { platform: 'slack', workspace: 'T1', channel: 'C1', day: '2026-03-24', count: 1 },
        ]);
      });

      it('keeps anonymous helpful / not helpful counts per entry', async () => {
        await h.store.recordFeedback('heat-or-ice', true);
        await h.store.recordFeedback('heat-or-ice', false);
        await h.store.recordFeedback('heat-or-ice', true);
        await h.store.recordFeedback('cat-cow', false);
        expect(await h.store.feedbackCounts()).toEqual([
          { entryId: 'cat-cow', helpful: 0, notHelpful: 1 },
          { entryId: 'heat-or-ice', helpful: 2, notHelpful: 1 },
        ]);
      });

      it('keeps unanswered questions (scrubbed, capped at 500 characters) for 30 days', async () => {
        h.clock.set('2026-03-01T10:00:00Z');
        await h.store.recordUnanswered('  Old   Question  ', 'no_match', 0.1);
        h.clock.set('2026-03-20T10:00:00Z');
        await h.store.recordUnanswered('x'.repeat(600), 'low_confidence', 0.35, { platform: 'slack', workspace: 'T1' });
        const list = await h.store.listUnanswered(10);
        expect(list.map((q) => [q.text.length, q.reason, q.confidence, q.platform, q.workspace])).toEqual([
          [500, 'low_confidence', 0.35, 'slack', 'T1'], [12, 'no_match', 0.1, null, null],
        ]);
        expect(list[1]?.text).toBe('old question');
        expect(await h.store.listUnanswered(10, new Date('2026-03-10T00:00:00Z'))).toHaveLength(1);
        expect(await h.store.purgeUnanswered(new Date('2026-03-31T09:59:59Z'))).toBe(0);
        expect(await h.store.purgeUnanswered(new Date('2026-03-31T10:00:01Z'))).toBe(1);
        expect(await h.store.listUnanswered(10)).toHaveLength(1);
        // A shorter retention, as QUESTION_LOG_RETENTION_DAYS sets it.
        expect(await h.store.purgeUnanswered(new Date('2026-03-27T10:00:01Z'), 7)).toBe(1);
      });

      it('drops mentions, links, addresses and long numbers from unanswered question text', async () => {
        await h.store.recordUnanswered('<@U123> ask <#C9|general>: call me on +44 7700 900123 or jo@example.com, see https://x.test/a?b=1', 'low_confidence', 0.3);
        expect((await h.store.listUnanswered(1))[0]?.text).toBe('ask : call me on or see');
      });

      it('counts votes since an instant', async () => {
        h.clock.set('2026-03-01T10:00:00Z');
        await h.store.recordFeedback('heat-or-ice', false);
        h.clock.set('2026-03-20T10:00:00Z');
        await h.store.recordFeedback('heat-or-ice', false);
        await h.store.recordFeedback('cat-cow', true);
        expect(await h.store.feedbackCounts(new Date('2026-03-10T00:00:00Z'))).toEqual([
          { entryId: 'cat-cow', helpful: 1, notHelpful: 0 },
          { entryId: 'heat-or-ice', helpful: 0, notHelpful: 1 },
        ]);
      });

      it('reports per channel: nudges sent, Done clicks, questions and answers by tag', async () => {
        const t1c1 = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
        await h.store.recordQuestion({ ...t1c1, day: '2026-03-23', kind: 'answer', tags: ['sitting', 'hip-flexors', 'sitting'] });
        await h.store.recordQuestion({ ...t1c1, day: '2026-03-23', kind: 'answer', tags: ['sitting'] });
        await h.store.recordQuestion({ ...t1c1, day: '2026-03-24', kind: 'out_of_scope', tags: [] });
        await h.store.recordQuestion({ ...t1c1, day: '2026-02-01', kind: 'answer', tags: ['sleep'] });
        await h.store.recordQuestion({ ...t1c1, workspace: 'T2', day: '2026-03-23', kind: 'clarify', tags: [] });
        await h.store.recordDone('slack', 'T1', 'C1', '2026-03-23');
        await h.store.recordDone('slack', 'T1', 'C3', '2026-03-23');
        const sub = await h.store.upsertSubscription(london());
        const [c] = await claim('2026-03-23T09:00:00Z');
        await h.store.finishClaim({ subscriptionId: sub.id, slot: c!.slot, owner: 'e1', version: sub.version, outcome: { status: 'delivered', entryId: 'cat-cow', messageRef: null, attempts: 1 }, nextSlot: null, now: new Date('2026-03-23T09:00:01Z') });
        const stats = await h.store.channelStats({ platform: 'slack', workspace: 'T1', fromDay: '2026-03-01', toDay: '2026-03-31' });
        expect(stats).toEqual([
          { ...t1c1, nudgesSent: 1, doneClicks: 1, questions: 3, answered: 2, byTag: { sitting: 2, 'hip-flexors': 1 } },
          { ...t1c1, channel: 'C3', nudgesSent: 0, doneClicks: 1, questions: 0, answered: 0, byTag: {} },
        ]);
        expect((await h.store.channelStats({ fromDay: '2026-03-01', toDay: '2026-03-31' })).map((r) => `${r.workspace}/${r.channel}`)).toEqual(['T1/C1', 'T1/C3', 'T2/C1']);
      });

      it('leaves personal nudges (@user) out of channel stats, and forgets their Done counts with them', async () => {
        await h.store.recordDone('slack', 'T1', '@U1', '2026-03-23');
        const me = await h.store.upsertSubscription({ ...london(), channel: '@U1' });
        const [c] = await claim('2026-03-23T09:00:00Z');
        await h.store.finishClaim({ subscriptionId: me.id, slot: c!.slot, owner: 'e1', version: me.version, outcome: { status: 'delivered', entryId: 'cat-cow', messageRef: null, attempts: 1 }, nextSlot: null, now: new Date('2026-03-23T09:00:01Z') });
        expect(await h.store.channelStats({ fromDay: '2026-03-01', toDay: '2026-03-31' })).toEqual([]);
        expect(await h.store.doneCounts({ platform: 'slack', workspace: 'T1', channel: '@U1' }, '2026-03-23', '2026-03-23')).toHaveLength(1);
        await h.store.recordDone('slack', 'T1', 'C1', '2026-03-23');
        expect(await h.store.removeSubscription({ platform: 'slack', workspace: 'T1', channel: '@U1' })).toBe(true);
        expect(await h.store.doneCounts({ platform: 'slack', workspace: 'T1', channel: '@U1' }, '2026-03-23', '2026-03-23')).toEqual([]);
        expect(await h.store.doneCounts({ platform: 'slack', workspace: 'T1', channel: 'C1' }, '2026-03-23', '2026-03-23')).toHaveLength(1);
      });
    });

    describe("one workspace's data", () => {
      const seed = async () => {
        await h.store.upsertInstallation({ platform: 'slack', workspace: 'T1', name: 'Acme', botUserId: 'U_BOT' });
        await h.store.upsertInstallation({ platform: 'slack', workspace: 'T2', name: 'Other', botUserId: 'U_BOT2' });
        const sub = await h.store.upsertSubscription(london());
        await h.store.upsertSubscription(london({ workspace: 'T2' }));
        await claim('2026-03-23T09:00:00Z');
        await h.store.recordDone('slack', 'T1', 'C1', '2026-03-23');
        await h.store.recordDone('slack', 'T2', 'C1', '2026-03-23');
        await h.store.recordQuestion({ platform: 'slack', workspace: 'T1', channel: 'C1', day: '2026-03-23', kind: 'answer', tags: ['sitting'] });
        await h.store.recordUnanswered('how do I fix my chair', 'low_confidence', 0.3, { platform: 'slack', workspace: 'T1' });
        await h.store.recordUnanswered('other workspace question', 'low_confidence', 0.3, { platform: 'slack', workspace: 'T2' });
        await h.store.contexts.set('slack:T1:C1:1.0', ctx(1), new Date('2026-03-23T10:00:00Z'));
        await h.store.contexts.set('slack:T11:C1:1.0', ctx(2), new Date('2026-03-23T10:00:00Z'));
        await h.store.saveUploadedImage('slack', 'T1', 'stretch-bird-dog:abc', 'F1');
        await h.store.saveUploadedImage('slack', 'T2', 'stretch-bird-dog:abc', 'F2');
        return sub;
      };

      it('exports everything stored about a workspace and nothing of another', async () => {
        const sub = await seed();
        const data = await h.store.exportWorkspace('slack', 'T1');
        expect(data.installation?.name).toBe('Acme');
        expect(data.subscriptions.map((s) => s.id)).toEqual([sub.id]);
        expect(data.deliveries.map((d) => [d.subscriptionId, d.status])).toEqual([[sub.id, 'claimed']]);
        expect(data.doneCounts).toEqual([{ platform: 'slack', workspace: 'T1', channel: 'C1', day: '2026-03-23', count: 1 }]);
        expect(data.questionCounts.map((q) => [q.kind, q.tag, q.count])).toEqual([['answer', '', 1], ['answer', 'sitting', 1]]);
        expect(data.unansweredQuestions.map((q) => q.text)).toEqual(['how do i fix my chair']);
        expect(data.conversationContexts).toEqual([{ conversation: 'slack:T1:C1:1.0', context: ctx(1), expiresAt: new Date('2026-03-23T10:00:00Z') }]);
        const empty = await h.store.exportWorkspace('discord', 'T1');
        expect([empty.installation, empty.subscriptions, empty.unansweredQuestions, empty.conversationContexts]).toEqual([null, [], [], []]);
      });

      it('purges everything stored about a workspace and leaves others alone', async () => {
        await seed();
        expect(await h.store.purgeWorkspace('slack', 'T1')).toEqual({
          installations: 1, subscriptions: 1, deliveries: 1, doneCounts: 1, questionCounts: 2, unansweredQuestions: 1, conversationContexts: 1, uploadedImages: 1,
        });
        const after = await h.store.exportWorkspace('slack', 'T1');
        expect([after.installation, after.subscriptions, after.deliveries, after.doneCounts, after.questionCounts, after.unansweredQuestions, after.conversationContexts])
          .toEqual([null, [], [], [], [], [], []]);
        const other = await h.store.exportWorkspace('slack', 'T2');
        expect([other.installation?.name, other.subscriptions.length, other.doneCounts.length, other.unansweredQuestions.length]).toEqual(['Other', 1, 1, 1]);
        expect(await h.store.contexts.get('slack:T11:C1:1.0', new Date('2026-03-23T09:00:00Z'))).toEqual(ctx(2));
        expect(await h.store.getUploadedImage('slack', 'T2', 'stretch-bird-dog:abc')).toBe('F2');
        expect(Object.values(await h.store.purgeWorkspace('slack', 'T1')).every((n) => n === 0)).toBe(true);
      });
    });

    describe('uploaded illustrations', () => {
      it('remembers a file id per workspace and image key, and keeps the newer one', async () => {
        expect(await h.store.getUploadedImage('slack', 'T1', 'stretch-bird-dog:abc')).toBeNull();
        await h.store.saveUploadedImage('slack', 'T1', 'stretch-bird-dog:abc', 'F1');
        await h.store.saveUploadedImage('slack', 'T2', 'stretch-bird-dog:abc', 'F2');
        expect(await h.store.getUploadedImage('slack', 'T1', 'stretch-bird-dog:abc')).toBe('F1');
        expect(await h.store.getUploadedImage('slack', 'T1', 'stretch-bird-dog:def')).toBeNull();
        expect(await h.store.getUploadedImage('discord', 'T1', 'stretch-bird-dog:abc')).toBeNull();
        await h.store.saveUploadedImage('slack', 'T1', 'stretch-bird-dog:abc', 'F3');
        expect(await h.store.getUploadedImage('slack', 'T1', 'stretch-bird-dog:abc')).toBe('F3');
        expect(await h.store.getUploadedImage('slack', 'T2', 'stretch-bird-dog:abc')).toBe('F2');
        await h.store.forgetUploadedImage('slack', 'T1', 'stretch-bird-dog:abc');
        expect(await h.store.getUploadedImage('slack', 'T1', 'stretch-bird-dog:abc')).toBeNull();
        expect(await h.store.getUploadedImage('slack', 'T2', 'stretch-bird-dog:abc')).toBe('F2');
      });
    });

    describe('platform events', () => {
      it('takes an event id once within ten minutes, and again after', async () => {
        const t0 = new Date('2026-03-23T09:00:00Z');
        expect(await h.store.claimEvent('slack:Ev1', t0)).toBe(true);
        expect(await h.store.claimEvent('slack:Ev1', new Date(t0.getTime() + 5 * 60_000))).toBe(false);
        expect(await h.store.claimEvent('slack:Ev2', t0)).toBe(true);
        expect(await h.store.claimEvent('slack:Ev1', new Date(t0.getTime() + 11 * 60_000))).toBe(true);
      });

      it('lets exactly one of many concurrent claims of an event win', async () => {
        const t0 = new Date('2026-03-23T09:00:00Z');
        const wins = await Promise.all(Array.from({ length: 8 }, () => h.store.claimEvent('slack:EvRace', t0)));
        expect(wins.filter(Boolean)).toHaveLength(1);
      });

      it('purges event ids older than an hour', async () => {
        await h.store.claimEvent('slack:Old', new Date('2026-03-23T08:00:00Z'));
        await h.store.claimEvent('slack:New', new Date('2026-03-23T08:59:00Z'));
        expect(await h.store.purgeSeenEvents(new Date('2026-03-23T09:30:00Z'))).toBe(1);
      });
    });

    describe('conversation context', () => {
      it('returns context until it expires, then purges it', async () => {
        const c = h.store.contexts;
        await c.set('slack:C1:1', ctx(1), new Date('2026-03-23T09:30:00Z'));
        await c.set('slack:C1:2', ctx(2), new Date('2026-03-23T10:30:00Z'));
        expect(await c.get('slack:C1:1', new Date('2026-03-23T09:29:59Z'))).toEqual(ctx(1));
        expect(await c.get('slack:C1:1', new Date('2026-03-23T09:30:00Z'))).toBeNull();
        await c.set('slack:C1:2', ctx(3), new Date('2026-03-23T11:30:00Z'));
        expect(await c.get('slack:C1:2', new Date('2026-03-23T11:00:00Z'))).toEqual(ctx(3));
        expect(await c.get('nope', new Date())).toBeNull();
        expect(await c.purgeExpired(new Date('2026-03-23T10:00:00Z'))).toBe(1);
        expect(await c.purgeExpired(new Date('2026-03-23T10:00:00Z'))).toBe(0);
      });
    });
  });
}
