#!/usr/bin/env node
// Run by `npm run build` after tsc: makes the empty-database template that lets a new PGlite store open
// in about 2 s instead of running initdb (see src/store/pglite-template.ts). Quiet when it is already
// there. It never fails the build: without a template the store still opens, only more slowly.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';

try {
  const { ensurePgliteTemplate, pgliteTemplatePath } = await import('../dist/src/store/pglite-template.js');
  const path = pgliteTemplatePath();
  if (path && !existsSync(path)) {
    const t0 = performance.now();
    await ensurePgliteTemplate(path);
    process.stdout.write(`pglite template: made ${relative(process.cwd(), path)} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
} catch (e) {
  process.stderr.write(`pglite template: not made (${e instanceof Error ? e.message : String(e)}); new stores will run initdb instead\n`);
}
