import { Cron } from 'croner';
import { PAUSED_INDEFINITELY, type Schedule, type Weekday } from './schedule.js';
import { DAY_MS, MINUTE, instantOf, wallOf } from './zoned-time.js';

/**
 * The slot rule of docs/cli.md, as pure functions of (schedule, instant). `nudges preview`, the
 * store (when it recomputes a subscription's next slot) and the engine all call these.
 *
 * On each working day, in the zone, a slot falls at the window's start and every `every` minutes after
 * it while before the window's end; with a cron, at the cron's times that fall on a working day inside
 * the window. Times are wall-clock times: a time that does not exist that day (spring-forward gap) is
 * skipped, one that exists twice (fall back) is taken once, at its first occurrence.
 */
export type SlotSubject = Pick<Schedule, 'cadence' | 'tz' | 'days' | 'startMinute' | 'endMinute'> & { pausedUntil?: Date | null };

/** How far ahead we look before saying "no slot" (a cron that never meets the window). */
const HORIZON_DAYS = 400;

const JS_DAY_TO_WEEKDAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const crons = new Map<string, Cron>();
function cronFor(expression: string): Cron {
  let c = crons.get(expression);
  if (!c) {
    // Evaluated on a wall-clock timeline (local fields stored as UTC), so DST is handled once, by us.
    c = new Cron(expression, { timezone: 'UTC', paused: true });
    crons.set(expression, c);
  }
  return c;
}

/** Wall times (local epoch ms) of the slots on one local day, ascending; empty on a day off. */
function wallSlotsOfDay(s: SlotSubject, day: number): number[] {
  const weekday = JS_DAY_TO_WEEKDAY[new Date(day * DAY_MS).getUTCDay()];
  if (!weekday || !s.days.includes(weekday)) return [];
  const start = day * DAY_MS + s.startMinute * MINUTE;
  const end = day * DAY_MS + s.endMinute * MINUTE;
  const out: number[] = [];
  if (s.cadence.kind === 'every') {
    const step = s.cadence.minutes * MINUTE;
    for (let t = start; t < end; t += step) out.push(t);
  } else {
    const cron = cronFor(s.cadence.expression);
    let next = cron.nextRun(new Date(start - 1000));
    while (next && next.getTime() < end) {
      out.push(next.getTime());
      next = cron.nextRun(next);
    }
  }
  return out;
}

/** The next `count` slots strictly after `from` (and not before `pausedUntil`), ascending. Fewer when none within ~a year. */
export function nextSlots(s: SlotSubject, from: Date, count: number): Date[] {
  const after = from.getTime();
  const notBefore = s.pausedUntil ? s.pausedUntil.getTime() : -Infinity;
  // "Paused until further notice" is stored as the far future, so one column answers "paused?".
  if (notBefore >= PAUSED_INDEFINITELY.getTime()) return [];
  const origin = Math.max(after, notBefore);
  // One day back: the local day of `origin` may have started before it in UTC terms, and fall-back days repeat an hour.
  const firstDay = Math.floor(wallOf(origin, s.tz) / DAY_MS) - 1;
  const out: Date[] = [];
  for (let day = firstDay; day <= firstDay + HORIZON_DAYS && out.length < count; day++) {
    for (const wall of wallSlotsOfDay(s, day)) {
      const at = instantOf(wall, s.tz);
      if (at === null || at <= after || at < notBefore) continue;
      out.push(new Date(at));
      if (out.length >= count) break;
    }
  }
  return out;
}

/** The first slot strictly after `from`, or null when there is none within ~a year. */
export function nextDue(s: SlotSubject, from: Date): Date | null {
  return nextSlots(s, from, 1)[0] ?? null;
}

export { localDay, formatLocal, isTimeZone } from './zoned-time.js';
