import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextDue, nextSlots, type SlotSubject } from '../../../src/nudges/slots.js';
import { localDay, wallOf } from '../../../src/nudges/zoned-time.js';
import { PAUSED_INDEFINITELY, WEEKDAYS, type Weekday } from '../../../src/store/store.js';

const weekdays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const sched = (over: Partial<SlotSubject> = {}): SlotSubject => ({
  cadence: { kind: 'every', minutes: 90 }, tz: 'UTC', days: weekdays, startMinute: 540, endMinute: 1020, ...over,
});
const iso = (ds: Date[]) => ds.map((d) => d.toISOString().replace('.000Z', 'Z'));
const slots = (s: SlotSubject, from: string, count: number) => iso(nextSlots(s, new Date(from), count));

describe('nextSlots: the slot rule of docs/cli.md', () => {
  it('puts slots at the window start and every 90 minutes while before its end (9-17: 09:00 … 16:30)', () => {
    expect(slots(sched(), '2026-03-23T00:00:00Z', 7)).toEqual([
      '2026-03-23T09:00:00Z', '2026-03-23T10:30:00Z', '2026-03-23T12:00:00Z', '2026-03-23T13:30:00Z',
      '2026-03-23T15:00:00Z', '2026-03-23T16:30:00Z', '2026-03-24T09:00:00Z',
    ]);
  });

  it('returns slots strictly after `from`', () => {
    expect(slots(sched(), '2026-03-23T10:30:00Z', 1)).toEqual(['2026-03-23T12:00:00Z']);
    expect(slots(sched(), '2026-03-23T10:29:59.999Z', 1)).toEqual(['2026-03-23T10:30:00Z']);
  });

  it('skips days off: Friday evening goes to Monday morning', () => {
    expect(slots(sched(), '2026-03-27T16:30:00Z', 1)).toEqual(['2026-03-30T09:00:00Z']);
  });

  it.each([
    // [case, schedule, from, expected]
    ['end of window is exclusive (9-10 every 30m)', sched({ startMinute: 540, endMinute: 600, cadence: { kind: 'every', minutes: 30 } }), '2026-03-23T00:00:00Z', ['2026-03-23T09:00:00Z', '2026-03-23T09:30:00Z', '2026-03-24T09:00:00Z']],
    ['half-hour window 9:30-17:30 every 45m ends at 17:00', sched({ startMinute: 570, endMinute: 1050, cadence: { kind: 'every', minutes: 45 } }), '2026-03-23T16:00:00Z', ['2026-03-23T16:15:00Z', '2026-03-23T17:00:00Z', '2026-03-24T09:30:00Z']],
    ['every 7h fits twice in 9-17', sched({ cadence: { kind: 'every', minutes: 420 } }), '2026-03-23T00:00:00Z', ['2026-03-23T09:00:00Z', '2026-03-23T16:00:00Z', '2026-03-24T09:00:00Z']],
    ['every 8h (the maximum) fits once in 9-17', sched({ cadence: { kind: 'every', minutes: 480 } }), '2026-03-23T00:00:00Z', ['2026-03-23T09:00:00Z', '2026-03-24T09:00:00Z', '2026-03-25T09:00:00Z']],
    ['every 37m keeps its own rhythm from the window start', sched({ cadence: { kind: 'every', minutes: 37 }, startMinute: 540, endMinute: 660 }), '2026-03-23T00:00:00Z', ['2026-03-23T09:00:00Z', '2026-03-23T09:37:00Z', '2026-03-23T10:14:00Z', '2026-03-23T10:51:00Z', '2026-03-24T09:00:00Z']],
    ['a window to midnight (22-24) rolls over to the next day', sched({ startMinute: 1320, endMinute: 1440, cadence: { kind: 'every', minutes: 60 } }), '2026-03-23T22:30:00Z', ['2026-03-23T23:00:00Z', '2026-03-24T22:00:00Z', '2026-03-24T23:00:00Z']],
    ['a whole-day window (0-24) every 8h', sched({ startMinute: 0, endMinute: 1440, cadence: { kind: 'every', minutes: 480 }, days: [...WEEKDAYS] }), '2026-03-28T23:59:00Z', ['2026-03-29T00:00:00Z', '2026-03-29T08:00:00Z', '2026-03-29T16:00:00Z']],
    ['weekend-only days', sched({ days: ['sat', 'sun'], cadence: { kind: 'every', minutes: 480 } }), '2026-03-23T00:00:00Z', ['2026-03-28T09:00:00Z', '2026-03-29T09:00:00Z', '2026-04-04T09:00:00Z']],
  ])('%s', (_name, s, from, expected) => {
    expect(slots(s, from, expected.length)).toEqual(expected);
  });
});

