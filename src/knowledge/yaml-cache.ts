import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/**
 * Parsed YAML by content hash. Parsing the knowledge base's ~240 YAML blocks costs ~300 ms on a cold
 * start, most of `ask`'s one-second budget; reading them back from JSON costs ~10 ms. A changed
 * file has a new hash, so it is parsed again: the cache can be stale only in size, never in content.
 * It lives beside the PGlite template in node_modules/.cache/backbuddy; with no node_modules, or a
 * read-only one, loading works the same, only slower.
 */
export type YamlCache = { parse(text: string): unknown; save(): void };

const VERSION = 1;

/** One cache file per use (`name`), so the knowledge base and the safety rules do not evict each other. */
export function openYamlCache(name: string, file: string | null = defaultYamlCachePath(name)): YamlCache {
  let stored: Record<string, unknown> = {};
  if (file) {
    try {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as { version?: number; items?: Record<string, unknown> };
      if (raw.version === VERSION && raw.items && typeof raw.items === 'object') stored = raw.items;
    } catch {
      // Missing or damaged: start empty and rewrite it.
    }
  }
  const used: Record<string, unknown> = {};
  let misses = 0;
  return {
    parse(text) {
      const key = createHash('sha1').update(text).digest('base64url');
      if (key in stored) return (used[key] = stored[key]);
      const value = parseYaml(text) as unknown; // throws on bad YAML, which is never cached
      misses++;
      return (used[key] = value);
    },
    save() {
      if (!file || misses === 0) return;
      try {
        mkdirSync(dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        // Only what this load used: entries removed from the knowledge base drop out.
        writeFileSync(tmp, JSON.stringify({ version: VERSION, items: used }));
        renameSync(tmp, file);
        misses = 0;
      } catch {
        // A read-only install still answers; it just parses again next time.
      }
    },
  };
}

/** node_modules/.cache/backbuddy/yaml-<name>.json under the project root, or null without node_modules. */
export function defaultYamlCachePath(name: string): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'backbuddy', `yaml-${name}.json`);
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}
