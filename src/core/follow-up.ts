import type { Entry } from '../knowledge/schema.js';

/** How a message leans on the previous topic. */
export type FollowUp =
  | { kind: 'same_entry'; lead: string }
  | { kind: 'more' }
  | { kind: 'topic'; allowSame: boolean; stretchOnly: boolean };

const MORE = /^(tell me more|more|more (info|information|detail|details)|go on|explain( that| it| more)?|can you explain( that| it| more)?|why( is that| does it)?|how come|more about (it|that|this)|and\??)$/;
const DOSE = /\b(how long|how many|how often|hold( it| them| this)?|reps|repetitions|times a day|sets|how much|every day|daily)\b/;
const ANAPHORA = /\b(it|that|this|those|these|them|ones?|any|others?|else|more|also|too|instead)\b/;
const LEAD_IN = /^(and|also|what about|how about|but|so|then|ok so|what if)\b/;
const STRETCHY = /\b(stretch(es)?|exercises?|ones|routines?|moves?)\b/;
const SHORT_QUESTION = /^(how|what|will|would|can|could|is|are|does|do|should|when|why|any|which|where)\b/;

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** Pure: does this short message continue the last topic, and how? */
export function detectFollowUp(lower: string, last: Entry): FollowUp | null {
  const t = lower.replace(/[?!.]+/g, '').replace(/\s+/g, ' ').trim();
  if (MORE.test(t)) return { kind: 'more' };
  const n = words(t);
  if (n > 12) return null;
  if (last.kind === 'stretch' && DOSE.test(t) && (ANAPHORA.test(t) || n <= 6)) {
    return { kind: 'same_entry', lead: 'Here are the steps again, with how long to hold and how often to repeat.' };
  }
  if (LEAD_IN.test(t) || (ANAPHORA.test(t) && n <= 10)) {
    return { kind: 'topic', allowSame: false, stretchOnly: STRETCHY.test(t) };
  }
  // A bare short question ("how often?", "will it go away on its own", "can i do that sitting
  // down") only makes sense about what was just said.
  if (n <= 5 && SHORT_QUESTION.test(t)) return { kind: 'topic', allowSame: false, stretchOnly: STRETCHY.test(t) };
  return null;
}

const ORDINALS: Record<string, number> = { first: 0, '1st': 0, one: 0, second: 1, '2nd': 1, two: 1, third: 2, '3rd': 2, three: 2, fourth: 3, '4th': 3, four: 3, last: -1 };

/** Pure: "2", "the second one", "option 3" or an option's title picks from what was offered. */
export function pickOffered(text: string, offered: string[]): string | null {
  if (!offered.length) return null;
  const t = text.toLowerCase().replace(/[?!.]+/g, '').trim();
  const num = /^(?:option |number |no\.? |#)?([1-4])$/.exec(t);
  if (num) return offered[Number(num[1]) - 1] ?? null;
  const ord = /^(?:the )?(first|1st|second|2nd|third|3rd|fourth|4th|last)(?: one| option)?$/.exec(t);
  if (ord) {
    const i = ORDINALS[ord[1] ?? ''] ?? -2;
    return (i === -1 ? offered[offered.length - 1] : offered[i]) ?? null;
  }
  return null;
}
