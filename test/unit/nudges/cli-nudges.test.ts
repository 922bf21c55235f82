import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNudges } from '../../../src/cli/nudges.js';
import { ConfigSchema } from '../../../src/config/schema.js';
import { ok } from '../../../src/common/result.js';
import { MemoryStore } from '../../../src/store/memory.js';
import { manualClock } from '../store/contract.js';

const config = ConfigSchema.parse({ DEFAULT_TZ: 'Europe/London', DATA_DIR: '/nonexistent/should-not-be-used' });

async function run(args: string[], store?: MemoryStore) {
  const out: string[] = [];
  const err: string[] = [];
  const clock = manualClock('2026-03-23T08:00:00Z');
  const code = await runNudges(args, {
    out: (s) => out.push(s), err: (s) => err.push(s), config, clock,
    openStore: async () => {
      if (!store) throw new Error('this command must not open a store');
      return ok(store);
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('backbuddy nudges preview', () => {
  it('prints the JSON array of the next slots (the docs/cli.md example: 9-17 every 90m)', async () => {
    const r = await run(['preview', '--tz', 'Europe/Berlin', '--from', '2026-03-27T08:00:00Z', '--count', '3', '--json']);
    expect(r).toEqual({ code: 0, out: '["2026-03-27T09:30:00.000Z","2026-03-27T11:00:00.000Z","2026-03-27T12:30:00.000Z"]', err: '' });
  });

  it('prints a table in local time by default', async () => {
    const r = await run(['preview', '--every', '2h', '--tz', 'UTC', '--from', '2026-03-27T08:00:00Z', '--count', '2']);
    expect(r.code).toBe(0);
    expect(r.out).toBe([
      'Next 2 slots after 2026-03-27T08:00:00.000Z for: every 2h hours 9-17 days mon-fri tz UTC',
      '  Fri 2026-03-27 09:00 UTC   2026-03-27T09:00:00.000Z',
      '  Fri 2026-03-27 11:00 UTC   2026-03-27T11:00:00.000Z',
    ].join('\n'));
  });

  it('defaults to 10 slots from now, in DEFAULT_TZ', async () => {
    const r = await run(['preview', '--json']);
    const slots = JSON.parse(r.out) as string[];
    expect(slots).toHaveLength(10);
    expect(slots[0]).toBe('2026-03-23T09:00:00.000Z');
  });

  it('takes a cron in the zone', async () => {
    const r = await run(['preview', '--cron', '0 10,15 * * 1-5', '--tz', 'America/New_York', '--from', '2026-03-06T00:00:00Z', '--count', '3', '--json']);
    expect(JSON.parse(r.out)).toEqual(['2026-03-06T15:00:00.000Z', '2026-03-06T20:00:00.000Z', '2026-03-09T14:00:00.000Z']);
  });

  it.each([
    [['preview', '--every', '10m'], '--every: expected 30m to 8h, e.g. 90m or 2h (got "10m")'],
    [['preview', '--tz', 'Nowhere/Land'], '--tz: expected an IANA time zone such as Europe/Berlin or UTC (got "Nowhere/Land")'],
    [['preview', '--count', '500'], '--count: expected a whole number from 1 to 100 (got "500")'],
    [['preview', '--focus', 'hips'], '--focus: not an option here; expected one of --every, --cron, --hours, --days, --tz, --from, --count, --json, --help'],
    [['frobnicate'], 'nudges frobnicate: not a command; expected one of preview, add, list, pause, resume, remove (see backbuddy nudges --help)'],
  ])('%j exits 2 with one line naming the option', async (args, message) => {
    const r = await run(args);
    expect(r).toEqual({ code: 2, out: '', err: message });
  });

  it('shows help with --help, for the whole command and a sub-command', async () => {
    for (const args of [['--help'], ['preview', '--help'], ['add', '--help']]) {
      const r = await run(args);
      expect(r.code).toBe(0);
      expect(r.out).toContain('backbuddy nudges preview');
    }
  });
});

describe('backbuddy nudges add|list|pause|resume|remove', () => {
  it('manages the terminal subscription by default', async () => {
    const store = new MemoryStore(manualClock('2026-03-23T08:00:00Z'));
    const add = await run(['add', '--every', '2h', '--tz', 'UTC'], store);
    expect(add.code).toBe(0);
    expect(add.out).toBe('Nudges on for cli/local/terminal: every 2h hours 9-17 days mon-fri tz UTC\nNext: Mon 2026-03-23 09:00 UTC (2026-03-23T09:00:00.000Z)');
    expect((await run(['list'], store)).out).toBe('#1 cli/local/terminal  every 2h hours 9-17 days mon-fri tz UTC  [active]  next: Mon 2026-03-23 09:00 UTC');
    expect((await run(['pause', '--for', '2h'], store)).out).toContain('[paused until 2026-03-23T10:00:00.000Z]  next: Mon 2026-03-23 11:00 UTC');
    expect((await run(['pause', '--id', '1'], store)).out).toContain('[paused until resumed]  next: none');
    expect((await run(['resume'], store)).out).toContain('[active]');
    expect((await run(['remove', '--id', '1'], store)).out).toBe('Nudges removed for cli/local/terminal');
    expect(await run(['remove'], store)).toMatchObject({ code: 1, err: 'no nudge subscription for cli/local/terminal; see backbuddy nudges list' });
    expect((await run(['list'], store)).out).toBe('No nudge subscriptions. Add one with: backbuddy nudges add --every 90m');
  });

  it('adds for a Slack channel with focus tags and lists as JSON', async () => {
    const store = new MemoryStore(manualClock('2026-03-23T08:00:00Z'));
    await run(['add', '--platform', 'slack', '--workspace', 'T1', '--channel', 'C1', '--focus', 'desk-setup', '--tz', 'UTC'], store);
    const [sub] = JSON.parse((await run(['list', '--json'], store)).out);
    expect(sub).toMatchObject({ id: '1', platform: 'slack', workspace: 'T1', channel: 'C1', focusTags: ['desk-setup'], nextSlot: '2026-03-23T09:00:00.000Z', disabled: null });
  });

  it('refuses a focus no routine has, naming it and listing the ones there are', async () => {
    const r = await run(['add', '--focus', 'banana']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^--focus: unknown focus "banana"; expected a comma list of core, desk-setup, .*hamstrings, hip-flexors, hips, lower-back, .*neck.*upper-back, whole-body/);
  });

  it('needs a workspace and channel for a platform other than the terminal', async () => {
    expect(await run(['add', '--platform', 'slack', '--channel', 'C1'])).toEqual({ code: 2, out: '', err: '--workspace: expected a workspace id with --platform slack' });
  });

  it('opens the PGlite store under DATA_DIR when none is injected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backbuddy-cli-'));
    try {
      const out: string[] = [];
      const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s), config: { ...config, DATA_DIR: dir }, clock: manualClock('2026-03-23T08:00:00Z') };
      expect(await runNudges(['add', '--tz', 'UTC'], io)).toBe(0);
      expect(await runNudges(['list'], io)).toBe(0);
      expect(out.at(-1)).toContain('#1 cli/local/terminal');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
