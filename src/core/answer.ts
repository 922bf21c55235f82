import type { Entry } from '../knowledge/schema.js';
import type { KnowledgeBase } from '../knowledge/load.js';
import type { AnswerReply, EntryRef } from './reply-schema.js';
import { renderAnswerText } from './render-text.js';
import { doseLine } from './dose.js';

export const entryRef = (e: Entry): EntryRef => ({ entryId: e.id, title: e.title, tags: [...e.tags], kind: e.kind });

/** Follow-ups worth offering next: a routine's practical questions, else related entries' first question. */
function followUpsFor(entry: Entry, related: Entry[]): string[] {
  if (entry.kind === 'stretch') return ['How long should I hold it?', 'Any I can do at my desk?', 'Give me another stretch'];
  const out = related.slice(0, 3).map((r) => r.questions[0] ?? r.title);
  return out.map((q) => q.charAt(0).toUpperCase() + q.slice(1)).map((q) => (/[?.!]$/.test(q) ? q : `${q}?`));
}

/** Turn an entry into the `answer` reply both adapters render. */
export function answerFromEntry(
  entry: Entry,
  kb: KnowledgeBase,
  opts: { confidence?: number; notes?: string[]; lead?: string } = {},
): AnswerReply {
  const related = entry.related.flatMap((id) => {
    const r = kb.byId.get(id);
    return r ? [r] : [];
  }).slice(0, 4);
  const reply: AnswerReply = {
    kind: 'answer',
    text: '',
    confidence: opts.confidence ?? 1,
    notes: opts.notes ?? [],
    entry: entryRef(entry),
    summary: opts.lead ? `${opts.lead} ${entry.summary.trim()}` : entry.summary.trim(),
    steps: entry.kind === 'stretch' ? [...entry.steps] : [],
    cautions: entry.kind === 'stretch' ? [...entry.cautions] : [],
    durationS: entry.kind === 'stretch' ? entry.duration_s : null,
    dose: entry.kind === 'stretch' ? doseLine(entry) : null,
    sources: entry.sources.map((s) => ({ ...s })),
    related: related.map(entryRef),
    followUps: followUpsFor(entry, related),
    medical: entry.kind !== 'about',
  };
  reply.text = renderAnswerText(reply);
  return reply;
}
