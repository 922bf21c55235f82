import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnswerReplySchema } from '../../../src/core/reply-schema.js';
import { createNudgeEngine, type NudgeEngineOptions } from '../../../src/nudges/engine.js';
import { MemoryStore } from '../../../src/store/memory.js';
import { london, manualClock, type ManualClock } from '../store/contract.js';
import { FakeSink, fakeCatalog, silentLog } from './fakes.js';

const at = (s: string) => new Date(s);
let clock: ManualClock;
let store: MemoryStore;
let sink: FakeSink;
let sleeps: number[];

function engine(over: Partial<NudgeEngineOptions> = {}) {
  return createNudgeEngine({
    store, sinks: [sink], routines: fakeCatalog(), log: silentLog, clock, owner: 'e1',
    sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, ...over,
  });
}
/** Moves the clock and ticks, as the real timer would. */
async function tickAt(e: ReturnType<typeof engine>, iso: string) {
  clock.set(iso);
  return e.tick(clock.now());
}

beforeEach(async () => {
  clock = manualClock('2026-03-23T08:00:00Z'); // Monday; London on GMT
  store = new MemoryStore(clock);
  sink = new FakeSink('slack');
  sleeps = [];
  await store.upsertSubscription(london());
});

describe('nudge engine', () => {
  it('posts each slot once, at its time, with the routine and its target', async () => {
    const e = engine();
    expect((await tickAt(e, '2026-03-23T08:59:59Z')).claimed).toBe(0);
    const report = await tickAt(e, '2026-03-23T09:00:10Z');
    expect(report).toMatchObject({ claimed: 1, delivered: 1 });
    await tickAt(e, '2026-03-23T09:00:25Z');
    expect(sink.posted).toHaveLength(1);
    const nudge = sink.posted[0]!;
    expect(nudge.slot).toBe('2026-03-23T09:00:00.000Z');
    expect(nudge.target).toEqual({ platform: 'slack', workspace: 'T1', channel: 'C1' });
    expect(AnswerReplySchema.parse(nudge.routine)).toMatchObject({ kind: 'answer', durationS: 90 });
    expect(nudge.routine.steps.length).toBeGreaterThan(0);
    expect(nudge.routine.cautions.length).toBeGreaterThan(0);
    expect((await store.getSubscription(london()))?.nextSlot).toEqual(at('2026-03-23T10:30:00Z'));
    await tickAt(e, '2026-03-23T10:30:05Z');
    expect(sink.posted.map((n) => n.slot)).toEqual(['2026-03-23T09:00:00.000Z', '2026-03-23T10:30:00.000Z']);
  });

  it('rotates routines so none repeats within the last 5 posts', async () => {
    const e = engine();
    for (let day = 23; day <= 27; day++) {
      for (const hm of ['09:00', '10:30', '12:00', '13:30', '15:00', '16:30']) await tickAt(e, `2026-03-${day}T${hm}:01Z`);
    }
    const ids = sink.posted.map((n) => n.routine.entry.entryId);
    expect(ids).toHaveLength(30);
    for (let i = 0; i < ids.length; i++) expect(ids.slice(Math.max(0, i - 5), i)).not.toContain(ids[i]);
  });

  it('narrows routines to the focus tags', async () => {
    await store.upsertSubscription(london({ focusTags: ['desk'] }));
    const e = engine();
    for (const hm of ['09:00', '10:30', '12:00', '13:30']) await tickAt(e, `2026-03-23T${hm}:01Z`);
    expect(new Set(sink.posted.map((n) => n.routine.entry.entryId))).toEqual(new Set(['seated-figure-four', 'chin-tucks']));
  });

  it('posts a slot up to 10 minutes late after downtime', async () => {
    await tickAt(engine(), '2026-03-23T09:09:59Z');
    expect(sink.posted.map((n) => n.slot)).toEqual(['2026-03-23T09:00:00.000Z']);
  });

  it('skips a slot missed by more than 10 minutes instead of bursting, and catches up with the next timely one', async () => {
    const sub = (await store.getSubscription(london()))!;
    const report = await tickAt(engine(), '2026-03-23T12:05:00Z');
    expect(report).toMatchObject({ skipped: 1, delivered: 1 });
    expect(sink.posted.map((n) => n.slot)).toEqual(['2026-03-23T12:00:00.000Z']);
    expect((await store.listDeliveries(sub.id, 10)).map((d) => [d.slot.toISOString(), d.status, d.error])).toEqual([
      ['2026-03-23T12:00:00.000Z', 'delivered', null],
      ['2026-03-23T09:00:00.000Z', 'skipped', 'stale'],
    ]);
  });

  it('retries transient errors with exponential backoff and jitter, 3 tries in all', async () => {
    sink.answer({ ok: false, failure: { kind: 'transient', message: 'timeout' } }, new Error('socket hang up'));
    const report = await tickAt(engine(), '2026-03-23T09:00:01Z');
    expect(report.delivered).toBe(1);
    expect(sink.attempts).toHaveLength(3);
    expect(sleeps).toEqual([750, 1500]); // 1 s then 2 s, each half fixed and half random (random() = 0.5)
    const sub = (await store.getSubscription(london()))!;
    expect((await store.listDeliveries(sub.id, 1))[0]).toMatchObject({ status: 'delivered', attempts: 3 });
  });

  it('gives up on a slot after 3 transient failures and posts the next one', async () => {
    const transient = { ok: false as const, failure: { kind: 'transient' as const, message: '503' } };
    sink.answer(transient, transient, transient);
    const e = engine();
    expect((await tickAt(e, '2026-03-23T09:00:01Z')).failed).toBe(1);
    expect(sink.attempts).toHaveLength(3);
    const sub = (await store.getSubscription(london()))!;
    expect(sub.disabled).toBeNull();
    expect((await store.listDeliveries(sub.id, 1))[0]).toMatchObject({ status: 'failed', error: 'transient', attempts: 3 });
    await tickAt(e, '2026-03-23T10:30:01Z');
    expect(sink.posted.map((n) => n.slot)).toEqual(['2026-03-23T10:30:00.000Z']);
  });

  it('honours a short Retry-After in place', async () => {
    sink.answer({ ok: false, failure: { kind: 'rate_limited', retryAfterMs: 5_000 } });
    expect((await tickAt(engine(), '2026-03-23T09:00:01Z')).delivered).toBe(1);
    expect(sleeps).toEqual([5_000]);
  });

  it('honours a long Retry-After by giving the slot back until then, and posts it once after', async () => {
    sink.answer({ ok: false, failure: { kind: 'rate_limited', retryAfterMs: 120_000 } });
    const e = engine();
    expect((await tickAt(e, '2026-03-23T09:00:01Z')).deferred).toBe(1);
    expect((await tickAt(e, '2026-03-23T09:02:00Z')).claimed).toBe(0);
    expect((await tickAt(e, '2026-03-23T09:02:01Z')).delivered).toBe(1);
    await tickAt(e, '2026-03-23T09:02:20Z');
    expect(sink.posted.map((n) => n.slot)).toEqual(['2026-03-23T09:00:00.000Z']);
    expect(sleeps).toEqual([]);
  });

  it('disables the subscription on a permanent error and records why for status', async () => {
    sink.answer({ ok: false, failure: { kind: 'permanent', code: 'channel_not_found', message: 'the channel no longer exists' } });
    const e = engine();
    expect((await tickAt(e, '2026-03-23T09:00:01Z')).disabled).toBe(1);
    const sub = (await store.getSubscription(london()))!;
    expect(sub.disabled).toMatchObject({ code: 'channel_not_found', message: 'the channel no longer exists' });
    expect(sub.nextSlot).toBeNull();
    await tickAt(e, '2026-03-23T10:30:01Z');
    expect(sink.attempts).toHaveLength(1);
  });

  it('delivers a slot claimed by a process that died before posting, once, after the lease expires', async () => {
    await store.claimDue({ now: at('2026-03-23T09:00:02Z'), owner: 'dead', leaseMs: 60_000, limit: 10, platforms: ['slack'] });
    const e = engine();
    expect((await tickAt(e, '2026-03-23T09:00:20Z')).claimed).toBe(0);
    expect((await tickAt(e, '2026-03-23T09:01:01Z')).claimed).toBe(0);
    expect((await tickAt(e, '2026-03-23T09:01:02Z')).delivered).toBe(1);
    await tickAt(e, '2026-03-23T09:01:20Z');
    expect(sink.posted.map((n) => n.slot)).toEqual(['2026-03-23T09:00:00.000Z']);
  });

  it('gives a claim back when stopped during a retry wait, so another engine posts the slot at once', async () => {
    sink.answer({ ok: false, failure: { kind: 'transient', message: 'timeout' } });
    let waiting!: () => void;
    const inWait = new Promise<void>((r) => (waiting = r));
    // A retry wait that never ends by itself: only stop() can end it.
    const e = engine({ sleep: () => (waiting(), new Promise<void>(() => {})) });
    clock.set('2026-03-23T09:00:01Z');
    const ticking = e.tick(clock.now());
    await inWait;
    await e.stop();
    expect(await ticking).toMatchObject({ claimed: 1, deferred: 1, delivered: 0 });
    const other = engine({ owner: 'e2' });
    expect(await other.tick(clock.now())).toMatchObject({ claimed: 1, delivered: 1 });
    expect(sink.posted.map((n) => n.slot)).toEqual(['2026-03-23T09:00:00.000Z']);
  });

  it('leaves subscriptions of platforms it has no sink for', async () => {
    await store.upsertSubscription(london({ platform: 'discord', workspace: 'G1' }));
    const report = await tickAt(engine(), '2026-03-23T09:00:01Z');
    expect(report.claimed).toBe(1);
    expect((await store.getSubscription(london({ platform: 'discord', workspace: 'G1' })))?.nextSlot).toEqual(at('2026-03-23T09:00:00Z'));
  });

  it('records a skip when there is no routine to post', async () => {
    const report = await tickAt(engine({ routines: { routines: [], render: () => null } }), '2026-03-23T09:00:01Z');
    expect(report).toMatchObject({ skipped: 1, delivered: 0 });
  });

  it('does not post while paused, and posts again after the pause', async () => {
    await store.pauseSubscription(london(), at('2026-03-23T12:00:00Z'));
    const e = engine();
    await tickAt(e, '2026-03-23T09:00:01Z');
    await tickAt(e, '2026-03-23T10:30:01Z');
    await tickAt(e, '2026-03-23T12:00:01Z');
    expect(sink.posted.map((n) => n.slot)).toEqual(['2026-03-23T12:00:00.000Z']);
  });

  it('purges expired context and unanswered questions past 30 days, at most hourly', async () => {
    await store.contexts.set('c1', { lastEntryId: null, lastTags: [], offered: [], crisis: false, safety: [], turns: 1 }, at('2026-03-23T08:30:00Z'));
    clock.set('2026-02-01T00:00:00Z');
    await store.recordUnanswered('old', 'no_match', 0);
    const e = engine();
    expect((await tickAt(e, '2026-03-23T09:00:01Z')).purged).toBe(2);
    await store.contexts.set('c2', { lastEntryId: null, lastTags: [], offered: [], crisis: false, safety: [], turns: 1 }, at('2026-03-23T09:10:00Z'));
    expect((await tickAt(e, '2026-03-23T09:30:00Z')).purged).toBe(0);
    expect((await tickAt(e, '2026-03-23T10:00:02Z')).purged).toBe(1);
  });

  it('runs retention on the configured schedule and keeps question text the configured days', async () => {
    clock.set('2026-03-21T00:00:00Z');
    await store.recordUnanswered('asked on saturday', 'low_confidence', 0.3);
    const e = engine({ retention: { everyMs: 10 * 60_000, questionDays: 3 } });
    expect((await tickAt(e, '2026-03-23T09:00:01Z')).purged).toBe(0);
    await store.contexts.set('c3', { lastEntryId: null, lastTags: [], offered: [], crisis: false, safety: [], turns: 1 }, at('2026-03-23T09:05:00Z'));
    expect((await tickAt(e, '2026-03-23T09:09:00Z')).purged).toBe(0);
    expect((await tickAt(e, '2026-03-23T09:10:01Z')).purged).toBe(1);
    expect((await tickAt(e, '2026-03-24T00:00:01Z')).purged).toBe(1);
  });

  describe('timer', () => {
    afterEach(() => vi.useRealTimers());
    it('ticks at start and every tickMs until stopped', async () => {
      vi.useFakeTimers();
      clock.set('2026-03-23T09:00:01Z');
      const e = engine({ tickMs: 15_000 });
      const tick = vi.spyOn(store, 'claimDue');
      e.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(sink.posted).toHaveLength(1);
      const before = tick.mock.calls.length;
      await vi.advanceTimersByTimeAsync(15_000);
      expect(tick.mock.calls.length).toBeGreaterThan(before);
      await e.stop();
      const after = tick.mock.calls.length;
      await vi.advanceTimersByTimeAsync(60_000);
      expect(tick.mock.calls.length).toBe(after);
    });
  });
});
