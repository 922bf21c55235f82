import { syllable } from 'syllable';
import type { KnowledgeBase } from './load.js';
import type { KbProblem } from './problems.js';
import type { Amount, Entry, StretchEntry } from './schema.js';
import { buildIndex } from './index.js';
import { sourceJudge } from './sources.js';

/** Slack section text limit (https://api.slack.com/reference/block-kit/blocks#section). */
export const SLACK_SECTION_LIMIT = 3000;
/** Discord embed description limit (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_EMBED_LIMIT = 4096;
export const MAX_REVIEW_AGE_MONTHS = 24;
export const MAX_GRADE = 10;
/** A tag needs this many entries to be worth having (knowledge/README.md, "Tags"). */
export const MIN_ENTRIES_PER_TAG = 3;

/** Wording that promises more than the evidence gives. Negated uses ("there is no cure") are fine. */
const CURE = /(?<!\bno |\bnot a |\bnot |\bnever |\bwithout a |\bisn't a |\bcan't |\bcannot |\bwon't )\b(cures?|cured|guaranteed?|permanently fix(es)?|fix(es)? your back( for good)?|eliminates? (back )?pain|miracle|100% (effective|relief)|instant relief)\b/i;
/**
 * A hyphenated word split by a space, as a folded YAML line ending in "anti-" gives "anti- inflammatory".
 * A hanging hyphen before "and", "or" or "to" ("low- to moderate-certainty") is meant.
 */
const BROKEN_WORD = /\p{L}+- (?!(?:and|or|to)\b)\p{L}+/u;
/** Wording that recommends a product or brand. */
const ENDORSE = /\b(we recommend (buying|the|a|an)|i recommend (buying|the|a|an)|best (brand|product|mattress|chair|brace) (is|for)|buy (a|an|the|this|our) |you should buy|top[- ]rated|our favourite (brand|product)|use code|discount code|affiliate)\b/i;

const sentences = (t: string) => Math.max(1, (t.match(/[.!?]+(\s|$)/g) ?? []).length);
const wordsOf = (t: string) => t.split(/\s+/).map((w) => w.replace(/[^A-Za-z'-]/g, '')).filter(Boolean);

/** Flesch-Kincaid grade level of a text (Kincaid et al., 1975). */
export function readingGrade(text: string): number {
  const words = wordsOf(text);
  if (!words.length) return 0;
  const syllables = words.reduce((n, w) => n + Math.max(1, syllable(w)), 0);
  return 0.39 * (words.length / sentences(text)) + 11.8 * (syllables / words.length) - 15.59;
}

/** Whole months from one date to a later one (UTC calendar): how long ago an entry was reviewed. */
export const monthsBetween = (a: Date, b: Date) => (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth()) - (b.getUTCDate() < a.getUTCDate() ? 1 : 0);
const normQ = (q: string) => q.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

function textFields(e: Entry): [string, string][] {
  const out: [string, string][] = [['summary', e.summary], ['body', e.body], ['title', e.title]];
  if (e.kind === 'stretch') {
    e.steps.forEach((s, i) => out.push([`steps[${i}]`, s]));
    e.cautions.forEach((s, i) => out.push([`cautions[${i}]`, s]));
    out.push(['dose.per_day', e.dose.per_day]);
  }
  e.questions.forEach((q, i) => out.push([`questions[${i}]`, q]));
  return out;
}

/** Every content rule beyond the schema. Pure: the knowledge base and today's date in, problems out. */
export function checkKnowledge(kb: KnowledgeBase, today: Date, opts: { distinct?: boolean } = {}): KbProblem[] {
  const problems: KbProblem[] = [];
  const questionOwner = new Map<string, Entry>();
  const tagUse = new Map<string, number>();
  // Without sources.yaml the loader has already reported it; there is nothing to judge URLs by.
  const judge = kb.sources ? sourceJudge(kb.sources) : null;

  for (const e of kb.entries) {
    const file = e.file;
    if (judge) {
      e.sources.forEach((s, i) => {
        const v = judge(s.url);
        if (!v.ok) problems.push({ file, path: `sources[${i}].url`, code: v.code, message: v.message });
      });
    }
    if (e.kind === 'stretch') problems.push(...checkStretch(e));
    e.tags.forEach((t, i) => {
      if (!kb.tags.has(t)) problems.push({ file, path: `tags[${i}]`, code: 'unknown_tag', message: `unknown tag "${t}" (see knowledge/tags.yaml)` });
      tagUse.set(t, (tagUse.get(t) ?? 0) + 1);
    });
    e.related.forEach((r, i) => {
      if (!kb.byId.has(r)) problems.push({ file, path: `related[${i}]`, code: 'dangling_related', message: `no entry with id "${r}"` });
      if (r === e.id) problems.push({ file, path: `related[${i}]`, code: 'dangling_related', message: 'an entry cannot be related to itself' });
    });
    e.questions.forEach((q, i) => {
      const key = normQ(q);
      const owner = questionOwner.get(key);
      if (owner && owner.id !== e.id) problems.push({ file, path: `questions[${i}]`, code: 'duplicate_question', message: `"${q}" is also a question of ${owner.id}` });
      else questionOwner.set(key, e);
    });
    const age = monthsBetween(e.reviewed, today);
    if (age >= MAX_REVIEW_AGE_MONTHS) problems.push({ file, path: 'reviewed', code: 'stale_review', message: `reviewed ${e.reviewed.toISOString().slice(0, 10)}, more than ${MAX_REVIEW_AGE_MONTHS} months ago: check it against its sources again` });
    if (e.reviewed.getTime() > today.getTime() + 86_400_000) problems.push({ file, path: 'reviewed', code: 'stale_review', message: 'reviewed date is in the future' });

    const rendered = [e.title, e.summary, ...(e.kind === 'stretch' ? e.steps : [])].join('\n');
    if (rendered.length > SLACK_SECTION_LIMIT) problems.push({ file, path: 'summary', code: 'too_long', message: `answer text is ${rendered.length} characters; a Slack section holds ${SLACK_SECTION_LIMIT}` });
    if (e.body.length > SLACK_SECTION_LIMIT) problems.push({ file, path: 'body', code: 'too_long', message: `body is ${e.body.length} characters; a Slack section holds ${SLACK_SECTION_LIMIT} (a Discord embed ${DISCORD_EMBED_LIMIT})` });

    for (const [path, text] of textFields(e)) {
      const cure = CURE.exec(text);
      if (cure) problems.push({ file, path, code: 'promises_cure', message: `promises a cure: "${cure[0]}"` });
      const endorse = ENDORSE.exec(text);
      if (endorse) problems.push({ file, path, code: 'endorses_product', message: `recommends a product: "${endorse[0]}"` });
      const broken = BROKEN_WORD.exec(text);
      if (broken) problems.push({ file, path, code: 'broken_word', message: `a word is split after its hyphen: "${broken[0]}" (a folded YAML line adds a space there; keep the word on one line)` });
    }
    const grade = readingGrade(e.summary);
    if (grade > MAX_GRADE) problems.push({ file, path: 'summary', code: 'readability', message: `reads at grade ${grade.toFixed(1)}; keep summaries at grade ${MAX_GRADE} or below (shorter sentences, plainer words)` });
  }

  for (const tag of kb.tags.keys()) {
    const n = tagUse.get(tag) ?? 0;
    if (n < MIN_ENTRIES_PER_TAG) problems.push({ file: 'knowledge/tags.yaml', path: tag, code: 'underused_tag', message: `tag "${tag}" is used by ${n} entries; every tag needs at least ${MIN_ENTRIES_PER_TAG}` });
  }

  if (opts.distinct !== false) problems.push(...checkDistinct(kb));
  return problems;
}

/** "20 to 30" for a span, "5" for a count: how the steps write a dose's numbers. */
const spoken = (a: Amount) => (Array.isArray(a) ? `${a[0]} to ${a[1]}` : String(a));

/**
 * A routine's dose restates numbers its steps give, so the two must agree: each number of the dose
 * appears in the steps ("Hold for 20 to 30 seconds", "Do each side 2 times"). Seated means desk-friendly.
 */
function checkStretch(e: StretchEntry): KbProblem[] {
  const problems: KbProblem[] = [];
  const steps = e.steps.join(' ');
  // Sets are left out: steps say "rest, then one more set if you like" rather than "1 to 2 sets".
  for (const key of ['hold_s', 'reps', 'for_s'] as const) {
    const a = e.dose[key];
    if (a === undefined) continue;
    // for_s is spoken in minutes when it is whole minutes ("2 to 5 minutes").
    const forms = [spoken(a)];
    if (key === 'for_s') {
      const mins = (Array.isArray(a) ? a : [a]).map((s) => s / 60);
      if (mins.every(Number.isInteger)) forms.push(spoken((Array.isArray(a) ? mins : mins[0]) as Amount));
    }
    if (!forms.some((f) => new RegExp(`(^|[^0-9])${f}([^0-9]|$)`).test(steps))) {
      problems.push({ file: e.file, path: `dose.${key}`, code: 'dose_mismatch', message: `dose says ${forms.join(' or ')}, but no step says so: the dose restates the steps, so make them agree` });
    }
  }
  if (e.seated && !e.desk_friendly) problems.push({ file: e.file, path: 'seated', code: 'seated_not_desk', message: 'a routine done seated in a chair is desk-friendly: set desk_friendly: true, or seated: false' });
  return problems;
}

/**
 * Two entries are too alike when, searching everything but the questions, one entry's questions
 * mostly find the other, whose own questions find it or the first: both question sets land on the
 * same top hits. Then retrieval cannot tell them apart: merge or sharpen them.
 */
export function checkDistinct(kb: KnowledgeBase): KbProblem[] {
  const index = buildIndex(kb, { fields: ['title', 'summary', 'body', 'tags'] });
  const topOf = new Map<string, Map<string, number>>();
  for (const e of kb.entries) {
    const counts = new Map<string, number>();
    for (const q of e.questions) {
      const top = index.search(q, { limit: 1 })[0];
      if (top) counts.set(top.entry.id, (counts.get(top.entry.id) ?? 0) + 1);
    }
    topOf.set(e.id, counts);
  }
  const problems: KbProblem[] = [];
  const most = (id: string, hit: (top: string) => boolean) => {
    const counts = topOf.get(id) ?? new Map<string, number>();
    const total = kb.byId.get(id)?.questions.length ?? 0;
    let n = 0;
    for (const [top, c] of counts) if (hit(top)) n += c;
    return n * 2 > total;
  };
  // Tips restate a fuller entry in a line on purpose; the answer pipeline prefers them only when a
  // tip is asked for, so they are not checked against the entry they summarise.
  for (const b of kb.entries.filter((e) => e.kind !== 'tip')) {
    // b is shadowed by a when b's questions mostly find a, and a's own questions stay within the pair.
    for (const [aId] of topOf.get(b.id) ?? []) {
      if (aId === b.id || kb.byId.get(aId)?.kind === 'tip' || !most(b.id, (t) => t === aId) || !most(aId, (t) => t === aId || t === b.id)) continue;
      problems.push({ file: b.file, path: 'questions', code: 'indistinct', message: `most of its questions find ${aId}, and ${aId}'s questions find ${aId} or this entry: retrieval cannot tell them apart; merge them or sharpen their wording` });
    }
  }
  return problems;
}
