// Content gaps: the questions the knowledge base could not answer well, grouped, and the entries whose
// answers were marked "not helpful". `backbuddy kb gaps` prints them; the admin page shows them.
import type { KnowledgeBase } from '../knowledge/load.js';
import { buildSynonymMap, contentTerms, type SynonymMap } from '../knowledge/text.js';
import type { FeedbackCount, Platform, Store, UnansweredQuestion } from '../store/store.js';

export type QuestionGroup = {
  /** The wording seen most often in the group (the latest among equals). */
  text: string;
  count: number;
  /** Other wordings, most frequent first, at most three. */
  variants: string[];
  lastAt: Date;
};

/**
 * Groups questions that use the same content words, whatever their order, stopwords and endings
 * ("fixing my chair" and "how do I fix my chair?"), largest group first.
 */
export function groupQuestions(questions: readonly UnansweredQuestion[], syn: SynonymMap = buildSynonymMap([])): QuestionGroup[] {
  const groups = new Map<string, { texts: Map<string, { n: number; last: number }>; count: number; last: number }>();
  for (const q of questions) {
    const terms = [...new Set(contentTerms(q.text, syn))].sort();
    const key = terms.length ? terms.join(' ') : q.text;
    const g = groups.get(key) ?? { texts: new Map(), count: 0, last: 0 };
    const t = g.texts.get(q.text) ?? { n: 0, last: 0 };
    t.n += 1;
    t.last = Math.max(t.last, q.at.getTime());
    g.texts.set(q.text, t);
    g.count += 1;
    g.last = Math.max(g.last, q.at.getTime());
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => {
      const texts = [...g.texts].sort((a, b) => b[1].n - a[1].n || b[1].last - a[1].last || a[0].localeCompare(b[0])).map(([t]) => t);
      return { text: texts[0] ?? '', count: g.count, variants: texts.slice(1, 4), lastAt: new Date(g.last) };
    })
    .sort((a, b) => b.count - a.count || b.lastAt.getTime() - a.lastAt.getTime() || a.text.localeCompare(b.text));
}

/** An entry whose answer was voted on, with its title (null when the entry has left the knowledge base). */
export type NotHelpful = FeedbackCount & { title: string | null };

export type ContentGaps = {
  since: Date;
  /** Questions not answered well since `since` (in the workspace, when one is given). */
  questions: number;
  /** All groups, largest first (callers show the first few). */
  unanswered: QuestionGroup[];
  /**
   * Entries with at least one "not helpful" vote since `since`, most first. Votes are kept per entry
   * with no workspace, so they count every workspace of this install.
   */
  notHelpful: NotHelpful[];
};

/** Questions kept at most (retention caps them at 30 days anyway). */
export const MAX_GAP_QUESTIONS = 10_000;

/** Reads the content gaps since an instant; `workspace` narrows the questions to one workspace. */
export async function contentGaps(
  store: Store,
  kb: Pick<KnowledgeBase, 'byId' | 'synonyms'>,
  o: { since: Date; workspace?: { platform: Platform; workspace: string } },
): Promise<ContentGaps> {
  const [all, votes] = await Promise.all([store.listUnanswered(MAX_GAP_QUESTIONS, o.since), store.feedbackCounts(o.since)]);
  const ws = o.workspace;
  const questions = ws ? all.filter((q) => q.platform === ws.platform && q.workspace === ws.workspace) : all;
  const notHelpful = votes
    .filter((v) => v.notHelpful > 0)
    .sort((a, b) => b.notHelpful - a.notHelpful || a.helpful - b.helpful || a.entryId.localeCompare(b.entryId))
    .map((v) => ({ ...v, title: kb.byId.get(v.entryId)?.title ?? null }));
  return { since: o.since, questions: questions.length, unanswered: groupQuestions(questions, buildSynonymMap(kb.synonyms)), notHelpful };
}
