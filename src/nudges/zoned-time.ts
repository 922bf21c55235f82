/**
 * Wall-clock ↔ instant conversion for an IANA zone, with Intl only (no tz database of our own).
 * A wall time is the zone's local calendar time, represented as minutes since 1970-01-01T00:00 "local".
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True for every zone `new Intl.DateTimeFormat('en', { timeZone })` accepts (Intl.supportedValuesOf leaves out UTC on Node 20). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The local wall time of an instant in a zone, as "local epoch" milliseconds (UTC fields = local fields). */
export function wallOf(at: number, tz: string): number {
  const parts = formatterFor(tz).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) + (at % 1000 + 1000) % 1000;
}

/**
 * The instant at which a zone's clocks show `wall` (local epoch ms). Null when that wall time does not
 * exist (a spring-forward gap). When it exists twice (fall back), the earlier instant.
 */
export function instantOf(wall: number, tz: string): number | null {
  const DAY = 86_400_000;
  const offsets = new Set([wallOf(wall - DAY, tz) - (wall - DAY), wallOf(wall + DAY, tz) - (wall + DAY), wallOf(wall, tz) - wall]);
  let best: number | null = null;
  for (const offset of offsets) {
    const t = wall - offset;
    if (wallOf(t, tz) === wall && (best === null || t < best)) best = t;
  }
  return best;
}

const MINUTE = 60_000;
export const DAY_MS = 86_400_000;

/** Local calendar day (YYYY-MM-DD) of an instant in a zone. */
export function localDay(at: Date, tz: string): string {
  return new Date(wallOf(at.getTime(), tz)).toISOString().slice(0, 10);
}

/** Local wall time formatted "YYYY-MM-DD HH:MM" plus the weekday, for human tables. */
export function formatLocal(at: Date, tz: string): string {
  const wall = new Date(wallOf(at.getTime(), tz));
  const wd = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][wall.getUTCDay()];
  return `${wd} ${wall.toISOString().slice(0, 16).replace('T', ' ')}`;
}

export { MINUTE };
