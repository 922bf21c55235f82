import { err, ok, type Result } from '../common/result.js';
import { WEEKDAYS, type Cadence, type Platform, type Schedule, type Weekday } from './schedule.js';
import { parseCron, parseDays, parseDuration, parseHours, parseInstant, parseMinutes } from './option-values.js';
import { isTimeZone } from './zoned-time.js';

export { parseDuration, parseMinutes } from './option-values.js';

/**
 * The one parser for nudge option words, shared by the CLI (`--every 90m --hours 9-17`) and chat
 * (`every 90m hours 9-17`). Errors are one line that names the option as the person wrote it and the
 * expected form, e.g. `--every: expected 30m to 8h, e.g. 90m or 2h (got "10m")`.
 */
export const OPTION_NAMES = [
  'every', 'cron', 'hours', 'days', 'tz', 'focus', 'from', 'count', 'json', 'for', 'until',
  'platform', 'workspace', 'channel', 'id', 'by', 'help',
] as const;
export type OptionName = (typeof OPTION_NAMES)[number];

const FLAGS: ReadonlySet<OptionName> = new Set(['json', 'help']);

export type NudgeOptions = {
  schedule: Omit<Schedule, 'focusTags'> & { focusTags: string[] };
  /** Which options were given (defaults fill the rest). */
  given: ReadonlySet<OptionName>;
  from: Date | null;
  count: number;
  json: boolean;
  help: boolean;
  /** Pause length in ms (`for 2h`) or end (`until <ISO>`). */
  pauseFor: number | null;
  until: Date | null;
  platform: Platform | null;
  workspace: string | null;
  channel: string | null;
  id: string | null;
  by: string | null;
};

export type ParseSettings = {
  /** Zone used when no `tz` is given (config DEFAULT_TZ, else the machine's zone). */
  defaultTz: string;
  /** Options this command takes; others are an error. Default: all. */
  allow?: readonly OptionName[];
};

export const DEFAULT_EVERY_MINUTES = 90;
export const DEFAULT_DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
export const DEFAULT_WINDOW = { startMinute: 9 * 60, endMinute: 17 * 60 };

