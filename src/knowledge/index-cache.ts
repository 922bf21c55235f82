import { fileURLToPath } from 'node:url';
import type { AsPlainObject } from 'minisearch';
import { contentKey, keyedFile, readJson, writeJson, writeKeyed } from './cache-files.js';

/**
 * The built search index, saved as MiniSearch's plain object with the vocabulary beside it, so a cold
 * `backbuddy ask` loads it instead of tokenising and stemming every entry (`npm run build` writes it;
 * a load that finds none or a stale one builds and writes it). The key hashes everything the index is
 * made from: the documents, the synonyms, and the code that turns text into terms (this folder's
 * index.js and text.js, MiniSearch and the stemmer), so a changed entry or a changed tokeniser is
 * never served from an old index. It lives in node_modules/.cache/backbuddy (cache-files.ts), one file
 * per key.
 */
export type SavedIndex = {
  key: string;
  entries: AsPlainObject;
  questions: AsPlainObject;
  vocabulary: string[];
  surface: string[];
  /** Each entry's questions as their content words (stemmed, after synonyms), by entry id. */
  questionTerms: Record<string, string[][]>;
};

const VERSION = 2;
const CACHE = { name: 'search-index', ext: 'json' } as const;

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
export const indexKey = (content: unknown): string => contentKey(VERSION, content, codeFiles());

/** Where the index with this key is kept by default, or null without node_modules. */
export const defaultIndexCachePath = (key: string): string | null => keyedFile(CACHE, key);

/** The saved index when its key matches, else null (missing, damaged or stale). */
export function readSavedIndex(key: string, file: string | null = defaultIndexCachePath(key)): SavedIndex | null {
  const saved = readJson(file) as SavedIndex | null;
  return saved?.key === key && saved.entries && saved.questions && Array.isArray(saved.vocabulary) && Array.isArray(saved.surface) && saved.questionTerms ? saved : null;
}

/** Writes the index for the next cold start (to `file`, or to the default place for its key). */
export function saveIndex(saved: SavedIndex, file?: string): void {
  if (file) writeJson(file, saved);
  else writeKeyed(CACHE, saved.key, JSON.stringify(saved));
}
