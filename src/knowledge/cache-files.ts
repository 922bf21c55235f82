import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * node_modules/.cache/backbuddy: what loading the knowledge base and the safety rules works out (parsed
 * YAML, the search index, the safety patterns' literals) is kept there for the next cold start, by
 * content hash. Every cache is optional: without node_modules, or with a read-only one, loading works
 * the same, only slower.
 *
 * Several checkouts may share one node_modules (git worktrees with a symlinked node_modules) while their
 * knowledge differs. A cache that kept one version would be rebuilt by each checkout in turn, so keyed
 * caches are one file per key, the few newest kept (`writeKeyed`).
 */
export function cacheDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'backbuddy');
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

/** How many versions of a keyed cache stay on disk: enough for a few checkouts side by side. */
export const KEEP_VERSIONS = 4;

/** `<cache dir>/<file>`, or null without a cache dir. */
export const cacheFile = (file: string, dir: string | null = cacheDir()): string | null => (dir ? join(dir, file) : null);

/** A cache kept as one file per key, `<name>-<key>.<ext>`. */
export type Keyed = { name: string; ext: 'json' | 'bin' };

/** Where the version of `cache` for `key` is, or null without a cache dir. */
export const keyedFile = (cache: Keyed, key: string, dir: string | null = cacheDir()): string | null => cacheFile(`${cache.name}-${key}.${cache.ext}`, dir);

/**
 * A key for what is made from `content` (any JSON) by the code in `files` (this install's compiled
 * modules and packages): a changed input or a changed algorithm is never served from an old result.
 */
export function contentKey(version: number, content: unknown, files: string[]): string {
  const h = createHash('sha1').update(`v${version}\n`).update(JSON.stringify(content));
  for (const f of files) {
    try {
      h.update(readFileSync(f));
    } catch {
      h.update(`missing:${f}`); // running from .ts sources (vitest): the key still changes with the content
    }
  }
  return h.digest('base64url');
}

/** The parsed JSON in `file`, or null when it is missing or damaged. */
export function readJson(file: string | null): unknown {
  if (!file) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/** Writes the file whole or not at all (other processes may read it meanwhile); never throws. */
export function writeAtomic(file: string | null, data: string | Uint8Array): boolean {
  if (!file) return false;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, file);
    return true;
  } catch {
    return false; // nowhere to write: the next run works it out again
  }
}

export const writeJson = (file: string | null, value: unknown): boolean => writeAtomic(file, JSON.stringify(value));

/** Writes the version of `cache` for `key` and removes all but the newest few. */
export function writeKeyed(cache: Keyed, key: string, data: string | Uint8Array, dir: string | null = cacheDir()): void {
  const file = keyedFile(cache, key, dir);
  if (!dir || !file || !writeAtomic(file, data)) return;
  try {
    const versions = readdirSync(dir)
      .filter((f) => f.startsWith(`${cache.name}-`) && f.endsWith(`.${cache.ext}`))
      .map((f) => ({ path: join(dir, f), at: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const old of versions.slice(KEEP_VERSIONS)) unlinkSync(old.path);
  } catch {
    // Another process pruned first, or the folder is read-only: old versions only cost disk space.
  }
}
