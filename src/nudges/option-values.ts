import { Cron } from 'croner';
import { WEEKDAYS, type Weekday } from './schedule.js';

/** The value forms of the nudge option words; each returns null when the text does not fit. */

/** `90m`, `2h`, `1h30m`, `1.5h` or bare minutes → minutes; null when malformed. */
export function parseMinutes(v: string): number | null {
  const m = /^(?:(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:utes?|s)?)?)?$/i.exec(v.trim());
  if (m && (m[1] !== undefined || m[2] !== undefined)) {
    const minutes = Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
    return Number.isInteger(minutes) ? minutes : null;
  }
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  return null;
}

/** `30m`, `2h`, `1d` → milliseconds (pause lengths; chat `pause 2h` uses it too). */
export function parseDuration(v: string): number | null {
  const d = /^(\d+)\s*d(?:ays?)?$/i.exec(v.trim());
  if (d) return Number(d[1]) * 86_400_000;
  const minutes = parseMinutes(v);
  return minutes !== null && minutes > 0 && !/^\d+$/.test(v.trim()) ? minutes * 60_000 : null;
}

function parseClock(v: string): number | null {
  const m = /^(\d{1,2})(?::(\d{2}))?$/.exec(v);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

export function parseHours(v: string): { startMinute: number; endMinute: number } | null {
  const m = /^(\S+?)\s*[-–—]\s*(\S+)$/.exec(v.trim());
  if (!m) return null;
  const start = parseClock(m[1] ?? '');
  const end = parseClock(m[2] ?? '');
  if (start === null || end === null || start >= end) return null;
  return { startMinute: start, endMinute: end };
}

const ALIASES: Record<string, Weekday[]> = {
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  weekends: ['sat', 'sun'],
  daily: [...WEEKDAYS],
  all: [...WEEKDAYS],
};

const FULL: Record<Weekday, string> = { mon: 'monday', tue: 'tuesday', wed: 'wednesday', thu: 'thursday', fri: 'friday', sat: 'saturday', sun: 'sunday' };

/** `mon`, `Monday`, `tues` → index in WEEKDAYS. */
function weekday(v: string): number | null {
  const w = v.trim().toLowerCase();
  const i = WEEKDAYS.findIndex((d) => w.length >= 3 && FULL[d].startsWith(w));
  return i < 0 ? null : i;
}

export function parseDays(v: string): Weekday[] | null {
  const alias = ALIASES[v.trim().toLowerCase()];
  if (alias) return alias;
  const picked = new Set<number>();
  for (const part of v.split(',')) {
    if (part.trim() === '') return null;
    const range = part.split(/[-–—]/);
    if (range.length === 1) {
      const d = weekday(part);
      if (d === null) return null;
      picked.add(d);
    } else if (range.length === 2) {
      const a = weekday(range[0] ?? '');
      const b = weekday(range[1] ?? '');
      if (a === null || b === null) return null;
      // A range may wrap the week: fri-mon is fri, sat, sun, mon.
      for (let i = a; ; i = (i + 1) % 7) {
        picked.add(i);
        if (i === b) break;
      }
    } else return null;
  }
  return WEEKDAYS.filter((_, i) => picked.has(i));
}

export function parseCron(v: string): string | null {
  const expr = v.trim().replace(/\s+/g, ' ');
  if (expr.split(' ').length !== 5) return null;
  try {
    new Cron(expr, { timezone: 'UTC', paused: true });
    return expr;
  } catch {
    return null;
  }
}

export function parseInstant(v: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(v)) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t);
}
