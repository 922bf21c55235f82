#!/usr/bin/env node
// Run by `npm run build` after tsc: makes the empty-database template (a tarball and a directory) that
// lets a new PGlite store open in about 2 s instead of running initdb (see src/store/pglite-template.ts).
// Quiet when it is already there. It never fails the build: without a template the store still opens,
// only more slowly.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';

try {
  const { ensurePgliteTemplate, pgliteTemplatePath, templateDirOf } = await import('../dist/src/store/pglite-template.js');
  const path = pgliteTemplatePath();
  if (path && (!existsSync(path) || !existsSync(templateDirOf(path)))) {
    const t0 = performance.now();
    await ensurePgliteTemplate(path);
    process.stdout.write(`pglite template: made ${relative(process.cwd(), templateDirOf(path))} (and .tar.gz) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
} catch (e) {
  process.stderr.write(`pglite template: not made (${e instanceof Error ? e.message : String(e)}); new stores will run initdb instead\n`);
}
