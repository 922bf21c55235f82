import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../src/knowledge/index.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';

const { kb } = loadKnowledge();
const QUERIES = ['why do my hips ache after sitting all day?', 'heat or ice', 'stnading desk', 'sciatca down my leg', 'pilates or yoga', 'xyzzy'];
const results = (index: ReturnType<typeof buildIndex>) =>
  QUERIES.map((q) => index.search(q, { limit: 8 }).map((h) => [h.entry.id, h.score.toFixed(9), [...h.matched].sort().join(',')]));

describe('saved search index', () => {
  it('searches exactly as the index it was saved from, vocabulary included', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bb-index-')), 'search-index.json');
    const built = buildIndex(kb, { cacheFile: null });
    const first = buildIndex(kb, { cacheFile: file });
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { key: string };
    expect(saved.key).toMatch(/^[\w-]{20,}$/);
    const loaded = buildIndex(kb, { cacheFile: file });
    expect(results(loaded)).toEqual(results(built));
    expect(results(first)).toEqual(results(built));
    expect([...loaded.words()]).toEqual([...built.words()]);
    for (const w of ['hips', 'desk', 'sitting']) expect(loaded.knows(w)).toBe(built.knows(w));
  });

  it('builds again when the entries changed, and over a damaged file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bb-index-')), 'search-index.json');
    buildIndex(kb, { cacheFile: file });
    const before = (JSON.parse(readFileSync(file, 'utf8')) as { key: string }).key;
    const changed = { ...kb, entries: kb.entries.map((e, i) => (i === 0 ? { ...e, summary: `${e.summary} quokkas` } : e)) };
    const index = buildIndex(changed, { cacheFile: file });
    expect((JSON.parse(readFileSync(file, 'utf8')) as { key: string }).key).not.toBe(before);
    expect(index.search('quokkas', { limit: 1 })[0]?.entry.id).toBe(kb.entries[0]!.id);
    writeFileSync(file, '{"key": "x", "entries": ');
    expect(results(buildIndex(kb, { cacheFile: file }))).toEqual(results(buildIndex(kb, { cacheFile: null })));
  });
});
