import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AsPlainObject } from 'minisearch';
import { defaultYamlCachePath } from './yaml-cache.js';

/**
 * The built search index, saved as MiniSearch's plain object with the vocabulary beside it, so a cold
 * `backbuddy ask` loads it instead of tokenising and stemming every entry (`npm run build` writes it;
 * a load that finds none or a stale one builds and writes it). The key hashes everything the index is
 * made from: the documents, the synonyms, and the code that turns text into terms (this folder's
 * index.js and text.js, MiniSearch and the stemmer), so a changed entry or a changed tokeniser is
 * never served from an old index. It lives beside the YAML cache in node_modules/.cache/backbuddy.
 */
export type SavedIndex = { key: string; entries: AsPlainObject; questions: AsPlainObject; vocabulary: string[]; surface: string[] };

const VERSION = 1;

const codeFiles = (): string[] => {
  const files = [fileURLToPath(new URL('./index.js', import.meta.url)), fileURLToPath(new URL('./text.js', import.meta.url))];
  for (const pkg of ['minisearch', 'stemmer']) {
    try {
      files.push(fileURLToPath(import.meta.resolve(pkg)));
    } catch {
      files.push(pkg);
    }
  }
  return files;
};

/** The key for an index of `content` (any JSON), built by the code in place now. */
export function indexKey(content: unknown): string {
  const h = createHash('sha1').update(`v${VERSION}\n`).update(JSON.stringify(content));
  for (const f of codeFiles()) {
    try {
      h.update(readFileSync(f));
    } catch {
      h.update(`missing:${f}`); // running from .ts sources (vitest): the key still changes with the content
    }
  }
  return h.digest('base64url');
}

/** node_modules/.cache/backbuddy/search-index.json, or null without node_modules. */
export function defaultIndexCachePath(): string | null {
  const yaml = defaultYamlCachePath('search-index');
  return yaml ? join(dirname(yaml), 'search-index.json') : null;
}

/** The saved index when its key matches, else null (missing, damaged or stale). */
export function readSavedIndex(key: string, file: string | null = defaultIndexCachePath()): SavedIndex | null {
  if (!file) return null;
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedIndex;
    return saved.key === key && saved.entries && saved.questions && Array.isArray(saved.vocabulary) && Array.isArray(saved.surface) ? saved : null;
  } catch {
    return null;
  }
}

/** Writes the index for the next cold start; a read-only install just builds it again next time. */
export function saveIndex(saved: SavedIndex, file: string | null = defaultIndexCachePath()): void {
  if (!file) return;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(saved));
    renameSync(tmp, file);
  } catch {
    // Nowhere to write: fine.
  }
}
