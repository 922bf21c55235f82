// Transitional: src/shared moved to src/common. Kept only until the last importer (src/core/triage.ts, whose
// owner moves it) imports ../common/result.js; then delete this folder.
export * from '../common/result.js';
