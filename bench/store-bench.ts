/**
 * npm run bench:store — what opening the PGlite store costs, in fresh processes as the CLI meets it:
 * a new DATA_DIR made by initdb, a new DATA_DIR loaded from the template (what `npm run build` makes
 * and openStore uses), and reopening an existing one. Then the CLI's `nudges list` on an empty and on an
 * existing DATA_DIR. Wall time includes Node's start; peak memory is the process's maximum RSS.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePgliteTemplate } from '../src/store/pglite-template.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pgliteModule = new URL('../src/store/pglite.js', import.meta.url).href;
const ROUNDS = 3;

/** One fresh process that opens PGlite in `dir` and prints its open time and peak RSS. */
function openInChild(dir: string, template: 'use' | 'none'): { openMs: number; wallMs: number; rssMb: number } {
  const script = `
    const { openPglite } = await import(${JSON.stringify(pgliteModule)});
    const t0 = performance.now();
    const db = await openPglite(${JSON.stringify(dir)}, ${template === 'none' ? '{ template: null }' : '{}'});
    await db.query('SELECT 1');
    const openMs = performance.now() - t0;
    await db.close();
    process.stdout.write(JSON.stringify({ openMs, rssMb: process.resourceUsage().maxRSS / 1024 }));`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return { ...(JSON.parse(r.stdout) as { openMs: number; rssMb: number }), wallMs: performance.now() - t0 };
}

function cli(dataDir: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin/backbuddy.js'), 'nudges', 'list'], { cwd: root, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } });
  if (r.status !== 0) throw new Error(`nudges list failed: ${r.stderr}`);
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const row = (label: string, runs: { openMs: number; wallMs: number; rssMb: number }[]) =>
  console.log(`${label.padEnd(34)} open ${median(runs.map((r) => r.openMs)).toFixed(0).padStart(5)} ms   process ${median(runs.map((r) => r.wallMs)).toFixed(0).padStart(5)} ms   peak RSS ${median(runs.map((r) => r.rssMb)).toFixed(0).padStart(4)} MB`);

const scratch = mkdtempSync(join(tmpdir(), 'backbuddy-store-bench-'));
try {
  if (!(await ensurePgliteTemplate())) throw new Error('no node_modules/.cache for the template');
  console.log(`bench:store: median of ${ROUNDS} fresh processes each\n`);
  const initdb = Array.from({ length: ROUNDS }, (_, i) => openInChild(join(scratch, `initdb-${i}`), 'none'));
  const loaded = Array.from({ length: ROUNDS }, (_, i) => openInChild(join(scratch, `template-${i}`), 'use'));
  const reopened = Array.from({ length: ROUNDS }, (_, i) => openInChild(join(scratch, `template-${i}`), 'use'));
  row('new data dir, initdb', initdb);
  row('new data dir, from the template', loaded);
  row('existing data dir, reopened', reopened);
  console.log(`ratio initdb / template: ${(median(initdb.map((r) => r.openMs)) / median(loaded.map((r) => r.openMs))).toFixed(2)}x\n`);

  const empty = Array.from({ length: ROUNDS }, (_, i) => cli(join(scratch, `cli-${i}`)));
  const again = Array.from({ length: ROUNDS }, (_, i) => cli(join(scratch, `cli-${i}`)));
  console.log(`backbuddy nudges list, empty DATA_DIR:    median ${median(empty).toFixed(0)} ms`);
  console.log(`backbuddy nudges list, existing DATA_DIR: median ${median(again).toFixed(0)} ms`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
