import type { Hit, SearchIndex } from '../knowledge/index.js';

/**
 * Turning search scores into a decision. MiniSearch's BM25 scores are unbounded, so confidence
 * combines three things that are: how many of the question's content words the best entry
 * matched, how far ahead of the runner-up it is, and how strong the score is against a reference.
 * Thresholds were tuned on test/eval/questions.jsonl (`npm run eval`).
 */
export const RANK = {
  /** A score around this is a solid match of a short question. */
  referenceScore: 18,
  /** Below this confidence nothing fits well enough to answer. */
  minConfidence: 0.34,
  /** Runner-up within this share of the best score, and a different topic: ask which was meant. */
  closeRatio: 0.97,
  /** A clarify lists options within this share of the best. */
  optionRatio: 0.72,
} as const;

export type Decision =
  | { kind: 'answer'; hit: Hit; confidence: number }
  | { kind: 'clarify'; options: Hit[]; confidence: number }
  | { kind: 'none'; confidence: number; best: Hit | null };

const clamp01 = (n: number) => Math.max(0, Math.min(1, n));

export function confidenceOf(hits: Hit[], terms: string[]): number {
  const [a, b] = hits;
  if (!a || terms.length === 0) return 0;
  const coverage = clamp01(new Set(a.matched).size / new Set(terms).size);
  const strength = clamp01(a.score / RANK.referenceScore);
  const margin = b ? clamp01(1 - b.score / a.score) : 1;
  return Number(clamp01(0.45 * coverage + 0.3 * strength + 0.25 * margin).toFixed(3));
}

/** Pure: hits and query terms in, decision out. */
export function decide(hits: Hit[], terms: string[]): Decision {
  const confidence = confidenceOf(hits, terms);
  const [a, b] = hits;
  if (!a || confidence < RANK.minConfidence) return { kind: 'none', confidence, best: a ?? null };
  if (b && b.score / a.score >= RANK.closeRatio && !sameTopic(a, b)) {
    const options = hits.filter((h) => h.score / a.score >= RANK.optionRatio && (h === a || !sameTopic(a, h))).slice(0, 4);
    if (options.length >= 2) return { kind: 'clarify', options, confidence: Math.min(confidence, 0.6) };
  }
  return { kind: 'answer', hit: a, confidence };
}

/**
 * Two hits that share a tag, or list each other as related, are about the same thing: the better
 * one answers, and a "did you mean" would only add a step.
 */
function sameTopic(a: Hit, b: Hit): boolean {
  return a.entry.tags.some((t) => b.entry.tags.includes(t)) || a.entry.related.includes(b.entry.id) || b.entry.related.includes(a.entry.id);
}

export type { SearchIndex };
