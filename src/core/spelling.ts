/**
 * Typo repair for triage: a word of six letters or more that is one edit (a letter added, dropped,
 * changed, or two neighbours swapped) away from a red-flag keyword, and is not itself a known word,
 * is read as that keyword ("numbnes", "bladdar", "preganant" with two edits for long words).
 * Keywords and the words never to change live in safety.yaml (`spelling`). Pure.
 */
export type Speller = (text: string) => string;

/** Optimal string alignment distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2: number[] = new Array(b.length + 1).fill(0);
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j]!;
    prev = cur;
  }
  return prev[b.length]!;
}

export function makeSpeller(keywords: readonly string[], leave: readonly string[]): Speller {
  const known = new Set([...keywords, ...leave]);
  const byLength = [...new Set(keywords)].filter((k) => k.length >= 6);
  const cache = new Map<string, string>();
  const fix = (word: string): string => {
    if (word.length < 6 || known.has(word) || /\d/.test(word)) return word;
    const hit = cache.get(word);
    if (hit !== undefined) return hit;
    const max = word.length >= 9 ? 2 : 1;
    let best = word;
    let bestD = max + 1;
    for (const k of byLength) {
      const d = editDistance(word, k, Math.min(max, bestD - 1));
      if (d < bestD) {
        best = k;
        bestD = d;
        if (d === 1) break;
      }
    }
    if (cache.size > 5000) cache.clear();
    cache.set(word, best);
    return best;
  };
  return (text) => text.replace(/[a-z]+/g, fix);
}