describe('nextSlots: time zones and daylight saving', () => {
  it.each([
    ['Europe/London, spring forward (29 Mar 2026): 09:00 is 09:00Z on Friday, 08:00Z on Monday', 'Europe/London', '2026-03-27T16:00:00Z', ['2026-03-27T16:30:00Z', '2026-03-30T08:00:00Z']],
    ['Europe/London, fall back (25 Oct 2026): 09:00 is 08:00Z on Friday, 09:00Z on Monday', 'Europe/London', '2026-10-23T15:00:00Z', ['2026-10-23T15:30:00Z', '2026-10-26T09:00:00Z']],
    ['America/New_York, spring forward (8 Mar 2026): 14:00Z on Friday, 13:00Z on Monday', 'America/New_York', '2026-03-06T21:00:00Z', ['2026-03-06T21:30:00Z', '2026-03-09T13:00:00Z']],
    ['America/New_York, fall back (1 Nov 2026): 13:00Z on Friday, 14:00Z on Monday', 'America/New_York', '2026-10-30T20:00:00Z', ['2026-10-30T20:30:00Z', '2026-11-02T14:00:00Z']],
    ['UTC', 'UTC', '2026-06-01T00:00:00Z', ['2026-06-01T09:00:00Z', '2026-06-01T10:30:00Z']],
    ['Asia/Kolkata (+05:30)', 'Asia/Kolkata', '2026-06-01T00:00:00Z', ['2026-06-01T03:30:00Z', '2026-06-01T05:00:00Z']],
    ['Pacific/Chatham (+12:45 in June: 13:30 local on Monday is 00:45Z)', 'Pacific/Chatham', '2026-06-01T00:00:00Z', ['2026-06-01T00:45:00Z', '2026-06-01T02:15:00Z']],
    ['Etc/GMT+5 (five hours behind)', 'Etc/GMT+5', '2026-06-01T00:00:00Z', ['2026-06-01T14:00:00Z', '2026-06-01T15:30:00Z']],
  ])('%s', (_name, tz, from, expected) => {
    expect(slots(sched({ tz }), from, expected.length)).toEqual(expected);
  });

  it('skips wall times in the spring-forward gap (London 01:00 and 01:30 on 29 Mar 2026)', () => {
    const s = sched({ tz: 'Europe/London', days: ['sun'], startMinute: 0, endMinute: 240, cadence: { kind: 'every', minutes: 30 } });
    expect(slots(s, '2026-03-28T12:00:00Z', 6)).toEqual([
      '2026-03-29T00:00:00Z', '2026-03-29T00:30:00Z', // 00:00, 00:30 GMT
      '2026-03-29T01:00:00Z', '2026-03-29T01:30:00Z', // 02:00, 02:30 BST
      '2026-03-29T02:00:00Z', '2026-03-29T02:30:00Z',
    ]);
  });

  it('posts a repeated fall-back wall time once, at its first occurrence (London 01:00 and 01:30 on 25 Oct 2026)', () => {
    const s = sched({ tz: 'Europe/London', days: ['sun'], startMinute: 0, endMinute: 180, cadence: { kind: 'every', minutes: 30 } });
    expect(slots(s, '2026-10-24T12:00:00Z', 6)).toEqual([
      '2026-10-24T23:00:00Z', '2026-10-24T23:30:00Z', // 00:00, 00:30 BST
      '2026-10-25T00:00:00Z', '2026-10-25T00:30:00Z', // 01:00, 01:30 BST (first time round)
      '2026-10-25T02:00:00Z', '2026-10-25T02:30:00Z', // 02:00, 02:30 GMT
    ]);
  });

  it('skips the New York gap (02:00 and 02:30 on 8 Mar 2026) and keeps 03:00', () => {
    const s = sched({ tz: 'America/New_York', days: ['sun'], startMinute: 60, endMinute: 240, cadence: { kind: 'every', minutes: 30 } });
    expect(slots(s, '2026-03-08T00:00:00Z', 4)).toEqual(['2026-03-08T06:00:00Z', '2026-03-08T06:30:00Z', '2026-03-08T07:00:00Z', '2026-03-08T07:30:00Z']);
  });

  it('handles a half-hour DST shift (Australia/Lord_Howe, 5 Apr 2026)', () => {
    const s = sched({ tz: 'Australia/Lord_Howe', days: [...WEEKDAYS] });
    // +11:00 before, +10:30 after: 09:00 local is 22:00Z then 22:30Z.
    expect(slots(s, '2026-04-03T21:00:00Z', 1)).toEqual(['2026-04-03T22:00:00Z']);
    expect(slots(s, '2026-04-06T21:00:00Z', 1)).toEqual(['2026-04-06T22:30:00Z']);
  });
});

