import { stemmer } from 'stemmer';

/**
 * Words that carry no topic. Removing them keeps "what should I do about my …" from matching
 * every entry that happens to say "do". Negations are kept out of this list on purpose.
 */
export const STOPWORDS = new Set(
  `a about above after again all also am an and any anything are as at be because been before being below between both but by
can could did do does doing done during each few for from further get gets getting got had has have having he her here hers
him his how i if in into is it its itself just know let like ll me might more most much must my myself of off on once only or
other our ours out over own please re really s same she should so some something such t than that the their theirs them then
there these they this those through to too under until up us ve very was we were what when where which while who whom why will
with would you your yours yourself thing things way ways tell anyone someone bit lot lots kind sort maybe ok okay hey hi
im ive dont cant isnt whats thats`.split(/\s+/),
);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type SynonymMap = { pattern: RegExp | null; canonical: Map<string, string> };

/** Build one regex that rewrites every synonym phrase to its group's first phrase. */
export function buildSynonymMap(groups: string[][]): SynonymMap {
  const canonical = new Map<string, string>();
  // Phrases are read the way normalise() reads text (no apostrophes, hyphens as spaces), or a phrase
  // written with a hyphen ("x-ray", "sit-stand desk") would never match.
  const asRead = (phrase: string) => phrase.toLowerCase().replace(/[\u2018\u2019\u02bc`']/g, '').replace(/-/g, ' ');
  for (const g of groups) {
    const head = g[0] ? asRead(g[0]) : '';
    if (!head) continue;
    for (const phrase of g.slice(1)) if (asRead(phrase) !== head) canonical.set(asRead(phrase), head);
  }
  const phrases = [...canonical.keys()].sort((a, b) => b.length - a.length).map(escape);
  const pattern = phrases.length ? new RegExp(`(?<![\\p{L}\\p{N}])(${phrases.join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
  return { pattern, canonical };
}

/** Lowercase, straighten quotes, drop apostrophes, and map synonyms to their canonical words. */
export function normalise(text: string, syn: SynonymMap): string {
  let t = text.toLowerCase().replace(/[\u2018\u2019\u02bc`]/g, "'").replace(/'/g, '').replace(/-/g, ' ');
  if (syn.pattern) t = t.replace(syn.pattern, (m) => syn.canonical.get(m) ?? m);
  return t;
}

/** One search term: stemmed, or null for a stopword. */
export function processTerm(term: string): string | null {
  const t = term.toLowerCase();
  if (t.length < 2 && !/\d/.test(t)) return null;
  if (STOPWORDS.has(t)) return null;
  return stemmer(t);
}

/** The content words of a text, stemmed: what the search actually compares. */
export function contentTerms(text: string, syn: SynonymMap): string[] {
  return normalise(text, syn)
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => (w ? processTerm(w) : null))
    .filter((w): w is string => !!w);
}
