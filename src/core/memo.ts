// Results of the core's pure, per-text steps kept for the next message with the same words. Triage and
// search are most of a reply's time (bench/slack-bench.ts, a --cpu-prof of `backbuddy start`), and in a
// team the same short questions, greetings and thanks come again and again. Each step is a pure
// function of exactly the inputs its key is made of (the rules, the index and the model are fixed for
// the life of the assistant), so a remembered result is the result the step would give again: replies
// are unchanged. Cached values are shared between requests, so they are frozen: a caller that changed
// one would throw in strict mode instead of quietly changing the next person's reply.
import type { SearchIndex, Hit } from '../knowledge/index.js';
import type { Assessment } from './triage.js';
import type { SafetyVerdict } from './safety-classifier.js';

/** Messages longer than this are not remembered: a long message rarely comes twice, and keys stay small. */
const MAX_KEY_TEXT = 2000;

/** A bounded map that forgets the least recently used key first. */
export class Lru<K, V> {
  private readonly items = new Map<K, V>();
  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const v = this.items.get(key);
    if (v === undefined) return undefined;
    // Map keeps insertion order: moving a hit to the end makes the first key the least recently used.
    this.items.delete(key);
    this.items.set(key, v);
    return v;
  }

  set(key: K, value: V): void {
    this.items.delete(key);
    this.items.set(key, value);
    if (this.items.size > this.max) this.items.delete(this.items.keys().next().value as K);
  }

  get size(): number {
    return this.items.size;
  }
}

/** `compute()` once per key; undefined key: not remembered. */
function through<V>(lru: Lru<string, V>, key: string | undefined, compute: () => V, freeze: (v: V) => V): V {
  if (key === undefined) return compute();
  const hit = lru.get(key);
  if (hit !== undefined) return hit;
  const v = freeze(compute());
  lru.set(key, v);
  return v;
}

const keyOf = (text: string, ...parts: string[]) => (text.length > MAX_KEY_TEXT ? undefined : `${parts.join('\u0001')}\u0000${text}`);

const frozenAssessment = (a: Assessment): Assessment => {
  Object.freeze(a.features);
  if (a.hit) Object.freeze(a.hit);
  return Object.freeze(a);
};

const frozenVerdict = (v: SafetyVerdict): SafetyVerdict => {
  Object.freeze(v.scores);
  return Object.freeze(v);
};

/** The shells of hits and their matched terms; the entries are the knowledge base's own objects. */
const frozenHits = (hits: Hit[]): Hit[] => Object.freeze(hits.map((h) => Object.freeze({ ...h, matched: Object.freeze([...h.matched]) as string[] }))) as Hit[];

export type CoreMemo = {
  /** Triage of one message, given the features its conversation showed before and where the reply goes. */
  assess(raw: string, prior: readonly string[], surface: string, compute: () => Assessment): Assessment;
  /** The safety classifier's verdict on a message with the features triage found in it. */
  classify(text: string, features: readonly string[], compute: () => SafetyVerdict): SafetyVerdict;
};

export function createCoreMemo(maxItems = 2000): CoreMemo {
  const assessed = new Lru<string, Assessment>(maxItems);
  const classified = new Lru<string, SafetyVerdict>(maxItems);
  return {
    assess: (raw, prior, surface, compute) => through(assessed, keyOf(raw, surface, prior.join(',')), compute, frozenAssessment),
    classify: (text, features, compute) => through(classified, keyOf(text, features.join(',')), compute, frozenVerdict),
  };
}

/**
 * The index with search and queryTerms remembered per query (and options). Everything else passes
 * through. Each call gets its own array: callers may sort or filter it.
 */
export function memoIndex(index: SearchIndex, maxItems = 2000): SearchIndex {
  const searched = new Lru<string, Hit[]>(maxItems);
  const terms = new Lru<string, string[]>(maxItems);
  return {
    ...index,
    search(query, opts = {}) {
      // A filter on entry ids is a Set: asked rarely (topic lookups), and not worth a key.
      const key = opts.ids ? undefined : keyOf(query, opts.kinds?.join(',') ?? '*', String(opts.limit ?? ''));
      return [...through(searched, key, () => index.search(query, opts), frozenHits)];
    },
    queryTerms: (query) => [...through(terms, keyOf(query), () => index.queryTerms(query), (t) => Object.freeze(t) as string[])],
  };
}

/** The speller with its reading of each question remembered: a pure function of the words, and a string needs no freezing. */
export function memoSpeller(speller: (lower: string) => string, maxItems = 2000): (lower: string) => string {
  const spelled = new Lru<string, string>(maxItems);
  return (lower) => through(spelled, keyOf(lower), () => speller(lower), (v) => v);
}
