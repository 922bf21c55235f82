// The commands that read the store: stats, kb gaps, data export|purge. Most cases run on a MemoryStore;
// one runs the real path on a PGlite in a temporary DATA_DIR (one PGlite for the file).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.js';
import { runData } from '../../../src/cli/data.js';
import { runGaps } from '../../../src/cli/gaps.js';
import { groupQuestions } from '../../../src/review/gaps.js';
import { runStats } from '../../../src/cli/stats.js';
import type { StoreIo } from '../../../src/cli/store-io.js';
import { ConfigSchema } from '../../../src/config/schema.js';
import { ok } from '../../../src/common/result.js';
import { MemoryStore } from '../../../src/store/memory.js';
import { openStore } from '../../../src/store/open.js';
import type { Store } from '../../../src/store/store.js';
import { london, manualClock } from '../store/contract.js';

const root = join(import.meta.dirname, '../../..');
const config = ConfigSchema.parse({ DATA_DIR: '/nonexistent/should-not-be-used' });
const NOW = '2026-03-23T12:00:00Z';

type Runner = (args: string[], io: StoreIo) => Promise<number>;
async function run(cmd: Runner, args: string[], store?: Store) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await cmd(args, {
    out: (s) => out.push(s), err: (s) => err.push(s), config, clock: manualClock(NOW),
    openStore: async () => {
      if (!store) throw new Error('this command must not open a store');
      return ok(store);
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function seeded(): Promise<MemoryStore> {
  const clock = manualClock('2026-03-20T10:00:00Z');
  const s = new MemoryStore(clock);
  await s.upsertInstallation({ platform: 'slack', workspace: 'T1', name: 'Acme', botUserId: 'U_BOT' });
  await s.upsertSubscription(london({ createdBy: 'U_ALICE' }));
  await s.recordDone('slack', 'T1', 'C1', '2026-03-20');
  await s.recordQuestion({ platform: 'slack', workspace: 'T1', channel: 'C1', day: '2026-03-20', kind: 'answer', tags: ['sitting'] });
  await s.recordQuestion({ platform: 'slack', workspace: 'T1', channel: '(direct)', day: '2026-03-21', kind: 'out_of_scope', tags: [] });
  await s.recordQuestion({ platform: 'discord', workspace: 'G1', channel: 'C9', day: '2026-03-21', kind: 'answer', tags: ['sleep'] });
  for (const q of ['How do I fix my chair?', 'fixing my chair', 'how do i fix my chair']) await s.recordUnanswered(q, 'low_confidence', 0.3, { platform: 'slack', workspace: 'T1' });
  await s.recordUnanswered('is a wobble cushion worth it', 'low_confidence', 0.2);
  clock.set('2026-01-01T10:00:00Z');
  await s.recordUnanswered('too old to show', 'low_confidence', 0.2);
  await s.recordFeedback('heat-or-ice', false);
  clock.set('2026-03-22T10:00:00Z');
  await s.recordFeedback('heat-or-ice', false);
  await s.recordFeedback('heat-or-ice', true);
  await s.recordFeedback('no-such-entry', false);
  await s.contexts.set('slack:T1:C1:1.0', { lastEntryId: 'heat-or-ice', lastTags: [], offered: [], crisis: false, safety: [], turns: 1 }, new Date('2026-03-23T13:00:00Z'));
  return s;
}

describe('backbuddy stats', () => {
  it('prints per-channel counts and a total for the last 30 UTC days', async () => {
    const r = await run(runStats, [], await seeded());
    expect(r.code).toBe(0);
    expect(r.out).toContain('stats: 2026-02-22 to 2026-03-23 (UTC), 3 channels');
    expect(r.out).toContain('slack/T1/C1\n  nudges sent 0, Done clicks 1, questions 1 (answered 1)\n  by tag: sitting 1');
    expect(r.out).toContain('slack/T1/(direct)\n  nudges sent 0, Done clicks 0, questions 1 (answered 0)');
    expect(r.out).toMatch(/all channels\n {2}nudges sent 0, Done clicks 1, questions 3 \(answered 2\)\n {2}by tag: sitting 1, sleep 1$/);
  });

  it('narrows to one workspace or guild, and prints JSON', async () => {
    const r = await run(runStats, ['--guild', 'G1', '--json', '--days=7'], await seeded());
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ fromDay: '2026-03-17', toDay: '2026-03-23', total: { questions: 1, byTag: { sleep: 1 } } });
    expect(j.channels.map((c: { channel: string }) => c.channel)).toEqual(['C9']);
  });
});

describe('backbuddy kb gaps', () => {
  it('groups the last 30 days of unanswered questions and lists entries marked not helpful', async () => {
    const r = await run(runGaps, [], await seeded());
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.slice(0, -1)).toEqual([
      'kb gaps: the last 30 days (since 2026-02-21)',
      '',
      'Questions not answered well: 4, in 2 groups',
      '    3  fixing my chair  (last 2026-03-20)',
      '         also: how do i fix my chair',
      '         also: how do i fix my chair?',
      '    1  is a wobble cushion worth it  (last 2026-03-20)',
      '',
      'Answers marked not helpful: 2 entries',
      '    1 of 1  no-such-entry  (no longer in the knowledge base)',
    ]);
    // The entry's title comes from the knowledge base.
    expect(lines.at(-1)).toMatch(/^ {4}1 of 2 {2}heat-or-ice {2}\S/);
  });

  it('groups wordings with the same content words whatever their order', () => {
    const at = new Date(NOW);
    const q = (text: string) => ({ id: text, text, reason: 'low_confidence' as const, confidence: 0.3, at, platform: null, workspace: null });
    const groups = groupQuestions([q('chair back support'), q('support for my back in a chair'), q('standing mat')]);
    expect(groups.map((g) => [g.count, g.text])).toEqual([[2, 'chair back support'], [1, 'standing mat']]);
  });

  it('takes --days, --limit and --json', async () => {
    const r = await run(runGaps, ['--days', '2', '--limit', '1', '--json'], await seeded());
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ days: 2, questions: 0, unanswered: [] });
    expect(j.notHelpful).toHaveLength(1);
  });
});

