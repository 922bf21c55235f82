// Personal nudges on the person's own clock: the zone comes from their profile, is re-read at most
// daily before a post, and a person who is gone is unsubscribed. The engine runs on a manual clock.
import { beforeEach, describe, expect, it } from 'vitest';
import { createNudgeEngine } from '../../../src/nudges/engine.js';
import { createNudgeManager } from '../../../src/nudges/manage.js';
import { profileZoneDue } from '../../../src/nudges/profile-zone.js';
import { personalTarget, personOf } from '../../../src/nudges/schedule.js';
import type { ProfileZone } from '../../../src/nudges/sink.js';
import { MemoryStore } from '../../../src/store/memory.js';
import { manualClock, type ManualClock } from '../store/contract.js';
import { FakeSink, fakeCatalog, silentLog } from './fakes.js';

/** A FakeSink whose platform has profiles: answers from `zone`, and counts the reads. */
class ProfileSink extends FakeSink {
  zone: ProfileZone = { kind: 'found', tz: 'Europe/Paris' };
  reads = 0;
  async profileZone(): Promise<ProfileZone> {
    this.reads++;
    return this.zone;
  }
}

const ALICE = { platform: 'slack' as const, workspace: 'T1', user: 'U_ALICE' };
const target = personalTarget('slack', 'T1', 'U_ALICE');
let clock: ManualClock;
let store: MemoryStore;
let sink: ProfileSink;
const manager = () => createNudgeManager({ store, clock, routines: fakeCatalog(), defaultTz: 'UTC' });
const engine = () => createNudgeEngine({ store, sinks: [sink], routines: fakeCatalog(), log: silentLog, clock, owner: 'e1', sleep: async () => {}, random: () => 0.5 });
const turnOn = (words: string[]) => manager().turnOnPersonal(ALICE, words, () => sink.profileZone(), async () => true);
async function tickAt(iso: string) {
  clock.set(iso);
  return engine().tick(clock.now());
}
const postedSlots = () => sink.posted.map((n) => n.slot);

beforeEach(() => {
  clock = manualClock('2026-03-26T06:00:00Z'); // Thursday
  store = new MemoryStore(clock);
  sink = new ProfileSink('slack');
});

describe('personal targets', () => {
  it('address the person behind @ and never a channel', () => {
    expect(target).toEqual({ platform: 'slack', workspace: 'T1', channel: '@U_ALICE' });
    expect(personOf(target)).toBe('U_ALICE');
    expect(personOf({ channel: 'C123' })).toBeNull();
    expect(personOf({ channel: '@' })).toBeNull();
  });
});

describe('turning personal nudges on', () => {
  it('takes the zone from the profile and follows it', async () => {
    const r = await turnOn(['every', '90m', 'hours', '9-17', 'days', 'mon-fri']);
    expect(r).toMatchObject({ kind: 'on', status: { state: 'active', tz: 'Europe/Paris', personal: { zoneFrom: 'profile', doneLast7Days: 0 } } });
    const sub = await store.getSubscription(target);
    expect(sub).toMatchObject({ tz: 'Europe/Paris', tzFromProfile: true, tzCheckedAt: clock.now(), createdBy: 'U_ALICE' });
    expect(sub?.nextSlot?.toISOString()).toBe('2026-03-26T08:00:00.000Z'); // 09:00 in Paris (CET)
  });

  it('keeps a zone given with tz and does not read the profile', async () => {
    const r = await turnOn(['tz', 'Asia/Tokyo']);
    expect(r).toMatchObject({ kind: 'on', status: { tz: 'Asia/Tokyo', personal: { zoneFrom: 'given' } } });
    expect(sink.reads).toBe(0);
    expect(await store.getSubscription(target)).toMatchObject({ tzFromProfile: false, tzCheckedAt: null });
  });

  it('falls back to the default zone when the profile cannot be read now, and reads it before the first post', async () => {
    sink.zone = { kind: 'unavailable', code: 'ratelimited' };
    await turnOn([]);
    expect(await store.getSubscription(target)).toMatchObject({ tz: 'UTC', tzFromProfile: true, tzCheckedAt: null });
    sink.zone = { kind: 'found', tz: 'Europe/Paris' };
    // 09:00 UTC is 10:00 in Paris: not a Paris slot, so it is skipped and the next one is 09:00 Paris tomorrow.
    expect(await tickAt('2026-03-26T09:00:05Z')).toMatchObject({ skipped: 1, delivered: 0 });
    expect((await store.getSubscription(target))?.tz).toBe('Europe/Paris');
    expect((await store.getSubscription(target))?.nextSlot?.toISOString()).toBe('2026-03-26T09:30:00.000Z');
  });

  it('uses the default zone, not followed, where profiles carry no zone (Discord)', async () => {
    const r = await manager().turnOnPersonal({ ...ALICE, platform: 'discord', workspace: 'dm' }, [], async () => ({ kind: 'found', tz: null }), async () => true);
    expect(r).toMatchObject({ kind: 'on', status: { tz: 'UTC', personal: { zoneFrom: 'given' } } });
    expect(await store.getSubscription(personalTarget('discord', 'dm', 'U_ALICE'))).toMatchObject({ tzFromProfile: false, tzCheckedAt: null });
  });

  it('answers not_here and stores nothing when the DM cannot be written to', async () => {
    const r = await manager().turnOnPersonal(ALICE, [], () => sink.profileZone(), async () => false);
    expect(r).toEqual({ kind: 'not_here' });
    expect(await store.getSubscription(target)).toBeNull();
  });

  it('rejects a malformed option with the one-line problem', async () => {
    expect(await turnOn(['every', '10m'])).toEqual({ kind: 'invalid', problem: 'every: expected 30m to 8h, e.g. 90m or 2h (got "10m")' });
  });
});

