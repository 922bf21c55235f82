// npm run bench:cold — `backbuddy ask "…"` from a cold process to its printed answer, against a bare
// script (bench/cold-bare.ts) that loads the same entries into MiniSearch and answers one query. Both run
// in this process's run, alternated, BENCH_RUNS times each (default 9) after one warm-up of each (the
// operating system's file cache); prints the medians and the ratio (target ≤ 1.5). Exits 1 above it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bare = fileURLToPath(new URL('./cold-bare.js', import.meta.url));
const QUERY = 'why do my hips ache after sitting all day?';
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

function time(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0 || !r.stdout.trim()) throw new Error(`${args.join(' ')} failed: ${r.stderr.trim().slice(0, 300)}`);
  return ms;
}

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
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ratio = median(asks) / median(bares);
console.log(`cold start to first answer, ${RUNS} runs each, alternated (Node ${process.version}):`);
console.log(`  bare MiniSearch script   median ${median(bares).toFixed(0)} ms   runs: ${bares.map((x) => x.toFixed(0)).join(', ')}`);
console.log(`  backbuddy ask            median ${median(asks).toFixed(0)} ms   runs: ${asks.map((x) => x.toFixed(0)).join(', ')}`);
console.log(`  ratio ask/bare           ${ratio.toFixed(2)}   (target ≤ 1.5) ${ratio <= 1.5 ? 'OK' : 'ABOVE TARGET'}`);
process.exitCode = ratio <= 1.5 ? 0 : 1;
