// Transitional: src/shared moved to src/common. Kept only until the last importers (src/core/reply.ts and
// test/eval/eval.test.ts, whose owner moves them) import ../common/clock.js; then delete this folder.
export * from '../common/clock.js';
