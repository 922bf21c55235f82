import { loadKnowledge } from '../knowledge/load.js';
import { defaultKnowledgeDir } from '../knowledge/paths.js';
import { systemClock } from '../common/clock.js';
import { contentGaps } from '../review/gaps.js';
import { intOption, parseOptions, unexpected } from './args.js';
import { withStore, type StoreIo } from './store-io.js';

export const GAPS_HELP = `usage: backbuddy kb gaps [--days 1-30] [--limit N] [--json]

For content maintainers: the questions the knowledge base could not answer well in the last --days
(default 30), grouped by their content words, largest group first; and the entries whose answers
were marked "not helpful", most first. --limit caps each list (default 20). Opens the store
(DATA_DIR or DATABASE_URL). Question text is kept scrubbed, with no user id, for
QUESTION_LOG_RETENTION_DAYS (at most 30).`;

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
    const gaps = await contentGaps(store, kb, { since });
    const questions = gaps.questions;
    const groups = gaps.unanswered.slice(0, limit.value);
    const notHelpful = gaps.notHelpful.slice(0, limit.value);
    if (o.value.flags.has('json')) {
      io.out(JSON.stringify({
        since: since.toISOString(), days: days.value, questions,
        unanswered: groups.map((g) => ({ ...g, lastAt: g.lastAt.toISOString() })), notHelpful,
      }));
      return 0;
    }
    io.out(`kb gaps: the last ${days.value} days (since ${since.toISOString().slice(0, 10)})`);
    io.out(`\nQuestions not answered well: ${questions}${questions ? `, in ${gaps.unanswered.length} groups` : ''}`);
    for (const g of groups) {
      io.out(`${String(g.count).padStart(5)}  ${g.text}  (last ${g.lastAt.toISOString().slice(0, 10)})`);
      for (const v of g.variants) io.out(`         also: ${v}`);
    }
    io.out(`\nAnswers marked not helpful: ${notHelpful.length} entr${notHelpful.length === 1 ? 'y' : 'ies'}`);
    for (const v of notHelpful) io.out(`${String(v.notHelpful).padStart(5)} of ${v.notHelpful + v.helpful}  ${v.entryId}${v.title ? `  ${v.title}` : '  (no longer in the knowledge base)'}`);
    return 0;
  });
}