describe('time zones on the person\'s own clock', () => {
  it('keeps 09:00 local across the spring DST change (Paris, 29 March 2026)', async () => {
    await turnOn(['every', '4h', 'hours', '9-17', 'days', 'mon-fri']);
    await tickAt('2026-03-27T08:00:05Z'); // Friday 09:00 CET
    await tickAt('2026-03-27T12:00:05Z'); // Friday 13:00 CET
    await tickAt('2026-03-30T07:00:05Z'); // Monday 09:00 CEST
    expect(postedSlots()).toEqual(['2026-03-27T08:00:00.000Z', '2026-03-27T12:00:00.000Z', '2026-03-30T07:00:00.000Z']);
  });

  it('posts at 09:00 for a person in UTC+5:30 (Asia/Kolkata)', async () => {
    sink.zone = { kind: 'found', tz: 'Asia/Kolkata' };
    clock.set('2026-03-25T20:00:00Z'); // Thursday 01:30 in Kolkata
    await turnOn(['every', '90m', 'hours', '9-17']);
    expect((await store.getSubscription(target))?.nextSlot?.toISOString()).toBe('2026-03-26T03:30:00.000Z');
    // Node's ICU names the zone by its older alias; either spelling is the same zone, read after read.
    expect(['Asia/Kolkata', 'Asia/Calcutta']).toContain((await store.getSubscription(target))?.tz);
    await tickAt('2026-03-26T03:30:05Z');
    await tickAt('2026-03-26T05:00:05Z'); // 10:30 IST
    await tickAt('2026-03-27T03:30:05Z'); // a day later: read again, no move
    expect(sink.reads).toBe(2);
    expect(postedSlots()).toEqual(['2026-03-26T03:30:00.000Z', '2026-03-26T05:00:00.000Z', '2026-03-27T03:30:00.000Z']);
  });

  it('reads the profile again only after a day', async () => {
    await turnOn(['every', '90m']);
    expect(sink.reads).toBe(1);
    await tickAt('2026-03-26T08:00:05Z');
    await tickAt('2026-03-26T09:30:05Z');
    expect(sink.reads).toBe(1);
    await tickAt('2026-03-27T08:00:05Z'); // 26 h after the read at turn-on
    expect(sink.reads).toBe(2);
    expect(postedSlots()).toHaveLength(3);
  });

  it('follows a person who moves from Paris to New York: the Paris slot is skipped, the next is 09:00 in New York', async () => {
    await turnOn(['every', '90m', 'hours', '9-17']);
    await tickAt('2026-03-26T08:00:05Z'); // Thursday 09:00 Paris
    sink.zone = { kind: 'found', tz: 'America/New_York' };
    // Thursday's later slots went by unposted (stale); Friday 09:00 Paris is 04:00 in New York.
    expect(await tickAt('2026-03-27T08:00:05Z')).toMatchObject({ delivered: 0 });
    const sub = await store.getSubscription(target);
    expect(sub).toMatchObject({ tz: 'America/New_York', tzCheckedAt: new Date('2026-03-27T08:00:05Z') });
    expect(sub?.nextSlot?.toISOString()).toBe('2026-03-27T13:00:00.000Z'); // 09:00 EDT
    expect((await store.listDeliveries(sub!.id, 5)).map((d) => d.error)).toContain('tz_changed');
    await tickAt('2026-03-27T13:00:05Z');
    expect(postedSlots()).toEqual(['2026-03-26T08:00:00.000Z', '2026-03-27T13:00:00.000Z']);
  });

  it('still posts a slot that exists in the new zone too (a move within the same offset)', async () => {
    await turnOn(['every', '90m', 'hours', '9-17']);
    await tickAt('2026-03-26T08:00:05Z');
    sink.zone = { kind: 'found', tz: 'Europe/Berlin' };
    expect(await tickAt('2026-03-27T08:00:05Z')).toMatchObject({ delivered: 1 });
    expect((await store.getSubscription(target))?.tz).toBe('Europe/Berlin');
  });

  it('keeps the zone it has when the profile has none or an unknown one', async () => {
    await turnOn([]);
    sink.zone = { kind: 'found', tz: 'Mars/Olympus' };
    expect(await tickAt('2026-03-27T08:00:05Z')).toMatchObject({ delivered: 1 });
    expect((await store.getSubscription(target))?.tz).toBe('Europe/Paris');
  });

  it('says when a profile zone is due for a read', () => {
    const now = new Date('2026-03-27T08:00:00Z');
    const base = { channel: '@U1', tzFromProfile: true };
    expect(profileZoneDue({ ...base, tzCheckedAt: null }, now)).toBe(true);
    expect(profileZoneDue({ ...base, tzCheckedAt: new Date('2026-03-26T08:00:01Z') }, now)).toBe(false);
    expect(profileZoneDue({ ...base, tzCheckedAt: new Date('2026-03-26T08:00:00Z') }, now)).toBe(true);
    expect(profileZoneDue({ ...base, tzFromProfile: false, tzCheckedAt: null }, now)).toBe(false);
    expect(profileZoneDue({ channel: 'C1', tzFromProfile: true, tzCheckedAt: null }, now)).toBe(false);
  });
});

