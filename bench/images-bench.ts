/**
 * npm run bench:images — what the routine illustrations cost: loading resvg, rendering each SVG to an
 * 800 px PNG (first use), reading a cached PNG (every later use in a new process), and the PNG sizes.
 * The render-once figure is what the first nudge of each routine after a deploy pays; the cached
 * read is what every other one pays. Timings are wall clock on this machine, so read them as ratios.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledge } from '../src/knowledge/load.js';
import { createRoutineImages } from '../src/images/routine-images.js';

const { kb } = loadKnowledge();
const ids = kb.entries.filter((e) => e.kind === 'stretch').map((e) => e.id);
const cacheDir = mkdtempSync(join(tmpdir(), 'backbuddy-images-bench-'));
const log = { warn: (o: object) => console.error('warn', o) } as never;
const ms = (t0: number) => performance.now() - t0;

try {
  let t0 = performance.now();
  await import('@resvg/resvg-js');
  const importMs = ms(t0);
  const first = createRoutineImages({ knowledgeDir: kb.dir, cacheDir, entryIds: ids, log });
  const renders: number[] = [];
  const sizes: number[] = [];
  for (const id of ids) {
    t0 = performance.now();
    const png = await first.png(id);
    renders.push(ms(t0));
    sizes.push(png?.bytes.length ?? 0);
  }
  const cached = createRoutineImages({ knowledgeDir: kb.dir, cacheDir, entryIds: ids, log });
  const reads: number[] = [];
  for (const id of ids) {
    t0 = performance.now();
    await cached.png(id);
    reads.push(ms(t0));
  }
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `median ${s[Math.floor(s.length / 2)]!.toFixed(1)}, max ${s[s.length - 1]!.toFixed(1)}`;
  };
  console.log(`illustrations: ${ids.length}`);
  console.log(`import @resvg/resvg-js: ${importMs.toFixed(1)} ms`);
  console.log(`render SVG → 800 px PNG (first use), ms: ${stats(renders)}; total ${renders.reduce((a, b) => a + b, 0).toFixed(0)}`);
  console.log(`cached PNG read (new instance), ms: ${stats(reads)}`);
  console.log(`PNG size, KB: ${stats(sizes.map((b) => b / 1024))}; all ${(sizes.reduce((a, b) => a + b, 0) / 1024).toFixed(0)}`);
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
