import { describe, expect, it } from 'vitest';
import { describeSchedule, parseDuration, parseNudgeOptions, splitWords } from '../../../src/nudges/options.js';

const parse = (words: string[], allow?: Parameters<typeof parseNudgeOptions>[1]['allow']) =>
  parseNudgeOptions(words, { defaultTz: 'Europe/London', ...(allow ? { allow } : {}) });
const value = (words: string[]) => {
  const r = parse(words);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const error = (words: string[], allow?: Parameters<typeof parse>[1]) => {
  const r = parse(words, allow);
  if (r.ok) throw new Error('expected an error');
  return r.error;
};

describe('parseNudgeOptions', () => {
  it('fills the defaults: every 90m, 9-17, mon-fri, the default zone', () => {
    expect(value([]).schedule).toEqual({
      cadence: { kind: 'every', minutes: 90 }, tz: 'Europe/London', days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: 540, endMinute: 1020, focusTags: [],
    });
  });

  it('reads the CLI form and the chat form the same way', () => {
    const cli = value(['--every', '2h', '--hours', '9:30-17:30', '--days', 'mon,wed,fri', '--tz', 'America/New_York', '--focus', 'hips,neck']);
    const chat = value(splitWords('every 2h hours 9:30-17:30 days mon,wed,fri tz America/New_York focus hips,neck'));
    const eq = value(['--every=2h', '--hours=9:30-17:30', '--days=mon,wed,fri', '--tz=America/New_York', '--focus=hips,neck']);
    expect(chat.schedule).toEqual(cli.schedule);
    expect(eq.schedule).toEqual(cli.schedule);
    expect(cli.schedule).toMatchObject({ cadence: { kind: 'every', minutes: 120 }, startMinute: 570, endMinute: 1050, days: ['mon', 'wed', 'fri'], tz: 'America/New_York', focusTags: ['hips', 'neck'] });
  });

  it.each([
    ['90m', 90], ['30m', 30], ['8h', 480], ['1h30m', 90], ['1.5h', 90], ['45', 45], ['2 hours', 120],
  ])('every %s is %i minutes', (v, minutes) => {
    expect(value(['--every', v]).schedule.cadence).toEqual({ kind: 'every', minutes });
  });

  it.each([
    ['mon-fri', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['sat,sun', ['sat', 'sun']],
    ['fri-mon', ['mon', 'fri', 'sat', 'sun']],
    ['mon-wed,fri', ['mon', 'tue', 'wed', 'fri']],
    ['Monday,Thursday', ['mon', 'thu']],
    ['weekdays', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['daily', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']],
  ])('days %s', (v, days) => {
    expect(value(['--days', v]).schedule.days).toEqual(days);
  });

  it.each([
    ['9-17', 540, 1020], ['09:00-17:00', 540, 1020], ['0-24', 0, 1440], ['8:15-12:45', 495, 765], ['9–17', 540, 1020],
  ])('hours %s', (v, start, end) => {
    expect(value(['--hours', v]).schedule).toMatchObject({ startMinute: start, endMinute: end });
  });

  it('accepts every zone Intl accepts, UTC and Etc/GMT+5 included, in canonical spelling', () => {
    expect(value(['--tz', 'UTC']).schedule.tz).toBe('UTC');
    expect(value(['--tz', 'Etc/GMT+5']).schedule.tz).toBe('Etc/GMT+5');
    expect(value(['--tz', 'europe/berlin']).schedule.tz).toBe('Europe/Berlin');
  });

  it('takes a quoted cron from chat text, straight or curly quotes', () => {
    expect(value(splitWords('cron "0 10,15 * * 1-5" tz UTC')).schedule.cadence).toEqual({ kind: 'cron', expression: '0 10,15 * * 1-5' });
    expect(value(splitWords('cron “0 10 * * *”')).schedule.cadence).toEqual({ kind: 'cron', expression: '0 10 * * *' });
  });

  it('reads preview and pause options', () => {
    const v = value(['--from', '2026-03-27T08:00:00Z', '--count', '3', '--json']);
    expect(v.from?.toISOString()).toBe('2026-03-27T08:00:00.000Z');
    expect(v.count).toBe(3);
    expect(v.json).toBe(true);
    expect(value(['--for', '2h']).pauseFor).toBe(7_200_000);
    expect(value(['--for', '1d']).pauseFor).toBe(86_400_000);
  });

  it.each([
    [['--every', '10m'], '--every: expected 30m to 8h, e.g. 90m or 2h (got "10m")'],
    [['every', '9h'], 'every: expected 30m to 8h, e.g. 90m or 2h (got "9h")'],
    [['--every', 'often'], '--every: expected 30m to 8h, e.g. 90m or 2h (got "often")'],
    [['--every'], '--every: expected 30m to 8h, e.g. 90m or 2h'],
    [['--every', '--hours', '9-17'], '--every: expected 30m to 8h, e.g. 90m or 2h'],
    [['--cron', '0 10 * *'], '--cron: expected five fields "minute hour day month weekday", e.g. "0 10,15 * * 1-5" (got "0 10 * *")'],
    [['--cron', '0 0 10 * * *'], '--cron: expected five fields "minute hour day month weekday", e.g. "0 10,15 * * 1-5" (got "0 0 10 * * *")'],
    [['--cron', '0 99 * * *'], '--cron: expected five fields "minute hour day month weekday", e.g. "0 10,15 * * 1-5" (got "0 99 * * *")'],
    [['--every', '90m', '--cron', '0 10 * * *'], '--cron: expected either --every or --cron, not both'],
    [['--hours', '17-9'], '--hours: expected a window like 9-17 or 9:30-17:30 (got "17-9")'],
    [['--hours', '9-25'], '--hours: expected a window like 9-17 or 9:30-17:30 (got "9-25")'],
    [['--hours', '9:75-17'], '--hours: expected a window like 9-17 or 9:30-17:30 (got "9:75-17")'],
    [['--days', 'mon-funday'], '--days: expected a range or comma list of mon ... sun, e.g. mon-fri or mon,wed,fri (got "mon-funday")'],
    [['--days', 'mon,,tue'], '--days: expected a range or comma list of mon ... sun, e.g. mon-fri or mon,wed,fri (got "mon,,tue")'],
    [['--tz', 'Mars/Olympus'], '--tz: expected an IANA time zone such as Europe/Berlin or UTC (got "Mars/Olympus")'],
    [['--from', 'tomorrow'], '--from: expected an ISO instant like 2026-03-27T08:00:00Z (got "tomorrow")'],
    [['--from', '2026-03-27T08:00:00'], '--from: expected an ISO instant like 2026-03-27T08:00:00Z (got "2026-03-27T08:00:00")'],
    [['--count', '0'], '--count: expected a whole number from 1 to 100 (got "0")'],
    [['--count', '101'], '--count: expected a whole number from 1 to 100 (got "101")'],
    [['--focus', 'Hips!'], '--focus: expected a comma list of tags, e.g. hips,neck (got "Hips!")'],
    [['--platform', 'teams'], '--platform: expected slack, discord or cli (got "teams")'],
    [['--json=yes'], '--json: expected no value'],
    [['--every', '90m', '--every', '2h'], '--every: given twice; expected it once'],
  ])('%j → %s', (words, message) => {
    expect(error(words)).toBe(message);
  });

  it('rejects options the command does not take, listing the ones it does', () => {
    expect(error(['--count', '3'], ['every', 'tz'])).toBe('--count: not an option here; expected one of --every, --tz');
    expect(error(['sometimes'], ['every', 'tz'])).toBe('sometimes: not an option here; expected one of every, tz');
  });

  it('errors are a single line', () => {
    expect(error(['--hours', 'x'])).not.toContain('\n');
  });
});

describe('parseDuration', () => {
  it.each([['2h', 7_200_000], ['30m', 1_800_000], ['1d', 86_400_000], ['90', null], ['soon', null]])('%s', (v, ms) => {
    expect(parseDuration(v)).toBe(ms);
  });
});

describe('describeSchedule', () => {
  it('writes the option words back', () => {
    expect(describeSchedule(value(['--every', '2h', '--hours', '9:30-17', '--days', 'mon,wed', '--tz', 'UTC', '--focus', 'hips']).schedule)).toBe(
      'every 2h hours 9:30-17 days mon,wed tz UTC focus hips',
    );
    expect(describeSchedule(value(['--cron', '0 10 * * *']).schedule)).toBe('cron "0 10 * * *" hours 9-17 days mon-fri tz Europe/London');
  });
});
