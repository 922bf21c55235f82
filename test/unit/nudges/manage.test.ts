import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/common/clock.js';
import { createAssistant } from '../../../src/core/assistant.js';
import { createNudgeManager, nudgeStatus } from '../../../src/nudges/manage.js';
import { routineCatalogFromKnowledge } from '../../../src/nudges/routines.js';
import { MemoryStore } from '../../../src/store/memory.js';

const NOW = new Date('2026-03-24T08:00:00Z');
const target = { platform: 'discord' as const, workspace: 'G1', channel: 'C1' };
const routines = routineCatalogFromKnowledge(createAssistant().kb);
const setup = () => {
  const store = new MemoryStore(fixedClock(NOW));
  return { store, m: createNudgeManager({ store, clock: fixedClock(NOW), routines, defaultTz: 'UTC' }) };
};

describe('the nudge manager', () => {
  it('turns nudges on after the announcement, and reports the next slot', async () => {
    const { m, store } = setup();
    const announced: string[] = [];
    const r = await m.turnOn(target, ['every', '2h', 'tz', 'Europe/Berlin'], 'U1', async (s) => (announced.push(s), true));
    expect(announced).toEqual(['every 2h hours 9-17 days mon-fri tz Europe/Berlin']);
    expect(r).toMatchObject({ kind: 'on', status: { state: 'active', next: expect.any(Date) } });
    expect(await store.getSubscription(target)).not.toBeNull();
  });

  it('stores nothing when the bot may not post, or an option is malformed', async () => {
    const { m, store } = setup();
    expect(await m.turnOn(target, [], 'U1', async () => false)).toEqual({ kind: 'not_here' });
    expect(await m.turnOn(target, ['every', '10m'], 'U1', async () => true)).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('every') });
    expect(await store.getSubscription(target)).toBeNull();
  });

  it('pauses, resumes and turns off; says so when there is nothing to change', async () => {
    const { m } = setup();
    expect(await m.pause(target, ['2h'])).toEqual({ kind: 'no_subscription' });
    await m.turnOn(target, [], 'U1', async () => true);
    expect(await m.pause(target, ['2h'])).toMatchObject({ kind: 'changed', status: { state: 'paused', until: new Date('2026-03-24T10:00:00Z') } });
    expect(await m.pause(target, ['soon'])).toMatchObject({ kind: 'invalid' });
    expect(await m.resume(target)).toMatchObject({ kind: 'changed', status: { state: 'active' } });
    expect(await m.turnOff(target)).toBe(true);
    expect(await m.status(target)).toEqual({ state: 'off' });
  });

  it('shows why the engine stopped a channel', async () => {
    const { m, store } = setup();
    await m.turnOn(target, [], 'U1', async () => true);
    const sub = (await store.getSubscription(target))!;
    await store.disableSubscription(sub.id, { code: 'missing_permissions', message: 'Discord refused the post' }, NOW);
    expect(await m.status(target)).toMatchObject({ state: 'stopped', code: 'missing_permissions' });
    expect(nudgeStatus(null, NOW)).toEqual({ state: 'off' });
  });

  it('answers the nudge buttons: Done counts, Snooze pauses an hour, Another gives a different routine', async () => {
    const { m, store } = setup();
    const sub = await store.upsertSubscription({ ...target, cadence: { kind: 'every', minutes: 90 }, tz: 'UTC', days: ['tue'], startMinute: 0, endMinute: 1440, focusTags: [], createdBy: 'U1' });
    const shown = routines.routines[0]!.id;
    expect(await m.press('done', shown, sub.id, null)).toEqual({ kind: 'done' });
    expect(await m.press('snooze', shown, sub.id, null)).toMatchObject({ kind: 'snoozed', until: new Date('2026-03-24T09:00:00Z'), target });
    const another = await m.press('another', shown, null, null);
    expect(another.kind).toBe('another');
    if (another.kind === 'another') expect(another.routine.entry.entryId).not.toBe(shown);
    expect(await m.press('snooze', shown, null, { ...target, channel: 'C_NONE' })).toEqual({ kind: 'no_subscription' });
  });
});
