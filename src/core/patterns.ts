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
  /**
   * Each literal's first and last three characters as numbers (trigrams; at 2i and 2i + 1), NaN for a
   * literal shorter than three; made at first need.
   */
  private ends: Float64Array | null = null;

  constructor(readonly source: string) {}

  private compiled(text: string): RegExp | null {
    if (this.literals && !this.containsLiteral(text)) return null;
    // No 'i' flag: the text is lowercased by normaliseText, and case-insensitive patterns cost more to compile.
    return (this.regex ??= new RegExp(this.source, 'g'));
  }

  /**
   * Whether `text` contains one of the literals. On a long text, a literal whose first or last three
   * characters occur nowhere in it is ruled out without searching: a pattern may have ~500 literals, and
   * searching a 2,000-character message for each of them, for every pattern, was most of its triage
   * (bench:triage's adversarial messages: p50 17-19 ms before, 2.3 ms after, on a loaded machine).
   */
  private containsLiteral(text: string): boolean {
    const literals = this.literals!;
    if (text.length < INDEX_FROM) return literals.some((l) => text.includes(l));
    const grams = trigrams(text);
    const ends = (this.ends ??= endTrigrams(literals));
    for (let i = 0; i < literals.length; i++) {
      const head = ends[2 * i]!;
      if (Number.isNaN(head) ? text.includes(literals[i]!) : grams.has(head) && grams.has(ends[2 * i + 1]!) && text.includes(literals[i]!)) return true;
    }
    return false;
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

/** Texts at least this long get a trigram index before their literals are looked for (shorter: plain search). */
const INDEX_FROM = 256;

/** Three UTF-16 code units from `at` as one exact number (each is below 2^16, so 48 bits in all). */
const trigram = (s: string, at: number) => s.charCodeAt(at) * 4294967296 + s.charCodeAt(at + 1) * 65536 + s.charCodeAt(at + 2);

function endTrigrams(literals: readonly string[]): Float64Array {
  const ends = new Float64Array(2 * literals.length).fill(NaN);
  literals.forEach((l, i) => {
    if (l.length < 3) return;
    ends[2 * i] = trigram(l, 0);
    ends[2 * i + 1] = trigram(l, l.length - 3);
  });
  return ends;
}

/** The trigrams of the last few long texts: triage looks at one message (and slices of it) many times. */
const recent: { text: string; grams: Set<number> }[] = [];

function trigrams(text: string): Set<number> {
  const known = recent.find((r) => r.text === text);
  if (known) return known.grams;
  const grams = new Set<number>();
  for (let i = 0; i + 3 <= text.length; i++) grams.add(trigram(text, i));
  recent.unshift({ text, grams });
  if (recent.length > 4) recent.pop();
  return grams;
}

/** literals.js as compiled: new code works out every pattern's literals again. */
const codeVersion = () => contentKey(1, null, [fileURLToPath(new URL('./literals.js', import.meta.url))]);
