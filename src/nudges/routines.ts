import { answerFromEntry } from '../core/answer.js';
import type { AnswerReply } from '../core/reply-schema.js';
import type { KnowledgeBase } from '../knowledge/load.js';
import { isStretch, type StretchEntry } from '../knowledge/schema.js';
import type { RoutineInfo } from './rotation.js';

/**
 * What the engine needs from the knowledge base: the stretch routines to rotate over and their
 * rendering as an `answer` reply. Kept as a small interface so src/nudges does not load the knowledge
 * base itself; wire it with `routineCatalog(kb.entries.filter(isStretch), (e) => answerFromEntry(e, kb))`.
 */
export type RoutineCatalog = {
  readonly routines: readonly RoutineInfo[];
  /** The routine as the reply a nudge carries (title, duration, steps, caution, source); null for an unknown id. */
  render(entryId: string): AnswerReply | null;
};

export function routineCatalog(entries: readonly StretchEntry[], render: (entry: StretchEntry) => AnswerReply): RoutineCatalog {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const cache = new Map<string, AnswerReply>();
  return {
    routines: entries.map((e) => ({ id: e.id, targets: e.targets, tags: e.tags })),
    render(entryId) {
      const hit = cache.get(entryId);
      if (hit) return hit;
      const entry = byId.get(entryId);
      if (!entry) return null;
      const reply = render(entry);
      cache.set(entryId, reply);
      return reply;
    },
  };
}

/** The catalog of every stretch entry in a loaded knowledge base, rendered as the chat renders it. */
export function routineCatalogFromKnowledge(kb: KnowledgeBase): RoutineCatalog {
  return routineCatalog(kb.entries.filter(isStretch), (e) => answerFromEntry(e, kb));
}