/** Splits chat text into words, keeping "quoted phrases" (straight or curly quotes) together. */
export function splitWords(text: string): string[] {
  const out: string[] = [];
  const re = /[“"]([^”"]*)[”"]|[‘']([^’']*)[’']|(\S+)/g;
  for (const m of text.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

/** The machine's zone, for the default of `tz`. */
export const machineTimeZone = (): string => new Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';

type Fail = { option: string; expected: string; got?: string };
const fail = (f: Fail): Result<never, string> =>
  err(`${f.option}: expected ${f.expected}${f.got === undefined ? '' : ` (got "${f.got}")`}`);

const EXPECTED: Record<OptionName, string> = {
  every: '30m to 8h, e.g. 90m or 2h',
  cron: 'five fields "minute hour day month weekday", e.g. "0 10,15 * * 1-5"',
  hours: 'a window like 9-17 or 9:30-17:30',
  days: 'a range or comma list of mon ... sun, e.g. mon-fri or mon,wed,fri',
  tz: 'an IANA time zone such as Europe/Berlin or UTC',
  focus: 'a comma list of tags, e.g. hips,neck',
  from: 'an ISO instant like 2026-03-27T08:00:00Z',
  count: 'a whole number from 1 to 100',
  json: 'no value',
  for: 'a duration like 30m, 2h or 1d',
  until: 'an ISO instant like 2026-03-27T08:00:00Z',
  platform: 'slack, discord or cli',
  workspace: 'a workspace id',
  channel: 'a channel id',
  id: 'a subscription id (a number from `nudges list`)',
  by: 'a name',
  help: 'no value',
};

/** Parses option words; `words` is argv after the sub-command, or `splitWords(text)` from chat. */
export function parseNudgeOptions(words: readonly string[], settings: ParseSettings): Result<NudgeOptions, string> {
  const allow = new Set<OptionName>(settings.allow ?? OPTION_NAMES);
  const values = new Map<OptionName, { written: string; value: string }>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const eq = word.indexOf('=');
    const head = eq > 0 && word.startsWith('--') ? word.slice(0, eq) : word;
    const name = head.replace(/^--?/, '').toLowerCase() as OptionName;
    if (!OPTION_NAMES.includes(name) || !allow.has(name)) {
      const list = [...allow].map((n) => (word.startsWith('-') ? `--${n}` : n)).join(', ');
      return err(`${word}: not an option here; expected one of ${list}`);
    }
    if (values.has(name)) return err(`${head}: given twice; expected it once`);
    if (FLAGS.has(name)) {
      if (eq > 0 && word.startsWith('--')) return fail({ option: head, expected: EXPECTED[name] });
      values.set(name, { written: head, value: '' });
      continue;
    }
    let value: string | undefined;
    if (eq > 0 && word.startsWith('--')) value = word.slice(eq + 1);
    else {
      value = words[i + 1];
      i++;
    }
    if (value === undefined || value === '' || (value.startsWith('--') && value.length > 2)) {
      return fail({ option: head, expected: EXPECTED[name] });
    }
    values.set(name, { written: head, value });
  }
  return buildOptions(values, settings);
}

function buildOptions(values: Map<OptionName, { written: string; value: string }>, settings: ParseSettings): Result<NudgeOptions, string> {
  const get = (n: OptionName) => values.get(n);
  const bad = (n: OptionName): Result<never, string> => {
    const v = get(n);
    return fail({ option: v?.written ?? `--${n}`, expected: EXPECTED[n], ...(v ? { got: v.value } : {}) });
  };

  let cadence: Cadence = { kind: 'every', minutes: DEFAULT_EVERY_MINUTES };
  const every = get('every');
  const cron = get('cron');
  if (every && cron) return err(`${cron.written}: expected either ${every.written} or ${cron.written}, not both`);
  if (every) {
    const minutes = parseMinutes(every.value);
    if (minutes === null || minutes < 30 || minutes > 480) return bad('every');
    cadence = { kind: 'every', minutes };
  }
  if (cron) {
    const expression = parseCron(cron.value);
    if (expression === null) return bad('cron');
    cadence = { kind: 'cron', expression };
  }

  let window = DEFAULT_WINDOW;
  const hours = get('hours');
  if (hours) {
    const w = parseHours(hours.value);
    if (!w) return bad('hours');
    window = w;
  }

  let days = DEFAULT_DAYS;
  const daysOpt = get('days');
  if (daysOpt) {
    const d = parseDays(daysOpt.value);
    if (!d || d.length === 0) return bad('days');
    days = d;
  }

  let tz = settings.defaultTz;
  const tzOpt = get('tz');
  if (tzOpt) {
    if (!isTimeZone(tzOpt.value)) return bad('tz');
    tz = new Intl.DateTimeFormat('en', { timeZone: tzOpt.value }).resolvedOptions().timeZone ?? tzOpt.value;
  }

  let focusTags: string[] = [];
  const focus = get('focus');
  if (focus) {
    const tags = focus.value.split(',').map((t) => t.trim().toLowerCase());
    if (tags.some((t) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(t))) return bad('focus');
    focusTags = [...new Set(tags)];
  }

  const instant = (n: 'from' | 'until'): Result<Date | null, string> => {
    const v = get(n);
    if (!v) return ok(null);
    const d = parseInstant(v.value);
    return d ? ok(d) : bad(n);
  };
  const from = instant('from');
  if (!from.ok) return from;
  const until = instant('until');
  if (!until.ok) return until;

  let count = 10;
  const countOpt = get('count');
  if (countOpt) {
    if (!/^\d+$/.test(countOpt.value) || Number(countOpt.value) < 1 || Number(countOpt.value) > 100) return bad('count');
    count = Number(countOpt.value);
  }

  let pauseFor: number | null = null;
  const forOpt = get('for');
  if (forOpt) {
    pauseFor = parseDuration(forOpt.value);
    if (pauseFor === null) return bad('for');
  }
  if (forOpt && until.value) return err(`${get('until')?.written}: expected either ${forOpt.written} or ${get('until')?.written}, not both`);

  const platformOpt = get('platform');
  if (platformOpt && !['slack', 'discord', 'cli'].includes(platformOpt.value)) return bad('platform');
  const idOpt = get('id');
  if (idOpt && !/^\d+$/.test(idOpt.value)) return bad('id');

  return ok({
    schedule: { cadence, tz, days, ...window, focusTags },
    given: new Set(values.keys()),
    from: from.value,
    count,
    json: values.has('json'),
    help: values.has('help'),
    pauseFor,
    until: until.value,
    platform: (platformOpt?.value as Platform | undefined) ?? null,
    workspace: get('workspace')?.value ?? null,
    channel: get('channel')?.value ?? null,
    id: idOpt?.value ?? null,
    by: get('by')?.value ?? null,
  });
}

/** Describes a schedule in the option words that would recreate it (list and status output). */
export function describeSchedule(s: Schedule): string {
  const hm = (m: number) => (m % 60 === 0 ? `${m / 60}` : `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`);
  const cadence = s.cadence.kind === 'every'
    ? `every ${s.cadence.minutes % 60 === 0 ? `${s.cadence.minutes / 60}h` : `${s.cadence.minutes}m`}`
    : `cron "${s.cadence.expression}"`;
  const focus = s.focusTags.length ? ` focus ${s.focusTags.join(',')}` : '';
  return `${cadence} hours ${hm(s.startMinute)}-${hm(s.endMinute)} days ${describeDays(s.days)} tz ${s.tz}${focus}`;
}

function describeDays(days: readonly Weekday[]): string {
  const idx = days.map((d) => WEEKDAYS.indexOf(d)).sort((a, b) => a - b);
  const contiguous = idx.length > 2 && idx.every((v, i) => i === 0 || v === (idx[i - 1] ?? -2) + 1);
  if (contiguous) return `${WEEKDAYS[idx[0] ?? 0]}-${WEEKDAYS[idx[idx.length - 1] ?? 0]}`;
  return idx.map((i) => WEEKDAYS[i]).join(',');
}
