import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.js';
import { ConfigSchema } from '../../../src/config/schema.js';

const config = ConfigSchema.parse({ DEFAULT_TZ: 'UTC', DATA_DIR: '/nonexistent/must-not-be-used' });
const version = (JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string }).version;

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), config }, { start: async () => 99 });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the command line refuses what it does not know: exit 2, one line on stderr naming it', () => {
  it.each([
    [['ask', '--bogus', 'hi'], 'backbuddy ask: unknown option --bogus (see backbuddy ask --help)'],
    [['ask', '--bogus', '--x', 'hi'], 'backbuddy ask: unknown options --bogus, --x (see backbuddy ask --help)'],
    [['tip', '--x'], 'backbuddy tip: unknown option --x (see backbuddy tip --help)'],
    [['--bogus'], 'backbuddy: unknown option --bogus (see backbuddy --help)'],
    [['frobnicate'], 'backbuddy: unknown command "frobnicate"; expected one of chat, start, ask, tip, kb, nudges, stats, data, help (see backbuddy --help)'],
    [['help', 'frobnicate'], 'backbuddy: unknown command "frobnicate"; expected one of chat, start, ask, tip, kb, nudges, stats, data, help (see backbuddy --help)'],
    [['chat', 'extra'], 'backbuddy chat: unexpected argument "extra" (see backbuddy chat --help)'],
    [['start', '--bogus'], 'backbuddy start: unknown option --bogus (see backbuddy start --help)'],
    [['ask'], 'backbuddy ask: expected a question, e.g. backbuddy ask "what helps tight hips?", or --jsonl (see backbuddy ask --help)'],
    [['ask', '--jsonl', 'extra'], 'backbuddy ask: --jsonl reads its requests from stdin; expected no question after it (got "extra")'],
    [['kb'], 'backbuddy kb: expected a command, check, list or gaps (see backbuddy kb --help)'],
    [['kb', 'frobnicate'], 'backbuddy kb: unknown command "frobnicate"; expected check, list or gaps (see backbuddy kb --help)'],
    [['kb', '--bogus'], 'backbuddy kb: unknown option --bogus (see backbuddy kb --help)'],
    [['kb', 'check', '--x'], 'backbuddy kb check: unknown option --x (see backbuddy kb check --help)'],
    [['kb', 'check', 'extra'], 'backbuddy kb check: unexpected argument "extra" (see backbuddy kb check --help)'],
    [['kb', 'list', 'hamstrings', 'extra'], 'backbuddy kb list: unexpected argument "extra" (see backbuddy kb list --help)'],
    [['kb', 'list', '--x'], 'backbuddy kb list: unknown option --x (see backbuddy kb list --help)'],
    [['nudges'], 'backbuddy nudges: expected a command, one of preview, add, list, pause, resume, remove (see backbuddy nudges --help)'],
    [['nudges', 'frobnicate'], 'nudges frobnicate: not a command; expected one of preview, add, list, pause, resume, remove (see backbuddy nudges --help)'],
    [['nudges', 'list', '--bogus'], '--bogus: not an option here; expected one of --platform, --workspace, --json, --help'],
    [['nudges', 'preview', 'extra'], 'extra: not an option here; expected one of every, cron, hours, days, tz, from, count, json, help'],
  ])('%j', async (args, line) => {
    const r = await cli(...args);
    expect(r).toEqual({ code: 2, out: '', err: line });
  });

  it('rejects an unknown nudge focus, naming it and listing the ones there are', async () => {
    const r = await cli('nudges', 'add', '--focus', 'hips,banana');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^--focus: unknown focus "banana"; expected a comma list of .*\bhamstrings\b.*\bhips\b.*\bneck\b/);
    expect(r.err.split('\n')).toHaveLength(1);
  });

  it('names an unknown tag for kb list, with the known ones', async () => {
    const r = await cli('kb', 'list', 'banana');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^backbuddy kb list: unknown tag "banana"; known tags: .*hamstrings/);
  });

  it('takes a question that starts with a dash after --', async () => {
    const r = await cli('ask', '--', '--is bed rest good for back pain?');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Sources:/);
  });
});

describe('--version and --help', () => {
  it('prints the package version', async () => {
    expect(await cli('--version')).toEqual({ code: 0, out: version, err: '' });
  });

  it.each([
    [['--help'], 'usage:'],
    [['-h'], 'usage:'],
    [['help'], 'usage:'],
    [['chat', '--help'], 'usage: backbuddy [chat]'],
    [['help', 'chat'], 'usage: backbuddy [chat]'],
    [['start', '--help'], 'usage: backbuddy start'],
    [['ask', '--help'], 'usage: backbuddy ask "question"'],
    [['ask', '-h'], 'usage: backbuddy ask "question"'],
    [['help', 'ask'], 'usage: backbuddy ask "question"'],
    [['tip', '--help'], 'usage: backbuddy tip [topic]'],
    [['kb', '--help'], 'usage: backbuddy kb check'],
    [['kb', 'check', '--help'], 'usage: backbuddy kb check'],
    [['kb', 'list', '--help'], 'backbuddy kb list [tag]'],
    [['help', 'kb'], 'usage: backbuddy kb check'],
    [['nudges', '--help'], 'backbuddy nudges preview'],
    [['help', 'nudges'], 'backbuddy nudges preview'],
    ...['preview', 'add', 'list', 'pause', 'resume', 'remove'].map((sub) => [['nudges', sub, '--help'], `backbuddy nudges ${sub}`] as [string[], string]),
  ])('%j prints help to stdout and exits 0', async (args, text) => {
    const r = await cli(...args);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain(text);
  });

  it('shows help for start instead of starting', async () => {
    expect((await cli('start', '--help')).code).toBe(0);
    expect((await cli('start')).code).toBe(99);
  });
});