describe('nextSlots: cron cadence', () => {
  it('uses the cron times that fall on a working day inside the window, in the zone', () => {
    const s = sched({ tz: 'Europe/Berlin', cadence: { kind: 'cron', expression: '0 8,10,15,18 * * *' } });
    // 08:00 and 18:00 are outside 9-17; Saturday and Sunday are not working days.
    expect(slots(s, '2026-03-27T00:00:00Z', 4)).toEqual(['2026-03-27T09:00:00Z', '2026-03-27T14:00:00Z', '2026-03-30T08:00:00Z', '2026-03-30T13:00:00Z']);
  });

  it('intersects the cron weekdays with the working days', () => {
    const s = sched({ cadence: { kind: 'cron', expression: '30 9 * * 1,3,6' }, days: ['mon', 'tue', 'wed'] });
    expect(slots(s, '2026-03-23T00:00:00Z', 3)).toEqual(['2026-03-23T09:30:00Z', '2026-03-25T09:30:00Z', '2026-03-30T09:30:00Z']);
  });

  it('keeps wall-clock cron times across DST (New York 10:00 stays 10:00 local)', () => {
    const s = sched({ tz: 'America/New_York', cadence: { kind: 'cron', expression: '0 10 * * 1-5' } });
    expect(slots(s, '2026-03-06T00:00:00Z', 2)).toEqual(['2026-03-06T15:00:00Z', '2026-03-09T14:00:00Z']);
  });

  it('gives up after about a year when the cron never meets the window (how long it takes: npm run bench:nudges)', () => {
    const s = sched({ cadence: { kind: 'cron', expression: '* 3 * * *' } });
    expect(nextSlots(s, new Date('2026-03-23T00:00:00Z'), 5)).toEqual([]);
  });
});

describe('nextSlots: pauses', () => {
  const from = '2026-03-23T08:00:00Z';
  it('posts nothing before paused-until', () => {
    expect(slots(sched({ pausedUntil: new Date('2026-03-24T10:00:00Z') }), from, 2)).toEqual(['2026-03-24T10:30:00Z', '2026-03-24T12:00:00Z']);
  });
  it('posts a slot that falls exactly at paused-until', () => {
    expect(slots(sched({ pausedUntil: new Date('2026-03-24T10:30:00Z') }), from, 1)).toEqual(['2026-03-24T10:30:00Z']);
  });
  it('ignores a pause that has ended', () => {
    expect(slots(sched({ pausedUntil: new Date('2026-03-01T00:00:00Z') }), from, 1)).toEqual(['2026-03-23T09:00:00Z']);
  });
  it('has no slot while paused until further notice', () => {
    expect(nextDue(sched({ pausedUntil: PAUSED_INDEFINITELY }), new Date(from))).toBeNull();
  });
});

describe('nextSlots: properties', () => {
  const zones = ['UTC', 'Europe/London', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago'];
  const schedule = fc.record({
    tz: fc.constantFrom(...zones),
    days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
    window: fc.tuple(fc.integer({ min: 0, max: 48 }), fc.integer({ min: 1, max: 48 })).map(([a, b]) => [a * 30, Math.min(1440, a * 30 + b * 30)] as const),
    cadence: fc.oneof(
      fc.integer({ min: 30, max: 480 }).map((minutes) => ({ kind: 'every' as const, minutes })),
      fc.constantFrom('0 10,15 * * 1-5', '*/45 * * * *', '15 */2 * * *', '0 9 1 * *').map((expression) => ({ kind: 'cron' as const, expression })),
    ),
  });
  const instant = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }).map((t) => new Date(t));

  it('slots ascend, fall after `from`, on working days inside the window, and nextDue walks the same list', () => {
    fc.assert(
      fc.property(schedule, instant, (p, from) => {
        const s = sched({ tz: p.tz, days: p.days, startMinute: p.window[0], endMinute: p.window[1], cadence: p.cadence });
        const list = nextSlots(s, from, 6);
        let prev = from;
        for (const slot of list) {
          expect(slot.getTime()).toBeGreaterThan(prev.getTime());
          const wall = new Date(wallOf(slot.getTime(), p.tz));
          const minute = wall.getUTCHours() * 60 + wall.getUTCMinutes();
          expect(minute).toBeGreaterThanOrEqual(p.window[0]);
          expect(minute).toBeLessThan(p.window[1]);
          expect(p.days).toContain(WEEKDAYS[(wall.getUTCDay() + 6) % 7]);
          expect(localDay(slot, p.tz)).toBe(wall.toISOString().slice(0, 10));
          expect(nextDue(s, prev)?.toISOString()).toBe(slot.toISOString());
          prev = slot;
        }
      }),
      { numRuns: 150 },
    );
  });
});