describe('backbuddy data', () => {
  it('exports one workspace as JSON, including who turned nudges on, and nothing of another', async () => {
    const r = await run(runData, ['export', '--workspace', 'T1'], await seeded());
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ exportedAt: '2026-03-23T12:00:00.000Z', platform: 'slack', workspace: 'T1', installation: { name: 'Acme' } });
    expect(j.subscriptions[0].createdBy).toBe('U_ALICE');
    expect(j.unansweredQuestions).toHaveLength(3);
    expect(j.conversationContexts).toHaveLength(1);
    expect(r.out).not.toContain('G1');
  });

  it('purges one workspace with --yes and says what went', async () => {
    const store = await seeded();
    const r = await run(runData, ['purge', '--workspace=T1', '--yes'], store);
    expect(r).toEqual({
      code: 0, err: '',
      out: 'purged Slack workspace T1: 1 installation, 1 nudge subscription, 0 nudge deliveries, 1 Done count, 3 question counts, 3 unanswered questions, 1 conversation context, 0 uploaded illustrations',
    });
    expect((await store.exportWorkspace('slack', 'T1')).subscriptions).toEqual([]);
    expect((await store.channelStats({ fromDay: '2026-03-01', toDay: '2026-03-31' })).map((c) => c.workspace)).toEqual(['G1']);
  });
});

