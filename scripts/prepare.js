#!/usr/bin/env node
// Run by npm on `npm install` / `npm ci`: builds dist/ (npm run build). A production install
// (`npm ci --omit=dev`, as the Dockerfile's runtime stage does) has no TypeScript; there the build is
// skipped and the dist/ copied in beside it is used, so such an install never fails here.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let hasTsc = true;
try {
  require.resolve('typescript/package.json');
} catch {
  hasTsc = false;
}
if (!hasTsc) {
  const built = existsSync(new URL('../dist/src/cli/main.js', import.meta.url));
  process.stdout.write(`prepare: TypeScript is not installed (a production install); not building${built ? ', using the dist/ that is here' : '; copy a built dist/ in before running backbuddy'}\n`);
  process.exit(0);
}
const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
