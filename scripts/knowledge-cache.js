#!/usr/bin/env node
// Run by `npm run build` after tsc: loads the knowledge base once so that the parsed YAML and the built
// search index are saved in node_modules/.cache/backbuddy (src/knowledge/yaml-cache.ts, index-cache.ts)
// and the first `backbuddy ask` reads them instead of building them. It never fails the build: without
// the caches every command still works, only its first run is slower.
try {
  const { createAssistant } = await import('../dist/src/core/assistant.js');
  createAssistant();
} catch (e) {
  process.stderr.write(`knowledge cache: not written (${e instanceof Error ? e.message : String(e)}); the first run will build it\n`);
}
