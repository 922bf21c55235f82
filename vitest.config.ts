import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    // The PGlite template is made once per run here; every new PGlite store in the tests loads it.
    globalSetup: ['./test/global-setup.ts'],
    // PGlite and fake servers are opened once per file; 2 cores, so two files at a time.
    maxWorkers: 2,
    // Guards against a hang, not speed limits (those are in bench/): sized for a cold first run on 2
    // cores, where importing PGlite, Bolt and the knowledge base can take several times the usual.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
