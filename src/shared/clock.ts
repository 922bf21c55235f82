// Transitional: src/shared moved to src/common. Kept only until the last importer (test/eval/eval.test.ts,
// whose owner moves it) imports ../../src/common/clock.js; then delete this folder.
export * from '../common/clock.js';
