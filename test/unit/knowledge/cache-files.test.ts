import { mkdtempSync, readdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEEP_VERSIONS, keyedFile, readJson, writeKeyed } from '../../../src/knowledge/cache-files.js';

describe('keyed cache files', () => {
  it('keeps one file per key, the newest few, so checkouts sharing node_modules do not evict each other', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-cache-'));
    const keys = Array.from({ length: KEEP_VERSIONS + 2 }, (_, i) => `k${i}`);
    const thing = { name: 'thing', ext: 'json' } as const;
    keys.forEach((key, i) => {
      writeKeyed(thing, key, JSON.stringify({ i }), dir);
      // Distinct modification times, oldest first, whatever the file system's resolution.
      utimesSync(keyedFile(thing, key, dir)!, 1_000 + i, 1_000 + i);
    });
    writeKeyed({ name: 'thing', ext: 'bin' }, 'x', new Uint8Array([1]), dir);
    writeKeyed(thing, 'k5', JSON.stringify({ i: 5 }), dir);
    expect(readdirSync(dir).sort()).toEqual(['thing-x.bin', ...keys.slice(-KEEP_VERSIONS).map((k) => `thing-${k}.json`)].sort());
    expect(readJson(keyedFile(thing, 'k5', dir))).toEqual({ i: 5 });
  });

  it('reads a missing or damaged file as nothing, and writes nowhere without a folder', () => {
    expect(readJson(join(tmpdir(), 'bb-no-such-file.json'))).toBeNull();
    expect(readJson(null)).toBeNull();
    expect(() => writeKeyed({ name: 'thing', ext: 'json' }, 'k', '1', null)).not.toThrow();
  });
});
