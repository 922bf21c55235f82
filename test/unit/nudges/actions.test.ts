import { beforeEach, describe, expect, it } from 'vitest';
import { handleNudgeAction } from '../../../src/nudges/actions.js';
import { createTerminalSink, renderNudgeText, TERMINAL_TARGET } from '../../../src/nudges/terminal-sink.js';
import { MemoryStore } from '../../../src/store/memory.js';
import { london, manualClock, type ManualClock } from '../store/contract.js';
import { answerFor, fakeCatalog } from './fakes.js';

let clock: ManualClock;
let store: MemoryStore;
const deps = () => ({ store, clock, routines: fakeCatalog() });

beforeEach(async () => {
  clock = manualClock('2026-03-23T23:30:00Z');
  store = new MemoryStore(clock);
});

describe('nudge actions', () => {
  it('Done counts one anonymous click for the channel on its local day', async () => {
    await store.upsertSubscription(london({ tz: 'Europe/Berlin' }));
    // 23:30 UTC is already Tuesday in Berlin.
    expect(await handleNudgeAction('done', london(), deps())).toEqual({ kind: 'done', day: '2026-03-24' });
    await handleNudgeAction('done', london(), deps());
    expect(await store.doneCounts(london(), '2026-03-24', '2026-03-24')).toEqual([{ platform: 'slack', workspace: 'T1', channel: 'C1', day: '2026-03-24', count: 2 }]);
  });

  it('Snooze pauses the channel for an hour, keeping a longer pause', async () => {
    await store.upsertSubscription(london());
    expect(await handleNudgeAction('snooze', london(), deps())).toEqual({ kind: 'snoozed', until: new Date('2026-03-24T00:30:00Z') });
    await store.pauseSubscription(london(), new Date('2026-03-25T00:00:00Z'));
    expect(await handleNudgeAction('snooze', london(), deps())).toEqual({ kind: 'snoozed', until: new Date('2026-03-25T00:00:00Z') });
  });

  it('Another one gives a different routine', async () => {
    await store.upsertSubscription(london());
    const r = await handleNudgeAction('another', london(), deps(), 'dead-bug');
    expect(r.kind).toBe('another');
    if (r.kind === 'another') expect(r.routine.entry.entryId).not.toBe('dead-bug');
  });

  it('says so when the channel has no subscription', async () => {
    expect(await handleNudgeAction('snooze', london(), deps())).toEqual({ kind: 'no_subscription' });
  });
});

describe('terminal sink', () => {
  it('prints the routine with title, duration, steps, dose, caution, source and the actions', async () => {
    const lines: string[] = [];
    const sink = createTerminalSink((s) => lines.push(s));
    const result = await sink.post({ subscriptionId: '1', slot: '2026-03-23T09:00:00.000Z', target: { ...TERMINAL_TARGET }, routine: answerFor('cat-cow', []) });
    expect(result.ok).toBe(true);
    expect(sink.platform).toBe('cli');
    expect(lines.join('')).toContain(renderNudgeText(answerFor('cat-cow', [])));
    expect(renderNudgeText(answerFor('cat-cow', []))).toBe([
      'Stretch break: Routine cat-cow (1 min 30 s)',
      'A short routine to break up sitting.',
      '  1. Stand up tall.',
      '  2. Hold for 30 seconds.',
      'Dose: hold 30 s, 2 times, a few times a day. Done on your feet, in work clothes; not a seated one.',
      'Caution: Stop if it hurts.',
      'Source: Exercise for back pain (NHS, 2023) https://www.nhs.uk/live-well/exercise/',
      'Type "done", "snooze" (1 h) or "another".',
    ].join('\n'));
  });
});
