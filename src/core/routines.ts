import type { KnowledgeBase } from '../knowledge/load.js';
import { isStretch, type BodyArea, type StretchEntry } from '../knowledge/schema.js';
import type { ConversationContext } from './context.js';

/**
 * Which routines a request rules out: false, none; true, all but the desk-friendly ones ("at my
 * desk"); 'seated', all but the ones done sitting in a chair ("in my chair", "sitting down").
 */
export type DeskOnly = boolean | 'seated';

export type RoutineRequest = { desk: DeskOnly; useContext: boolean; targets: BodyArea[] };

const GENERIC = /^(please )?(give me |show me |i need |i want |can i have |can i get |suggest |send me |got )?(a |an |another |one more |some |any )?(quick |short |new |different |good |easy )?(stretch|stretches|stretching|routine|exercise break|movement break|stretch break|break)( now| please| break| routine| for me)?$/;
const ANOTHER = /^(another|another one|next|next one|something else|a different one|different one|one more|give me another( one)?)$/;
const DESK = /\b(at|for|from|by|in|on) (my|the|a) ((office|work|desk) )?(desk|chair|workstation|office)\b|\bdesk (friendly|stretch(es)?|exercises?)\b|\bwithout (getting )?(on the )?floor\b|\bsitting down\b|\bin my chair\b/;
const DESK_ANY = /\b(any|anything|something|ones?|versions?|stretch(es)?|exercises?|routines?)\b.*\b(desk|chair|workstation|office|seated|sitting down|floor)\b/;
/** "a seated stretch", "desk exercises for my neck": the place names the kind of routine. */
const DESK_KIND = /\b(seated|desk|chair|office)( friendly)? (stretch(es)?|exercises?|routines?|moves?)\b/;
/** Asking for a routine done sitting, not just one near the desk. */
const SEATED = /\b(seated|sitting down|sat down|sat (at|in|on) (my|the|a)|(in|on) (my|the|a) ((office|work|desk) )?chair|from (my|the) chair|without (getting up|standing( up)?|leaving (my|the) (chair|seat)|getting out of (my|the) (car|truck|van|cab|seat|chair))|while (i'?m |im )?(actually |just |still )?sitting|(can|could) (i |you |u )?do (it |that |this |them |one |that one |this one |any )?(while )?(sitting|seated|sat)|do sitting|while (i'?m |im )?sat|(at|in|on) (my|the|a) (seat|stool)|sat here|(in|during) (a|the|my) meeting|on (the|a) (train|bus|plane|tube|flight))\b/;

/**
 * "Sat in the forklift all night and the front of my hips are tight", "sitting at a desk 9 hours a day":
 * how the day was spent, told as the reason for the question, not a request for a routine done sitting.
 * (A desk named there still asks for one that fits a desk.)
 */
const SAT_FOR_HOURS = /\b(sat|sitting|seated) (at|in|on) (my|the|a) (\w+ ){0,2}?\w+ (all (day|night|shift|morning|afternoon)|for (hours|ages|\d+ ?(hours?|hrs?))|\d+ ?(hours?|hrs?)( a (day|night|shift))?)\b/g;

/**
 * "A good stretch for a tight lower back", "best stretches for my hips": a request for a routine for
 * one part of the body, worded as a noun phrase and nothing more. "Back" on its own means the lower back.
 */
