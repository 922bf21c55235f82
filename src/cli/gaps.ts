import { loadKnowledge } from '../knowledge/load.js';
import { defaultKnowledgeDir } from '../knowledge/paths.js';
import { buildSynonymMap, contentTerms, type SynonymMap } from '../knowledge/text.js';
import { systemClock } from '../common/clock.js';
import type { FeedbackCount, UnansweredQuestion } from '../store/store.js';
import { intOption, parseOptions, unexpected } from './args.js';
import { withStore, type StoreIo } from './store-io.js';

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

export const GAPS_HELP = `usage: backbuddy kb gaps [--days 1-30] [--limit N] [--json]

For content maintainers: the questions the knowledge base could not answer well in the last --days
(default 30), grouped by their content words, largest group first; and the entries whose answers
were marked "not helpful", most first. --limit caps each list (default 20). Opens the store
(DATA_DIR or DATABASE_URL). Question text is kept scrubbed, with no user id, for
QUESTION_LOG_RETENTION_DAYS (at most 30).`;

const MAX_QUESTIONS = 10_000;

/** `backbuddy kb gaps`. Exit 0 done, 1 the store could not be opened, 2 usage. */
export async function runGaps(args: string[], io: StoreIo): Promise<number> {
  const command = 'backbuddy kb gaps';
  const fail = (line: string) => (io.err(line), 2);
  const o = parseOptions(command, args, { flags: ['json'], values: ['days', 'limit'] });
  if (!o.ok) return fail(o.error);
  if (o.value.flags.has('help')) return (io.out(GAPS_HELP), 0);
  if (o.value.words.length) return fail(unexpected(command, o.value.words));
  const days = intOption(command, o.value, 'days', 1, 30, 30);
  if (!days.ok) return fail(days.error);
  const limit = intOption(command, o.value, 'limit', 1, 1000, 20);
  if (!limit.ok) return fail(limit.error);

  const now = (io.clock ?? systemClock).now();
  const since = new Date(now.getTime() - days.value * 86_400_000);
  const { kb } = loadKnowledge(io.config.KNOWLEDGE_DIR ?? defaultKnowledgeDir());
  return withStore(io, async (store) => {
    const [questions, votes] = await Promise.all([store.listUnanswered(MAX_QUESTIONS, since), store.feedbackCounts(since)]);
    const groups = groupQuestions(questions, buildSynonymMap(kb.synonyms)).slice(0, limit.value);
    const notHelpful = votes
      .filter((v: FeedbackCount) => v.notHelpful > 0)
      .sort((a, b) => b.notHelpful - a.notHelpful || a.helpful - b.helpful || a.entryId.localeCompare(b.entryId))
      .slice(0, limit.value)
      .map((v) => ({ ...v, title: kb.byId.get(v.entryId)?.title ?? null }));
    if (o.value.flags.has('json')) {
      io.out(JSON.stringify({
        since: since.toISOString(), days: days.value, questions: questions.length,
        unanswered: groups.map((g) => ({ ...g, lastAt: g.lastAt.toISOString() })), notHelpful,
      }));
      return 0;
    }
    io.out(`kb gaps: the last ${days.value} days (since ${since.toISOString().slice(0, 10)})`);
    io.out(`\nQuestions not answered well: ${questions.length}${questions.length ? `, in ${groupQuestions(questions, buildSynonymMap(kb.synonyms)).length} groups` : ''}`);
    for (const g of groups) {
      io.out(`${String(g.count).padStart(5)}  ${g.text}  (last ${g.lastAt.toISOString().slice(0, 10)})`);
      for (const v of g.variants) io.out(`         also: ${v}`);
    }
    io.out(`\nAnswers marked not helpful: ${notHelpful.length} entr${notHelpful.length === 1 ? 'y' : 'ies'}`);
    for (const v of notHelpful) io.out(`${String(v.notHelpful).padStart(5)} of ${v.notHelpful + v.helpful}  ${v.entryId}${v.title ? `  ${v.title}` : '  (no longer in the knowledge base)'}`);
    return 0;
  });
}
