import MiniSearch, { type SearchResult } from 'minisearch';
import type { Entry } from './schema.js';
import type { KnowledgeBase } from './load.js';
import { buildSynonymMap, normalise, processTerm, type SynonymMap } from './text.js';
import { defaultIndexCachePath, indexKey, readSavedIndex, saveIndex } from './index-cache.js';

type Doc = { id: string; title: string; questions: string; summary: string; body: string; tags: string; kind: string };

/** Field weights: how people ask (questions) says most, the long body least. */
export const BOOSTS = { questions: 3, title: 2.5, tags: 2, summary: 1.2, body: 0.4 } as const;

/** How much the best single matching question lifts an entry's score (up to 1 + this). */
export const QUESTION_BLEND = Number(process.env.QB ?? 0.4);

/**
 * How much a message worded almost like one of an entry's example questions lifts that entry: the
 * score is multiplied by 1 + weight * overlap^power, where overlap is the Dice overlap of the content
 * words (stemmed, after synonyms) of the message and of the entry's closest question. The power keeps
 * a question that shares a word or two from counting; a near paraphrase counts in full, so it is not
 * outweighed by an entry that scatters the same everyday words across a long body.
 */
export const NEAR_QUESTION = { weight: Number(process.env.DL ?? 2), power: Number(process.env.DP ?? 3) } as const;

export type Hit = { entry: Entry; score: number; matched: string[] };

export type SearchIndex = {
  search(query: string, opts?: { kinds?: Entry['kind'][]; ids?: Set<string>; limit?: number }): Hit[];
  /** Stemmed content words of the query after synonym mapping. */
  queryTerms(query: string): string[];
  /** True when the stemmed word occurs anywhere in the knowledge base. */
  knows(term: string): boolean;
  /** True when the word, as written (lowercase), occurs anywhere in the knowledge base. */
  knowsWord(word: string): boolean;
  /** Every word the knowledge base uses, as written. */
  words(): Iterable<string>;
  synonyms: SynonymMap;
};

export type IndexOptions = {
  fields?: (keyof typeof BOOSTS)[];
  /** Where the default index is saved between runs (index-cache.ts); null: build it every time. */
  cacheFile?: string | null;
};

