import { cacheFile } from './cache-files.js';
import { openDiskMemo } from './disk-memo.js';
import { yaml } from './yaml-lazy.js';

/**
 * Parsed YAML by content hash. Parsing the knowledge base's ~240 YAML blocks costs ~300 ms on a cold
 * start, most of `ask`'s one-second budget; reading them back from JSON costs ~10 ms. A changed
 * file has a new hash, so it is parsed again (disk-memo.ts). It lives in node_modules/.cache/backbuddy.
 */
export type YamlCache = { parse(text: string): unknown; save(): void };

/**
 * Parsed files kept per use: about two and a half versions of each knowledge file, and a few of
 * safety.yaml, whose parsed form alone is ~200 KB.
 */
const MAX_ITEMS: Record<string, number> = { knowledge: 600, safety: 4 };
const DEFAULT_MAX_ITEMS = 64;
/** The file format since the first YAML cache (items by SHA-1 of the text), which other checkouts sharing node_modules may still write. */
const VERSION = 1;

/** One cache file per use (`name`), so the knowledge base and the safety rules do not evict each other. */
export function openYamlCache(name: string, file: string | null = defaultYamlCachePath(name)): YamlCache {
  // Bad YAML throws, and is never cached.
  const memo = openDiskMemo(file, (text) => yaml().parse(text) as unknown, { version: VERSION, maxItems: MAX_ITEMS[name] ?? DEFAULT_MAX_ITEMS });
  return { parse: memo.get, save: memo.save };
}

/** node_modules/.cache/backbuddy/yaml-<name>.json under the project root, or null without node_modules. */
export const defaultYamlCachePath = (name: string): string | null => cacheFile(`yaml-${name}.json`);