const FOR_AREA = /^(what'?s |what is |whats |any |give me |show me |suggest |recommend |need )?(a |an |some |any |the )?(good |best |quick |easy |gentle |simple )?(stretch(es)?|stretching exercises?) (for|to (help|ease|loosen( up)?)) (a |my |the |your )?((tight|stiff|sore|achy|aching|bad|painful) )?(lower back|low back|back|hips?|glutes?|bum|hamstrings?|upper back|neck|shoulders?)( pain| ache| stiffness)?$/;

/**
 * "Hip flexor stretch pls", "whats a good glute stretch for lower back pain", "a hamstring stretch that
 * actually helps the back": the routine named by the part it stretches.
 */
const AREA_STRETCH = /^(what'?s |what is |whats |any |give me |show me |suggest |recommend |need )?(a |an |some |any |the |one )?(good |best |quick |easy |gentle |simple )?(hip flexors?|hamstrings?|glutes?|quads?|quadriceps|lower back|low back|upper back|neck|shoulders?) stretch(es)?( (for|to (help|ease)) (a |my |the |your )?((tight|stiff|sore|achy|aching|bad|painful) )?(lower back|low back|back)( pain| ache| stiffness)?| (that|which) (actually |really )?(helps?|works?)( for)?( (my|the|your) (lower |low )?back( pain)?)?)?( pls| please| plz)?$/;

const WORK_SETTING = /\b(office|desk|chair|at work|shifts?|warehouse|workplace|cubicle|tills?|counter)\b/;

/** Pure: is this a request for a routine rather than a question? */
export function detectRoutineRequest(lower: string, ctx: ConversationContext): RoutineRequest | null {
  const t = lower.replace(/[?!.,]+/g, '').replace(/\s+/g, ' ').trim();
  // "should i exercise through it or rest? conflicting advice from everyone in the office": the place
  // is in another sentence than the exercise; it says where the advice came from, not where to do it.
  const oneSentence = lower.split(/[?!.]+\s+/).some((s) => DESK_ANY.test(s));
  if (GENERIC.test(t)) return { desk: false, useContext: false, targets: [] };
  if (ANOTHER.test(t) && ctx.lastEntryId) return { desk: false, useContext: true, targets: [] };
  // "Whats a good stretch for a tight lower back? stiff as after a night shift", "hip flexor stretch pls,
  // sat in the forklift all night": the request leads and the rest says why; the whole is read for the setting.
  const lead = lower.split(/[?!.,;]+\s+/)[0]!.replace(/[?!.,]+/g, '').replace(/\s+/g, ' ').trim();
  const asksWhole = FOR_AREA.test(t) || AREA_STRETCH.test(t);
  if (asksWhole || FOR_AREA.test(lead) || AREA_STRETCH.test(lead)) {
    const targets = targetsIn(asksWhole ? t : lead);
    // "office chair whole day", "after a night shift": told from work, one that fits there.
    const atWork = lead !== t && WORK_SETTING.test(t);
    return { desk: deskNeed(t) || atWork, useContext: false, targets: targets.length ? targets : ['lower-back'] };
  }
  const desk = deskNeed(t);
  if (!desk) return null;
  // "is there something i can do without leaving my chair": a seated setting asks as the desk does.
  // Not a routine named by what it does ("turn my torso side to side stretch while seated").
  const asks = (DESK.test(t) && DESK_ANY.test(t) && oneSentence) || DESK_KIND.test(t) || (SEATED.test(t) && DESK_ANY.test(t) && /^(is there |are there |any |anything |something )/.test(t));
  if (asks && targetsIn(t).length) return { desk, useContext: false, targets: targetsIn(t) };
  if (asks && t.split(' ').length <= 16 && !/\b(chair|desk) (height|setup|set up)\b|\bstanding desk\b|\bbest chair\b/.test(t)) {
    return { desk, useContext: Boolean(ctx.lastEntryId), targets: [] };
  }
  return null;
}

/**
 * Pure: the setting a message asks for, whatever else it asks: 'seated' for "in my chair",
 * "sitting down", "seated"; true for "at my desk", "desk stretches", "without getting on the floor";
 * false otherwise. A reply that offers a routine for such a message should pass it to `pickStretch`.
 */
export function deskNeed(lower: string): DeskOnly {
  if (SEATED.test(lower.replace(SAT_FOR_HOURS, ' '))) return 'seated';
  return DESK.test(lower) || DESK_KIND.test(lower) ? true : false;
}

/** Pure: does a routine suit the request? Seated routines also count as desk-friendly. */
export const suitsDesk = (e: StretchEntry, deskOnly: DeskOnly | undefined): boolean =>
  !deskOnly || (deskOnly === 'seated' ? e.seated : e.desk_friendly || e.seated);

/**
 * Pure: pick a routine. Candidates sharing a tag with the current topic come first; among equals
 * the seed rotates, so "another one" gives a different routine each time.
 */
export function pickStretch(
  kb: KnowledgeBase,
  o: { deskOnly?: DeskOnly; preferTags?: string[]; targets?: BodyArea[]; exclude?: string[]; seed?: number },
): StretchEntry | null {
  let pool = kb.entries.filter(isStretch).filter((e) => !o.exclude?.includes(e.id));
  // A desk request never gets a floor routine, even when nothing else scores.
  pool = pool.filter((e) => suitsDesk(e, o.deskOnly));
  if (!pool.length) return null;
  // Score: the body areas asked for count most (the first one most of all, more for a routine
  // mainly for it, and more again for one for that area alone: the chair back extension for the upper
  // back, not shoulder rolls that share it with the neck), then shared tags.
  const targets = o.targets ?? [];
  const tags = o.preferTags ?? [];
  const scoreOf = (e: StretchEntry) =>
    targets.reduce((n, t, i) => n + (e.targets.includes(t) ? (i === 0 ? 4 : 2) : 0), 0) +
    (targets[0] && e.targets[0] === targets[0] ? (e.targets.length === 1 ? 2.5 : 1) : 0) +
    tags.reduce((n, t, i) => n + (e.tags.includes(t) ? (i === 0 ? 1.5 : 1) : 0), 0);
  const best = Math.max(...pool.map(scoreOf));
  const top = pool.filter((e) => scoreOf(e) === best);
  const i = Math.abs(Math.floor((o.seed ?? 0) / 1000)) % top.length;
  return top[i] ?? null;
}

const AREA_WORDS: [BodyArea, RegExp][] = [
  ['hips', /\bhips?\b|\bhip flexors?\b/],
  ['glutes', /\b(glutes?|bum|buttocks?|butt)\b/],
  ['hamstrings', /\bhamstrings?\b|\bbacks? of (my|the|your) thighs?\b/],
  ['quads', /\bquads?\b|\bquadriceps\b|\bfronts? of (my|the|your) thighs?\b/],
  ['core', /\b(core|abs|stomach|tummy)\b/],
  ['upper-back', /\bupper back\b|\bshoulders?\b|\bshoulder blades?\b/],
  ['neck', /\bneck\b/],
  ['lower-back', /\blower back\b|\blow back\b/],
];

/** Pure: body areas named in a message ("a stretch for my hips" → hips). */
export function targetsIn(lower: string): BodyArea[] {
  return AREA_WORDS.filter(([, re]) => re.test(lower)).map(([a]) => a);
}

const TAG_TARGETS: Record<string, BodyArea[]> = {
  'hip-flexors': ['hips'],
  glutes: ['glutes'],
  hamstrings: ['hamstrings'],
  quadriceps: ['quads'],
  core: ['core'],
  'upper-back': ['upper-back', 'neck'],
  'pelvic-tilt': ['hips', 'lower-back'],
  posture: ['upper-back', 'lower-back'],
  sciatica: ['lower-back', 'glutes'],
};

/** Body areas a topic's tags point at, so "any for my desk?" after a hip question gives a hip routine. */
export function targetsForTags(tags: string[]): BodyArea[] {
  return [...new Set(tags.flatMap((t) => TAG_TARGETS[t] ?? []))];
}
