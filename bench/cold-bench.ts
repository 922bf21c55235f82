// npm run bench:cold — two measurements of a cold start.
// 1. `backbuddy ask "…"` from a cold process to its printed answer, against a bare script
//    (bench/cold-bare.ts) that loads the same entries into MiniSearch and answers one query. Both run
//    in this process's run, alternated, BENCH_RUNS times each (default 9) after one warm-up of each (the
//    operating system's file cache); prints the medians and the ratio (target ≤ 1.5). Exits 1 above it.
// 2. First answer from a fresh DATA_DIR: `backbuddy start` (what `npm start` runs, without npm's own
//    start-up) with no platform settings, on a pseudo-terminal (util-linux `script`) so that it is the
//    interactive terminal chat, which opens a PGlite store in the new DATA_DIR. A question is typed when
//    the prompt shows; the first answer is timed from spawn. Then a second question is typed at once,
//    while the store is still opening, and its answer timed; then /quit, and the process exits once
//    the store has opened and closed. BENCH_FIRST_RUNS times (default 5); medians. Skipped without
//    `script`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bare = fileURLToPath(new URL('./cold-bare.js', import.meta.url));
const QUERY = 'why do my hips ache after sitting all day?';
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const FIRST_RUNS = Number(process.env.BENCH_FIRST_RUNS ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');

function time(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const elapsed = performance.now() - t0;
  if (r.status !== 0 || !r.stdout.trim()) throw new Error(`${args.join(' ')} failed: ${r.stderr.trim().slice(0, 300)}`);
  return elapsed;
}

function askAgainstBare(): boolean {
  const ask = [`${root}bin/backbuddy.js`, 'ask', QUERY];
  const base = [bare, root, QUERY];
  time(ask);
  time(base);
  const asks: number[] = [];
  const bares: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    asks.push(time(ask));
    bares.push(time(base));
  }
  const ratio = median(asks) / median(bares);
  console.log(`cold start to first answer, ${RUNS} runs each, alternated (Node ${process.version}):`);
  console.log(`  bare MiniSearch script   median ${median(bares).toFixed(0)} ms   runs: ${ms(bares)}`);
  console.log(`  backbuddy ask            median ${median(asks).toFixed(0)} ms   runs: ${ms(asks)}`);
  console.log(`  ratio ask/bare           ${ratio.toFixed(2)}   (target ≤ 1.5) ${ratio <= 1.5 ? 'OK' : 'ABOVE TARGET'}`);
  return ratio <= 1.5;
}

type FirstRun = { first: number; second: number; exit: number };

/** One terminal chat on a fresh DATA_DIR: ms from spawn to the first answer, the second answer's own ms, ms to exit. */
function terminalChat(): Promise<FirstRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bb-first-answer-'));
  // No platform and no PostgreSQL, whatever the environment or .env says (set variables win over .env).
  const env = { ...process.env, DATA_DIR: dataDir, SLACK_BOT_TOKEN: '', SLACK_CLIENT_ID: '', DISCORD_TOKEN: '', DATABASE_URL: '' };
  const t0 = performance.now();
  const child = spawn('script', ['-q', '-e', '-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(`${root}bin/backbuddy.js`)} start`, '/dev/null'], { cwd: root, env, stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let prompted = false;
    let first = 0;
    let second = 0;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const answers = out.match(/backbuddy> \S/g)?.length ?? 0;
      if (!prompted && out.includes('you> ')) {
        prompted = true;
        child.stdin.write(`${QUERY}\r`);
      }
      if (!first && answers >= 1) {
        first = performance.now() - t0;
        child.stdin.write('is heat or ice better?\r');
      }
      if (!second && answers >= 2) {
        second = performance.now() - t0 - first;
        child.stdin.write('/quit\r');
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      rmSync(dataDir, { recursive: true, force: true });
      if (code !== 0 || !second) reject(new Error(`backbuddy start exited ${code} before two answers:\n${out.slice(-500)}`));
      else resolve({ first, second, exit: performance.now() - t0 });
    });
  });
}

async function firstAnswer(): Promise<void> {
  if (spawnSync('script', ['--version']).status !== 0) {
    console.log('first answer from a fresh DATA_DIR: skipped (needs util-linux `script` for a pseudo-terminal)');
    return;
  }
  await terminalChat(); // warm-up: the operating system's file cache
  const runs: FirstRun[] = [];
  for (let i = 0; i < FIRST_RUNS; i++) runs.push(await terminalChat());
  const of = (k: keyof FirstRun) => runs.map((r) => r[k]);
  console.log(`first answer from a fresh DATA_DIR, terminal chat (backbuddy start, no platform), ${FIRST_RUNS} runs:`);
  console.log(`  spawn to first answer        median ${median(of('first')).toFixed(0)} ms   runs: ${ms(of('first'))}`);
  console.log(`  next question, store opening median ${median(of('second')).toFixed(0)} ms   runs: ${ms(of('second'))}`);
  console.log(`  spawn to exit after /quit   median ${median(of('exit')).toFixed(0)} ms   runs: ${ms(of('exit'))}`);
}

const ok = askAgainstBare();
await firstAnswer();
process.exitCode = ok ? 0 : 1;
