// Prints one plain closing line, "N passed, N failed, N skipped", that CI tooling reads in any language.
// Before it, one line per skipped test: the default reporter shows only a count, and a skipped test's
// name says why (e.g. "TEST_DATABASE_URL is not set: PostgreSQL tests skipped …").
import type { Reporter, TestModule } from 'vitest/node';

const SHOWN = 20;

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    const skipped: string[] = [];
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped.push(`${m.relativeModuleId}: ${t.fullName}`);
      }
    }
    const lines = skipped.slice(0, SHOWN).map((s) => `skipped: ${s}`);
    if (skipped.length > SHOWN) lines.push(`skipped: … and ${skipped.length - SHOWN} more`);
    process.stdout.write(`\n${lines.length ? `${lines.join('\n')}\n` : ''}${passed} passed, ${failed} failed, ${skipped.length} skipped\n`);
  }
}
