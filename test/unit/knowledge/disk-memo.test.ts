import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDiskMemo } from '../../../src/knowledge/disk-memo.js';

const file = () => join(mkdtempSync(join(tmpdir(), 'bb-memo-')), 'm.json');

describe('disk memo', () => {
  it('computes each input once per run and reads it back in the next', () => {
    const f = file();
    const calls: string[] = [];
    const upper = (s: string) => (calls.push(s), s.toUpperCase());
    const a = openDiskMemo(f, upper, { version: 'v1', maxItems: 10 });
    expect([a.get('x'), a.get('y'), a.get('x')]).toEqual(['X', 'Y', 'X']);
    a.save();
    expect(openDiskMemo(f, upper, { version: 'v1', maxItems: 10 }).get('y')).toBe('Y');
    expect(calls).toEqual(['x', 'y']);
  });

  it('ignores what other code kept', () => {
    const f = file();
    const a = openDiskMemo(f, () => 'old', { version: 'v1', maxItems: 10 });
    a.get('x');
    a.save();
    expect(openDiskMemo(f, () => 'new', { version: 'v2', maxItems: 10 }).get('x')).toBe('new');
  });

  it('keeps what the last run used, then the most recently used others up to maxItems', () => {
    const f = file();
    const run = (inputs: string[]) => {
      const m = openDiskMemo(f, (s) => s, { version: 'v1', maxItems: 3 });
      inputs.forEach((i) => m.get(i));
      m.save();
    };
    run(['a', 'b']);
    run(['c']);
    run(['d', 'e']);
    const kept = Object.values((JSON.parse(readFileSync(f, 'utf8')) as { items: Record<string, string> }).items);
    expect(kept).toEqual(['d', 'e', 'c']);
  });
});