/** Build the MiniSearch index (BM25 with prefix and fuzzy matching) over the entries. */
export function buildIndex(kb: KnowledgeBase, opts: IndexOptions = {}): SearchIndex {
  const syn = buildSynonymMap(kb.synonyms);
  const fields = opts.fields ?? (Object.keys(BOOSTS) as (keyof typeof BOOSTS)[]);
  const vocabulary = new Set<string>();
  const surface = new Set<string>();
  const tokenize = (text: string) => normalise(text, syn).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const matching = {
    // A word the knowledge base uses is matched as it is. Only unknown words (typos, half-typed
    // words) get prefix and fuzzy matching, and fuzzy only when long enough that a typo is likelier
    // than a different word. This is also most of the search's speed.
    prefix: (term: string) => term.length >= 5,
    fuzzy: (term: string) => (vocabulary.has(term) ? false : term.length >= 6 ? 0.2 : term.length >= 4 ? 1 : false),
    combineWith: 'OR',
    weights: { fuzzy: 0.45, prefix: 0.6 },
  } as const;
  const msOptions = { fields, storeFields: [], processTerm, tokenize, searchOptions: { boost: Object.fromEntries(fields.map((f) => [f, BOOSTS[f]])), ...matching } };
  // Each question on its own as well: a message worded like one real question should not be
  // outweighed by an entry that shares scattered words across many. Search blends both.
  const qmsOptions = { fields: ['q'], storeFields: ['entry'], processTerm, tokenize, searchOptions: matching };
  const docs: Doc[] = kb.entries.map((e) => ({
    id: e.id,
    title: e.title,
    questions: e.questions.join(' \n '),
    summary: e.summary,
    body: e.body,
    tags: e.tags.map((t) => t.replace(/-/g, ' ')).join(' '),
    kind: e.kind,
  }));
  const questionDocs = fields.includes('questions') ? kb.entries.flatMap((e) => e.questions.map((q, i) => ({ id: `${e.id}#${i}`, entry: e.id, q }))) : [];
  const texts = kb.entries.map((e) => [e.title, e.summary, e.body, e.questions.join(' '), e.tags.join(' ')]);
  const termsOf = (text: string) => new Set(normalise(text, syn).split(/[^\p{L}\p{N}]+/u).map((w) => (w ? processTerm(w) : null)).filter((w): w is string => !!w));
  // Each entry's questions as lists of content words: saved with the index, as stemming them all is
  // a good part of a cold start's first search.
  const questionTermsOf = (): Record<string, string[][]> => Object.fromEntries(kb.entries.map((e) => [e.id, fields.includes('questions') ? e.questions.map((q) => [...termsOf(q)]) : []]));
  let termLists: Record<string, string[][]> | null = null;
  // The same as sets, made on the first search.
  let questionTerms: Map<string, Set<string>[]> | null = null;
  const nearest = (query: Set<string>, id: string): number => {
    questionTerms ??= new Map(Object.entries(termLists ?? questionTermsOf()).map(([entry, qs]) => [entry, qs.map((q) => new Set(q))]));
    let best = 0;
    for (const q of questionTerms.get(id) ?? []) {
      let shared = 0;
      for (const t of query) if (q.has(t)) shared++;
      if (query.size + q.size) best = Math.max(best, (2 * shared) / (query.size + q.size));
    }
    return best;
  };

  // The default index is saved between runs (index-cache.ts); the key covers all it is made from.
  const cached = !opts.fields && opts.cacheFile !== null;
  const key = cached ? indexKey([fields, docs, questionDocs, texts, kb.synonyms]) : null;
  const saved = key ? readSavedIndex(key, opts.cacheFile ?? defaultIndexCachePath(key)) : null;
  let ms: MiniSearch<Doc>;
  let qms: MiniSearch<{ id: string; entry: string; q: string }>;
  if (saved) {
    ms = MiniSearch.loadJS<Doc>(saved.entries, msOptions);
    qms = MiniSearch.loadJS(saved.questions, qmsOptions);
    for (const t of saved.vocabulary) vocabulary.add(t);
    for (const w of saved.surface) surface.add(w);
    termLists = saved.questionTerms;
  } else {
    ms = new MiniSearch<Doc>(msOptions);
    qms = new MiniSearch<{ id: string; entry: string; q: string }>(qmsOptions);
    qms.addAll(questionDocs);
    ms.addAll(docs);
    // MiniSearch has no public term list; collect the processed terms the same way it does.
    for (const text of texts.flat()) {
      for (const w of normalise(text, syn).split(/[^\p{L}\p{N}]+/u)) {
        if (!w) continue;
        surface.add(w);
        const t = processTerm(w);
        if (t) vocabulary.add(t);
      }
    }
    if (key) {
      termLists = questionTermsOf();
      saveIndex({ key, entries: ms.toJSON(), questions: qms.toJSON(), vocabulary: [...vocabulary], surface: [...surface], questionTerms: termLists }, opts.cacheFile ?? undefined);
    }
  }
  return {
    synonyms: syn,
    search(query, o = {}) {
      const keep = (id: string) => (!o.ids || o.ids.has(id)) && (!o.kinds || o.kinds.includes(kb.byId.get(id)?.kind as Entry['kind']));
      const results: SearchResult[] = ms.search(query, { filter: (r) => keep(r.id) });
      const best = new Map<string, number>();
      for (const r of qms.search(query, { filter: (r) => keep(r.entry as string) })) {
        const id = r.entry as string;
        best.set(id, Math.max(best.get(id) ?? 0, r.score));
      }
      const top = Math.max(0, ...best.values());
      const asked = termsOf(query);
      return results
        .map((r) => ({
          r,
          score: r.score * (1 + QUESTION_BLEND * (top > 0 ? (best.get(r.id) ?? 0) / top : 0)) * (1 + NEAR_QUESTION.weight * nearest(asked, r.id) ** NEAR_QUESTION.power),
        }))
        .sort((a, b) => b.score - a.score)
        .slice(0, o.limit ?? 10)
        .flatMap(({ r, score }) => {
          const entry = kb.byId.get(r.id);
          return entry ? [{ entry, score, matched: r.queryTerms }] : [];
        });
    },
    queryTerms(query) {
      return normalise(query, syn)
        .split(/[^\p{L}\p{N}]+/u)
        .map((w) => (w ? processTerm(w) : null))
        .filter((w): w is string => !!w);
    },
    knows: (term) => vocabulary.has(term),
    knowsWord: (word) => surface.has(word),
    words: () => surface,
  };
}