describe('usage errors: one line on stderr, nothing on stdout, exit 2, and no store opened', () => {
  it.each([
    [runData, [], 'backbuddy data: expected a command, export or purge (see backbuddy data --help)'],
    [runData, ['wipe'], 'backbuddy data: unknown command "wipe"; expected export or purge (see backbuddy data --help)'],
    [runData, ['export'], 'backbuddy data export: expected --workspace ID (a Slack team id, e.g. T0123ABCD) or --guild ID (a Discord server id) (see backbuddy data export --help)'],
    [runData, ['export', '--workspace', 'T1', '--guild', 'G1'], 'backbuddy data export: --workspace and --guild name one workspace each; give one of them (see backbuddy data export --help)'],
    [runData, ['export', '--workspace'], 'backbuddy data export: --workspace expects a value (see backbuddy data export --help)'],
    [runData, ['export', '--workspace', 'T1', '--workspace', 'T2'], 'backbuddy data export: --workspace given twice (see backbuddy data export --help)'],
    [runData, ['export', '--workspace', 'T1', '--yes'], 'backbuddy data export: unknown option --yes (see backbuddy data export --help)'],
    [runData, ['purge', '--workspace', 'T1'], 'backbuddy data purge: deletes everything stored about Slack workspace T1; add --yes to confirm'],
    [runData, ['purge', '--guild', 'G1', '--yes=please'], 'backbuddy data purge: --yes takes no value (see backbuddy data purge --help)'],
    [runData, ['purge', 'T1', '--yes'], 'backbuddy data purge: unexpected argument "T1" (see backbuddy data purge --help)'],
    [runStats, ['--days', '0'], 'backbuddy stats: --days: expected a whole number from 1 to 366 (got "0")'],
    [runStats, ['--days', 'week'], 'backbuddy stats: --days: expected a whole number from 1 to 366 (got "week")'],
    [runStats, ['now'], 'backbuddy stats: unexpected argument "now" (see backbuddy stats --help)'],
    [runGaps, ['--days', '31'], 'backbuddy kb gaps: --days: expected a whole number from 1 to 30 (got "31")'],
    [runGaps, ['--limit', '-3'], 'backbuddy kb gaps: --limit: expected a whole number from 1 to 1000 (got "-3")'],
    [runGaps, ['--bogus'], 'backbuddy kb gaps: unknown option --bogus (see backbuddy kb gaps --help)'],
  ] as Array<[Runner, string[], string]>)('%#: %j', async (cmd, args, line) => {
    expect(await run(cmd, args)).toEqual({ code: 2, out: '', err: line });
  });

  it.each([
    [runData, ['--help']], [runData, ['export', '--help']], [runData, ['purge', '-h']], [runStats, ['--help']], [runGaps, ['--help']],
  ] as Array<[Runner, string[]]>)('--help: %j', async (cmd, args) => {
    const r = await run(cmd, args);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^usage: backbuddy /);
  });
});

describe('on the real store (PGlite in DATA_DIR)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backbuddy-cli-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const pgConfig = ConfigSchema.parse({ DATA_DIR: dir });
  const cli = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), config: pgConfig });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('exports, purges and exports again through runCli', async () => {
    const opened = await openStore(pgConfig);
    if (!opened.ok) throw new Error(opened.error.message);
    await opened.value.upsertSubscription(london({ workspace: 'T9' }));
    await opened.value.recordUnanswered('chair question', 'low_confidence', 0.3, { platform: 'slack', workspace: 'T9' });
    await opened.value.close();
    const before = await cli(['data', 'export', '--workspace', 'T9']);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.out).unansweredQuestions.map((q: { text: string }) => q.text)).toEqual(['chair question']);
    expect((await cli(['data', 'purge', '--workspace', 'T9', '--yes'])).out).toMatch(/^purged Slack workspace T9: 0 installations, 1 nudge subscription, /);
    const stats = await cli(['stats', '--workspace', 'T9', '--json']);
    expect(JSON.parse(stats.out).channels).toEqual([]);
  });
});

// The compiled CLI: commands that need no store must not open one (PGlite costs seconds and memory).
const built = existsSync(join(root, 'dist/src/cli/main.js'));
if (!built) it.skip('dist/ is not built: the compiled backbuddy command is not tested (npm test builds it first)', () => {});
describe.runIf(built)('commands that need no store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backbuddy-no-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.each([[['ask', 'is bed rest good for back pain?']], [['tip', 'hips']], [['kb', 'check']]])('%j never opens PGlite', (args) => {
    const dataDir = join(dir, args[0]!);
    const r = spawnSync(process.execPath, [join(root, 'bin/backbuddy.js'), ...args], {
      cwd: root, encoding: 'utf8', env: { ...process.env, SLACK_BOT_TOKEN: '', DATABASE_URL: '', DATA_DIR: dataDir },
    });
    expect(r.status).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  });
});
