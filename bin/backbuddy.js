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
const { runCli } = await import(main.href);
process.exitCode = await runCli(process.argv.slice(2), {}, {
  // Start-up wires the adapters, so it lives outside src/ (dist/app/start.js) and is imported only for `start`.
  start: async () => (await import(new URL('../dist/app/start.js', import.meta.url).href)).start(),
});
