import { createHash } from 'node:crypto';
import { readJson, writeJson } from './cache-files.js';

/**
 * A pure function's results kept on disk by a hash of its input (parsed YAML by its text, a safety
 * pattern's literals by its source), for the next cold start. A changed input has a new hash, so
 * the memo can be stale only in size, never in content; `version` names the function's code, and a
 * file written by other code is ignored. Without a file (no node_modules) it computes every time.
 */
export type DiskMemo<T> = { get(input: string): T; save(): void };

export type DiskMemoOptions = {
  /** The function's code: results kept under another version are not used. */
  version: string | number;
  /**
   * Most results kept. A save keeps all this run used, then the most recently used others: checkouts
   * sharing node_modules with different content (git worktrees), or tests with their own rules, each
   * find theirs, while results nobody asks for drop out.
   */
  maxItems: number;
};

export function openDiskMemo<T>(file: string | null, compute: (input: string) => T, o: DiskMemoOptions): DiskMemo<T> {
  const raw = readJson(file) as { version?: unknown; items?: Record<string, T> } | null;
  // Missing, damaged or from other code: start empty and rewrite it.
  const stored: Record<string, T> = raw?.version === o.version && raw.items && typeof raw.items === 'object' ? raw.items : {};
  const used: Record<string, T> = {};
  let misses = 0;
  return {
    get(input) {
      const key = createHash('sha1').update(input).digest('base64url');
      if (key in used) return used[key]!;
      if (key in stored) return (used[key] = stored[key]!);
      const value = compute(input); // a throw is never kept
      misses++;
      return (used[key] = value);
    },
    save() {
      if (misses === 0) return;
      // Insertion order is recency: what this run used first, then the rest as it was stored.
      const room = Math.max(0, o.maxItems - Object.keys(used).length);
      const others = Object.entries(stored).filter(([k]) => !(k in used)).slice(0, room);
      // A read-only install still works; it computes again next time.
      if (writeJson(file, { version: o.version, items: { ...used, ...Object.fromEntries(others) } })) misses = 0;
    },
  };
}
