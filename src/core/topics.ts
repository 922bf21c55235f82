import type { KnowledgeBase } from '../knowledge/load.js';
import type { SearchIndex } from '../knowledge/index.js';
import type { Entry } from '../knowledge/schema.js';
import { normalise, processTerm } from '../knowledge/text.js';
import { topicMeaning, WHOLE_BACK } from './topic-words.js';

export type ResolvedTopic = { tag: string | null; fellBack: boolean; note: string | null; entries: Entry[] };

const shown = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/**
 * Pure: turn what someone typed after /backtip into tips. A tag name (any spelling the synonyms
 * know, singular or plural) picks that tag, and so do everyday words for it ("hammies", "neck",
 * "shoulders"; see topic-words.ts); words for the back as a whole ("lower back") pick from every tip.
 * Anything else is searched and falls back to the closest tag, and the note says so.
 */
export function resolveTopic(raw: string, kb: KnowledgeBase, index: SearchIndex, tips: Entry[]): ResolvedTopic {
  const topic = raw.trim().replace(/\s+/g, ' ').slice(0, 200);
  if (!topic) return { tag: null, fellBack: false, note: null, entries: tips };
  const withTag = (tag: string) => tips.filter((e) => e.tags.includes(tag));

  const stem = (s: string) => s.split(/[\s-]+/).map((w) => processTerm(w) ?? w).join('-');
  const wanted = stem(normalise(topic, index.synonyms));
  for (const tag of kb.tags.keys()) {
    if (stem(tag.replace(/-/g, ' ')) === wanted || tag === topic.toLowerCase()) {
      const entries = withTag(tag);
      if (entries.length) return { tag, fellBack: false, note: null, entries };
      break;
    }
  }

  const meaning = topicMeaning(topic);
  if (meaning === WHOLE_BACK) return { tag: null, fellBack: false, note: null, entries: tips };
  if (meaning !== null && kb.tags.has(meaning)) {
    const entries = withTag(meaning);
    if (entries.length) return { tag: meaning, fellBack: false, note: null, entries };
  }

  const hits = index.search(topic, { kinds: ['tip'], limit: 5 });
  const best = hits[0];
  if (best) {
    const tag = best.entry.tags[0] ?? null;
    const entries = hits.map((h) => h.entry).filter((e) => !tag || e.tags.includes(tag));
    return { tag, fellBack: true, note: `No tips filed under "${shown(topic)}" exactly, so here is the closest: ${tag ?? 'a general tip'}.`, entries: entries.length ? entries : [best.entry] };
  }
  return { tag: null, fellBack: true, note: `I have no tip about "${shown(topic)}", so here is a general one.`, entries: tips };
}
