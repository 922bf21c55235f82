// The library as a reader sees it: entries by tag with their sources and review dates, and which
// entries are due for review. `backbuddy kb list` prints it; the admin page shows it. The review rule
// is kb check's (MAX_REVIEW_AGE_MONTHS): an entry is overdue once it was reviewed that many months ago.
import { MAX_REVIEW_AGE_MONTHS, monthsBetween, readingGrade } from './check.js';
import type { KnowledgeBase } from './load.js';
import type { Entry } from './schema.js';

/** Days before the review date from which an entry counts as due soon. */
export const DUE_SOON_DAYS = 60;

export type ReviewState = 'overdue' | 'due_soon' | 'ok';

export type LibraryEntry = {
  entry: Entry;
  /** When kb check starts refusing it: `reviewed` plus MAX_REVIEW_AGE_MONTHS (UTC, the day clamped to the month's end). */
  reviewDue: Date;
  review: ReviewState;
  /** Flesch-Kincaid grade of the summary. */
  grade: number;
};

export type LibraryTag = { tag: string; description: string; entries: LibraryEntry[] };

/** `reviewed` plus `months` calendar months, at UTC midnight; 31 January plus one month is 28 (or 29) February. */
export function addMonths(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last)));
}

export function reviewOf(e: Entry, today: Date): Omit<LibraryEntry, 'entry' | 'grade'> {
  const reviewDue = addMonths(e.reviewed, MAX_REVIEW_AGE_MONTHS);
  const overdue = monthsBetween(e.reviewed, today) >= MAX_REVIEW_AGE_MONTHS;
  const soon = today.getTime() >= reviewDue.getTime() - DUE_SOON_DAYS * 86_400_000;
  return { reviewDue, review: overdue ? 'overdue' : soon ? 'due_soon' : 'ok' };
}

export type Library = {
  tags: LibraryTag[];
  /** Overdue and due-soon entries, each once, the earliest review date first. */
  due: LibraryEntry[];
  entries: number;
};

/** The library by tag (in tags.yaml order), entries in file order; `only` keeps one tag. */
export function libraryByTag(kb: Pick<KnowledgeBase, 'entries' | 'tags'>, today: Date, only?: string): Library {
  const seen = new Map<string, LibraryEntry>();
  const of = (e: Entry) => {
    let l = seen.get(e.id);
    if (!l) {
      l = { entry: e, ...reviewOf(e, today), grade: readingGrade(e.summary) };
      seen.set(e.id, l);
    }
    return l;
  };
  const tags: LibraryTag[] = [];
  for (const [tag, description] of kb.tags) {
    if (only && tag !== only) continue;
    tags.push({ tag, description, entries: kb.entries.filter((e) => e.tags.includes(tag)).map(of) });
  }
  const all = kb.entries.map(of);
  const due = all.filter((l) => l.review !== 'ok').sort((a, b) => a.reviewDue.getTime() - b.reviewDue.getTime() || a.entry.id.localeCompare(b.entry.id));
  return { tags, due, entries: all.length };
}
