#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run automatically by `prepare` on install).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('backbuddy: not built yet; run `npm install` (or `npm run build`) first.\n');
  process.exit(2);
}
// `backbuddy kb list | head` closes the pipe early; that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
// The server caps V8's young generation (dist/app/heap.js says why) before anything else is loaded:
// loading the CLI alone grows it to V8's own limit.
if (process.argv[2] === 'start') (await import(new URL('../dist/app/heap.js', import.meta.url).href)).capYoungGeneration();
const { runCli } = await import(main.href);
process.exitCode = await runCli(process.argv.slice(2), {}, {
  // Start-up wires the adapters, so it lives outside src/ (dist/app/start.js) and is imported only for `start`.
  start: async () => (await import(new URL('../dist/app/start.js', import.meta.url).href)).start(),
});
