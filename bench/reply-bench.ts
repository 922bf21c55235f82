// `npm run bench`: latency of the core's reply() over the eval set, against a bare MiniSearch
// query on the same index in the same run, and the CLI's cold start to its first answer.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createAssistant } from '../src/core/assistant.js';
import { buildIndex } from '../src/knowledge/index.js';
import { loadEval } from '../test/eval/eval-lib.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const items = loadEval(`${root}test/eval/questions.jsonl`);
const assistant = createAssistant();
const index = buildIndex(assistant.kb);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

async function measure(label: string, fn: (text: string, i: number) => unknown, rounds = 5) {
  for (const it of items.slice(0, 30)) await fn(it.text, 0); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [i, it] of items.entries()) {
      const t0 = performance.now();
      await fn(it.text, r * items.length + i);
      times.push(performance.now() - t0);
    }
  }
  const p50 = quantile(times, 0.5);
  const p99 = quantile(times, 0.99);
  console.log(`${label.padEnd(28)} n=${times.length}  p50 ${p50.toFixed(3)} ms  p99 ${p99.toFixed(3)} ms`);
  return { p50, p99 };
}

const bare = await measure('bare MiniSearch query', (text) => index.search(text));
const core = await measure('reply() (full pipeline)', (text, i) => assistant.reply({ text, conversation: `bench-${i}` }));
console.log(`ratio reply()/bare: p50 ${(core.p50 / bare.p50).toFixed(2)}x, p99 ${(core.p99 / bare.p99).toFixed(2)}x (target <= 5)`);

const colds: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [`${root}bin/backbuddy.js`, 'ask', 'why do my hips ache after sitting all day?'], { cwd: root, encoding: 'utf8' });
  colds.push(performance.now() - t0);
  if (r.status !== 0) throw new Error(`cold start run failed: ${r.stderr}`);
}
console.log(`CLI cold start to first answer (backbuddy ask, 5 runs): median ${quantile(colds, 0.5).toFixed(0)} ms, max ${Math.max(...colds).toFixed(0)} ms (target < 1000 ms)`);
