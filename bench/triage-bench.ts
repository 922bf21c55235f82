// `npm run bench:triage`: triage latency on the development half of the blind safety corpus and on
// adversarial 2,000-character messages, against normalising the same text (the floor every
// triage pays) in the same run. Unit tests carry no timings; this is where they live.
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { assess, loadSafetyRules, normaliseText } from '../src/core/triage.js';
import { loadSafetySet } from '../test/eval/safety-lib.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const loaded = loadSafetyRules(`${root}knowledge/safety.yaml`);
if (!loaded.ok) throw new Error(loaded.error.map((p) => p.message).join('\n'));
const rules = loaded.value;
const texts = loadSafetySet(`${root}test/eval/safety/dev.jsonl`).flatMap((i) => (i.type === 'conversation' ? i.turns : [i.text]));
const adversarial = [
  'numb '.repeat(400),
  'no numb bum '.repeat(170),
  'a'.repeat(2000),
  ', '.repeat(1000),
  'my back hurts both legs and i feel numb in my bum when sitting '.repeat(32),
  'i want to end it '.repeat(117),
].map((t) => t.slice(0, 2000));

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;
function measure(label: string, inputs: string[], fn: (t: string) => unknown, rounds = 5) {
  for (const t of inputs.slice(0, 50)) fn(t);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) for (const t of inputs) {
    const t0 = performance.now();
    fn(t);
    times.push(performance.now() - t0);
  }
  const s = { p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: Math.max(...times) };
  console.log(`${label.padEnd(34)} n=${times.length}  p50 ${s.p50.toFixed(3)} ms  p99 ${s.p99.toFixed(3)} ms  max ${s.max.toFixed(2)} ms`);
  return s;
}

const first = performance.now();
assess('my back hurts', rules);
console.log(`first triage (compiles the rules)   ${(performance.now() - first).toFixed(1)} ms`);
const floor = measure('normaliseText (floor)', texts, normaliseText);
const corpus = measure('assess, corpus messages', texts, (t) => assess(t, rules, { prior: ['back'] }));
const worst = measure('assess, adversarial 2,000 chars', adversarial, (t) => assess(t, rules), 20);
console.log(`ratio assess/normalise: p50 ${(corpus.p50 / floor.p50).toFixed(1)}x; adversarial max ${worst.max.toFixed(1)} ms (target < 50 ms)`);