describe('a person who is gone', () => {
  it('is unsubscribed when the profile read says so', async () => {
    await turnOn([]);
    sink.zone = { kind: 'gone', code: 'user_not_found' };
    expect(await tickAt('2026-03-27T08:00:05Z')).toMatchObject({ disabled: 1, delivered: 0 });
    expect(await store.getSubscription(target)).toBeNull();
  });

  it('is unsubscribed on the first permanent post error (blocked the bot), not retried or kept disabled', async () => {
    await turnOn([]);
    sink.answer({ ok: false, failure: { kind: 'permanent', code: 'cannot_dm_bot', message: 'x' } });
    expect(await tickAt('2026-03-26T08:00:05Z')).toMatchObject({ disabled: 1 });
    expect(sink.attempts).toHaveLength(1);
    expect(await store.getSubscription(target)).toBeNull();
  });
});

describe('Done, Snooze and status for a person', () => {
  it('counts Done for the person only: in their status, never in channel stats', async () => {
    const m = manager();
    await turnOn([]);
    await tickAt('2026-03-26T08:00:05Z');
    const sub = await store.getSubscription(target);
    expect(await m.press('done', sink.posted[0]!.routine.entry.entryId, sub!.id, null, 'U_ALICE')).toEqual({ kind: 'done' });
    expect(await m.press('done', sink.posted[0]!.routine.entry.entryId, null, target, 'U_ALICE')).toEqual({ kind: 'done' });
    expect(await m.status(target)).toMatchObject({ state: 'active', personal: { doneLast7Days: 2 } });
    expect(await store.channelStats({ fromDay: '2026-03-20', toDay: '2026-03-31' })).toEqual([]);
    expect(await m.statusesBy('slack', 'T1', 'U_ALICE')).toEqual([]);
  });

  it('ignores a button naming someone else\'s personal subscription (a forged value)', async () => {
    const m = manager();
    await turnOn([]);
    const sub = await store.getSubscription(target);
    expect(await m.press('snooze', 'cat-cow', sub!.id, null, 'U_MALLORY')).toEqual({ kind: 'no_subscription' });
    expect(await m.press('done', 'cat-cow', sub!.id, personalTarget('slack', 'T1', 'U_MALLORY'), 'U_MALLORY')).toEqual({ kind: 'done' });
    expect((await store.getSubscription(target))?.pausedUntil).toBeNull();
    expect(await m.status(target)).toMatchObject({ personal: { doneLast7Days: 0 } });
    expect(await m.press('snooze', 'cat-cow', sub!.id, null, 'U_ALICE')).toMatchObject({ kind: 'snoozed' });
  });

  it('snoozes the person\'s own nudges for an hour', async () => {
    const m = manager();
    await turnOn([]);
    await tickAt('2026-03-26T08:00:05Z');
    const sub = await store.getSubscription(target);
    const r = await m.press('snooze', sink.posted[0]!.routine.entry.entryId, sub!.id, null, 'U_ALICE');
    expect(r).toMatchObject({ kind: 'snoozed', target, until: new Date('2026-03-26T09:00:05Z') });
    expect((await store.getSubscription(target))?.nextSlot?.toISOString()).toBe('2026-03-26T09:30:00.000Z');
  });
});
