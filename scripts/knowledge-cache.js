#!/usr/bin/env node
// Run by `npm run build` after tsc: loads the knowledge base once so that the parsed YAML, the built
// search index, the safety patterns' literals and the compact safety model are saved in
// node_modules/.cache/backbuddy (src/knowledge/yaml-cache.ts and index-cache.ts, src/core/patterns.ts
// and model-cache.ts) and the first `backbuddy ask` reads them instead of working them out. It never
// fails the build: without the caches every command still works, only its first run is slower.
try {
  const { createAssistant } = await import('../dist/src/core/assistant.js');
  createAssistant();
} catch (e) {
  process.stderr.write(`knowledge cache: not written (${e instanceof Error ? e.message : String(e)}); the first run will build it\n`);
}
