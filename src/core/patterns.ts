import { fileURLToPath } from 'node:url';
import { cacheFile, contentKey } from '../knowledge/cache-files.js';
import { openDiskMemo } from '../knowledge/disk-memo.js';
import { requiredLiterals } from './literals.js';

/**
 * A safety pattern (safety.yaml, fragments expanded), compiled at its first use and run only on texts
 * that contain one of its required literals (literals.ts). The rules are ~800 patterns; V8 compiling
 * them was most of a cold `backbuddy ask`, while one message holds the literals of a few dozen.
 * Matches are exactly those of the regex: a text without any of the literals has none.
 */
export class Pattern {
  private regex: RegExp | null = null;
  /** Null: every text is searched (no literal is required, or they are not known yet). */
  private literals: readonly string[] | null = null;

  constructor(readonly source: string) {}

  private compiled(text: string): RegExp | null {
    if (this.literals && !this.literals.some((l) => text.includes(l))) return null;
    // No 'i' flag: the text is lowercased by normaliseText, and case-insensitive patterns cost more to compile.
    return (this.regex ??= new RegExp(this.source, 'g'));
  }

  /** Every match in `text`. */
  matchAll(text: string): Iterable<RegExpExecArray> {
    const re = this.compiled(text);
    return re ? text.matchAll(re) : [];
  }

  /** Whether it matches anywhere in `text`. */
  test(text: string): boolean {
    const re = this.compiled(text);
    // String.search ignores the g flag and lastIndex.
    return re !== null && text.search(re) !== -1;
  }

  /** The first match in `text`, or null. */
  first(text: string): RegExpExecArray | null {
    const re = this.compiled(text);
    if (!re) return null;
    re.lastIndex = 0;
    return re.exec(text);
  }

  /**
   * Gives every pattern its literals. Working them out for all the rules takes ~100-300 ms on a cold
   * start, so they are kept on disk by source (`npm run build` writes them; a changed rule is worked
   * out again alone).
   */
  static prepare(patterns: readonly Pattern[]): void {
    const memo = openDiskMemo(cacheFile('safety-literals.json'), requiredLiterals, { version: codeVersion(), maxItems: 2_000 });
    for (const p of patterns) p.literals = memo.get(p.source);
    memo.save();
  }
}

/** literals.js as compiled: new code works out every pattern's literals again. */
const codeVersion = () => contentKey(1, null, [fileURLToPath(new URL('./literals.js', import.meta.url))]);
