import type { Entry } from '../knowledge/schema.js';
import type { Hit, SearchIndex } from '../knowledge/index.js';
import { AND_A_THING, entrySentences } from './follow-up.js';

/**
 * Follow-ups that bring a new subject to the last topic: a condition or situation ("is it safe with
 * sciatica?", "and if I'm pregnant?") or another thing to use ("what about one of those lumbar
 * rolls?"). They are answered by retrieving with the new subject while keeping the last topic as
 * context, and when the entry just given already covers the subject, by quoting that part of it.
 */
export type SubjectAsk = 'safe' | 'thing' | 'why';

/** "is it safe with sciatica", "would it be ok if i'm pregnant", "and if i have osteoporosis?", "what if she's 68". */
const ASKS_IF_SAFE = /\b(safe|ok(ay)?|alright|fine|risky|dangerous|harmful|advisable|bad|suitable|appropriate|recommended|allowed|a good idea|wise)\b.*\b(with|if|when|while|during|for|in|at|since|as)\b|^(and |but |so |ok )?(what )?if (i|i'?m|im|i'?ve|ive|you|you'?re|she|she'?s|he|he'?s|they|my|her|his)\b/;
/** Words that ask whether something is safe or allowed. */
const SAFE_WORD = /\b(safe|risky|dangerous|harmful|advisable|suitable|allowed|ok(ay)?|alright)\b/;
/** "can i use it at work", "could i take them before a run", "should i wear it in bed": doing what was just said in a setting, as "is it ok to … at work". */
const USE_IT_WHEN = /^(and |but |so |ok )?(can|could|should|may|shall) (i|you|we|u) (still |also |just )?(use|do|take|wear|try|have|keep|put) (it|that|this|them|these|those|one)\b.*\b(at|in|on|while|during|when|if|with|before|after|whilst|overnight)\b/;
/** "ok for a 70 year old?", "safe for kids?", "is it suitable for older people": a group of people the question is about. */
const FOR_PERSON = /\bfor (a |an |my |the |older |elderly |young |little )?(\d+ ?(year|yr)s?[ -]old|\d+ ?yo|kids?|children|child|teens?|teenagers?|older (people|adults|folks)|elderly|seniors?|people|someone|women|men|mum|mom|dad|grandparents?|grandma|grandad|grandpa|pensioners?|pregnant women)\b/;
/** "what about one of those lumbar rolls", "would a heat pad work instead", "how about a tennis ball". */
const ASKS_ABOUT_THING = /^(and |but |so |ok |or )?(what|how) about\b(?! if\b)|\binstead\b|^(and |but |so |ok )?(would|could|do|does|are|is|will) (a|an|one of those|those|these|some|any) \w+/;

/** Pure: is this follow-up about a condition (is it safe with…) or another thing to use (what about…)? */
export function subjectAsk(lower: string): SubjectAsk | null {
  const t = lower.replace(/[?!.,]+/g, ' ').replace(/\s+/g, ' ').trim();
  // "what if I use a gym ball instead of a chair?": another thing to use, unless it asks whether it is safe.
  if (/\binstead\b/.test(t) && !SAFE_WORD.test(t)) return 'thing';
  if (ASKS_IF_SAFE.test(t) || USE_IT_WHEN.test(t)) return 'safe';
  if (ASKS_ABOUT_THING.test(t) || AND_A_THING.test(t)) return 'thing';
  // "why does bending forward feel better with it?": why something the entry describes is so.
  if (/^(and |but |so )?(why|how come)\b/.test(t) && /\b(it|that|this|they|them)\b/.test(t)) return 'why';
  return null;
}

/** The thing asked about: "what about a lidocaine patch instead", "how about one of those kneeling chairs". */
const THING_PHRASE = /\b(what|how) about (a |an |the |some |those |these |one of (?:those|these|them) )?([a-z][a-z' -]*?)(?= instead\b| though\b| then\b|\?|,|\.|$)/;
/** "would one of those heated belts be better?", "and a heated wrap belt?": the thing after "would a" or "and a". */
const THING_ASKED = /^(?:and |but |so |ok |or |plus )?(?:(?:would|could|do|does|are|is|will) )?(?:a|an|one of (?:those|these|them)|those|these|some|any) ([a-z][a-z' -]*?)(?= (?:be|do|help|helps|work|works|instead|though|then|any good|better|worth)\b|\?|,|\.|$)/;

/** Words that only frame such a follow-up: they name no subject of their own. */
const FRAME_WORDS =
  'safe ok okay alright fine risky dangerous harmful advisable bad instead also too still one ones those these that this thing things stuff use using used try trying worth good better help helps helping work works would could should can about what if have has had got having take taking do doing does did done be being am bit little during more than few couple day days week weeks time times really actually much any kind sort type them they it them on off same way ways like get getting go going as well with want kinda sorta maybe just even then there here wear wearing buy buying feel feels feeling felt make makes worse hurt hurts happen happens cause causes give gives giving gave though tho anyway new different proper decent cheap cheaper expensive fancy job trick month months year years ago last two three four five six seven eight nine ten twenty thirty forty fifty sixty seventy eighty she shes he hes his hers always';

export type SubjectDeps = { index: SearchIndex; generic: Set<string> };

const FRAME = new WeakMap<SearchIndex, Set<string>>();
const frameTerms = (index: SearchIndex): Set<string> => {
  let set = FRAME.get(index);
  if (!set) FRAME.set(index, (set = new Set(index.queryTerms(FRAME_WORDS))));
  return set;
};

/** Pure: the message's own subject, as search terms: its content words less the frame and the words that carry no topic. */
export function subjectTerms(lower: string, deps: SubjectDeps): string[] {
  const frame = frameTerms(deps.index);
  return [...new Set(deps.index.queryTerms(lower))].filter((t) => t.length >= 3 && !/^\d+$/.test(t) && !frame.has(t) && !deps.generic.has(t));
}

/** Stems the stemmer leaves apart for one word: "lying" is "ly", "lie" is "lie"; falling "asleep" is sleep. */
const ALIKE: Record<string, string> = { ly: 'lie', asleep: 'sleep' };
/** Two terms name the same thing: equal, or the same first six letters ("pregnant", "pregnancy"). */
const same = (a: string, b: string) => {
  const [x, y] = [ALIKE[a] ?? a, ALIKE[b] ?? b];
  return x === y || (x.length >= 6 && y.length >= 6 && x.slice(0, 6) === y.slice(0, 6));
};
const has = (set: Set<string>, t: string) => set.has(t) || [...set].some((s) => same(s, t));

/** Per-entry term sets: what the entry is about (title, questions, summary), and its sentences. */
const ABOUT = new WeakMap<Entry, Set<string>>();
const SENTENCES = new WeakMap<Entry, { text: string; terms: Set<string> }[]>();
function aboutTerms(e: Entry, index: SearchIndex): Set<string> {
  let set = ABOUT.get(e);
  if (!set) ABOUT.set(e, (set = new Set(index.queryTerms(`${e.title} ${(e.questions ?? []).join(' ')} ${e.summary ?? ''}`))));
  return set;
}
function sentencesOf(e: Entry, index: SearchIndex): { text: string; terms: Set<string> }[] {
  let list = SENTENCES.get(e);
  if (!list) SENTENCES.set(e, (list = entrySentences(e).map((s) => ({ text: s, terms: new Set(index.queryTerms(s)) }))));
  return list;
}

/** Pure: the entry's sentences (at most two, in order) that name the most of these terms, or null when none names any. */
export function quoteMentioning(e: Entry, terms: string[], index: SearchIndex, all = false, prefer?: RegExp): string | null {
  const scored = sentencesOf(e, index)
    .map((s, i) => ({ s, i, n: terms.filter((t) => has(s.terms, t)).length, p: prefer?.test(s.text.toLowerCase()) ? 1 : 0 }))
    .filter((x) => x.n > 0 && (!all || x.n === terms.length));
  if (!scored.length) return null;
  const best = scored.sort((a, b) => b.n - a.n || b.p - a.p || a.i - b.i).slice(0, 2).sort((a, b) => a.i - b.i);
  return best.map((x) => x.s.text).join(' ');
}

/** Sentences that say when to be careful: for "is it safe with …", among those naming the subject equally. */
const CAUTION = /\b(skip|avoid|don'?t|do not|stop|careful|caution|check with|ask (your|a)|unless|not (suitable|safe|advised)|operation|surgery|if you have|if you'?re)\b/;

/** Tags of entries on doing something: being active, exercise, strength, yoga, stretching. */
export const DOING = new Set(['exercise', 'staying-active', 'strength-training', 'yoga-pilates', 'stretching']);

/** Tags of kinds of care: things a person can do or use for their back. */
const CARE = new Set([...DOING, 'heat-cold', 'pain-relief', 'physical-therapy', 'desk-setup', 'movement-breaks', 'sleep']);

/** Main tags of care that is done to or for a person rather than an activity: massage, heat, tablets, a desk or a bed. */
const PASSIVE_CARE = new Set([...CARE].filter((t) => !DOING.has(t)));
/** A question about getting back to exercise: "when can I start exercising again", "go back to the gym". */
const ACTIVE_AGAIN = /\b(exercis\w*|gym|sports?|work(ing)? out|train(ing)?)\b/i;

/** Two entries on the same topic: they share a tag, or one lists the other as related. */
const linked = (a: Entry, b: Entry) => a.tags.some((t) => b.tags.includes(t)) || a.related.includes(b.id) || b.related.includes(a.id);

export type SubjectAnswer = { entry: Entry; quote: string | null };

const TITLE = new WeakMap<Entry, Set<string>>();
const titleTerms = (e: Entry, index: SearchIndex): Set<string> => {
  let set = TITLE.get(e);
  if (!set) TITLE.set(e, (set = new Set(index.queryTerms(e.title))));
  return set;
};

/** Does the entry name the term, in what it is about (title, questions, summary) or in a sentence of its body? */
const mentions = (e: Entry, t: string, index: SearchIndex) => has(aboutTerms(e, index), t) || sentencesOf(e, index).some((s) => has(s.terms, t));

/**
 * "Is it safe with sciatica?" after yoga asks about yoga for someone with sciatica: the entry just
 * given when what it is about names the subject (quoted); else an entry on both (heat in pregnancy
 * after hot baths); else an entry named for the subject (pregnancy back pain); else the entry just
 * given when it mentions the subject (asthma in the NSAIDs entry, quoted); else an entry on it. "What about a standing desk instead?" asks about another thing: the entry named for
 * it; else the entry just given when it mentions the thing (quoted: a rolled towel after lumbar
 * cushions); else the best entry on the thing, with entries on the last topic lifted.
 */
export function resolveSubject(lower: string, ask: SubjectAsk, last: Entry, deps: SubjectDeps & { lift: number; rank: (hits: Hit[]) => Hit[] }): SubjectAnswer | null {
  const subject = subjectTerms(lower, deps);
  const { index } = deps;
  const usable = (h: Hit) => h.entry.id !== last.id && h.entry.kind !== 'stretch' && !h.entry.tags.includes('red-flags');
  const names = (h: Hit, all: boolean) => (all ? subject.every : subject.some).call(subject, (t: string) => has(aboutTerms(h.entry, index), t));
  const lastSays = () => ({ entry: last, quote: quoteMentioning(last, subject, index, false, ask === 'safe' ? CAUTION : undefined) });
  const lastAbout = aboutTerms(last, index);
  if (ask === 'safe') {
    // "Is it safe if it hurts a bit during?": no new subject, so it asks about what was just said.
    if (!subject.length) return { entry: last, quote: null };
    if (subject.some((t) => has(lastAbout, t))) return lastSays();
    // An entry on both names the last topic too (a bath, after hot baths), not only a tag it shares:
    // TENS, which shares massage's pain-relief tag and says "check with a GP if you are pregnant", is
    // not on massage in pregnancy.
    const topicWords = [...titleTerms(last, index)].filter((t) => t.length >= 3 && !frameTerms(index).has(t) && !deps.generic.has(t));
    const onLast = (e: Entry) => !topicWords.length || topicWords.some((t) => has(aboutTerms(e, index), t));
    const both = deps.rank(index.search(`${lower} ${last.title}`, { limit: 12 })).filter((h) => usable(h) && linked(h.entry, last) && names(h, false) && onLast(h.entry));
    if (both[0]) return { entry: both[0].entry, quote: null };
    const own = deps.rank(index.search(lower, { limit: 8 })).filter((h) => usable(h) && names(h, true));
    // An entry named for the subject ("is it safe to run with it?": running) comes before a passing
    // mention of it in the entry just given; a mention comes before an entry that only covers it.
    // Among entries named for it, one of the same kind as the entry just given comes first: after
    // yoga, gentle exercises in pregnancy rather than heat packs in pregnancy.
    const named = own.filter((h) => subject.every((t) => has(titleTerms(h.entry, index), t)));
    const doing = (e: Entry) => e.tags.some((t) => DOING.has(t));
    const titled = named.find((h) => h.entry.tags.some((t) => last.tags.includes(t)) || (doing(h.entry) && doing(last))) ?? named[0];
    // "Is it safe if I have a bulging disc?" after yoga, massage or running: a condition of the
    // person's whose own entry says nothing of what to do with it (a scan finding) leaves the question
    // about the activity, which its entry answers (writers G and H, and F's golf, asked so). An entry
    // on being active with the condition (osteoporosis and exercise, pregnancy back pain) answers it;
    // "is it safe to run with it?" names a new thing to do.
    // After a kind of care that is no activity (massage, heat), an entry on being active with the
    // condition does not answer: "ok if you have osteoporosis?" after massage asks about massage.
    // An entry on the condition whose questions ask when to exercise again (recovery after a
    // discectomy) answers for an activity as one on being active does.
    const ofPerson = (/\b(if|with|when|while|since|as)\b/.test(lower) || FOR_PERSON.test(lower)) && !/\b(to|do|doing|play|playing)\b/.test(lower);
    const passive = PASSIVE_CARE.has(last.tags[0] ?? '');
    const active = (e: Entry) => e.tags.some((t) => DOING.has(t)) || (!e.tags.includes('myths') && (e.questions ?? []).some((q) => ACTIVE_AGAIN.test(q)));
    if (ofPerson && !(titled && !passive && active(titled.entry))) return subject.some((t) => mentions(last, t, index)) ? lastSays() : { entry: last, quote: null };
    if (titled) return { entry: titled.entry, quote: null };
    if (subject.some((t) => mentions(last, t, index))) return lastSays();
    return own[0] ? { entry: own[0].entry, quote: null } : { entry: last, quote: null };
  }
  if (!subject.length) return null;
  // A why-question the entry just given answers: every word of it is in the entry; quote that part.
  if (ask === 'why') return subject.every((t) => mentions(last, t, index)) ? lastSays() : null;
  // "What about a lidocaine patch instead?": a thing the library never names is something it cannot
  // speak to; the entry just given, on the same kind of thing (rub-on painkillers), is the closest.
  const thing = THING_PHRASE.exec(lower)?.[3] ?? THING_ASKED.exec(lower)?.[1] ?? '';
  // Known: a word of the library's own, or one its synonyms read as one ("tylenol" for paracetamol).
  const unknown = (w: string) => w.length >= 5 && /^[a-z]+$/.test(w) && !index.knowsWord(w) && !index.search(w, { limit: 1 }).length;
  // "wobble stools or a kneeling chair": one thing of two it knows is enough.
  if (thing && thing.split(/\s+or\s+(?:an? |the |some |one of (?:those|these|them) )?/).every((alt) => alt.split(/[\s-]+/).some(unknown))) return { entry: last, quote: null };
  const hits = deps.rank(index.search(lower, { limit: 12 })).filter(usable);
  // The entry on the thing: what it is about (title, questions, summary) names every word of the
  // subject ("a back brace or lifting belt"; not tennis for "a tennis ball").
  const own = hits.find((h) => names(h, true) && h.entry.kind !== 'tip') ?? hits.find((h) => names(h, true));
  // "Would a hot water bottle do instead?" after heat or ice, whose own questions name it: the entry
  // just given answers, quoted, unless another entry is named for the thing ("a hot bath": its entry).
  // A thing the last entry's title names ("a heating pad" after heat or ice) is that entry's subject.
  const titledFor = (e: Entry) => subject.every((t) => has(titleTerms(e, index), t));
  // An entry named for the thing; a tip named for it only restates part of a fuller entry, which the
  // search below finds ("what about Tylenol instead?": the paracetamol evidence, not the label check).
  const titled = hits.find((h) => titledFor(h.entry) && h.entry.kind !== 'tip');
  if (titledFor(last) || (!titled && subject.every((t) => has(lastAbout, t)))) return lastSays();
  // "What about a treadmill desk instead?" after standing desks: the new word (treadmill) names an
  // entry of its own, which answers rather than the desk the two share.
  const fresh = subject.filter((t) => !has(titleTerms(last, index), t));
  const freshTitled = fresh.length && fresh.length < subject.length ? hits.find((h) => h.entry.kind !== 'tip' && fresh.every((t) => has(titleTerms(h.entry, index), t))) : undefined;
  if (!titled && freshTitled) return { entry: freshTitled.entry, quote: null };
  if (titled) return { entry: titled.entry, quote: null };
  if (own) return { entry: own.entry, quote: null };
  // "What about those heated back belts?", "one of those heat pad belts?" after TENS: no entry is about
  // every word of the thing, and the entry just given is about fewer of them (the TENS "pads") or only
  // mentions one in passing ("try heat"). An entry about more of the thing's words than the entry just
  // given answers; among equals, the one about its first word, which says what kind of thing it is
  // ("heated", "heat pad", not the belt). Not when the entry just given is about as many ("a tennis
  // ball" after foam rolling, which names balls), nor when the message names the last topic's own
  // thing ("an exercise ball instead of a chair" after office chairs).
  // The thing's own words end where a place or use begins ("a tennis ball against the wall").
  const kindOf = subjectTerms(thing.split(/\s+(?:against|on|in|at|for|with|from|to|under|behind|between|over|by|when|while|that|which|instead)\b/)[0] ?? '', deps);
  const count = (e: Entry) => kindOf.filter((t) => has(aboutTerms(e, index), t)).length;
  const sayLast = count(last);
  const more = kindOf.length >= 2 && !subject.some((t) => has(titleTerms(last, index), t)) ? hits.filter((h) => h.entry.kind !== 'tip' && count(h.entry) > sayLast) : [];
  const most = Math.max(0, ...more.map((h) => count(h.entry)));
  const best = more.filter((h) => count(h.entry) === most);
  const ofKind = best.find((h) => has(aboutTerms(h.entry, index), kindOf[0] ?? '')) ?? best[0];
  if (ofKind) return { entry: ofKind.entry, quote: null };
  if (subject.some((t) => mentions(last, t, index))) return lastSays();
  const lifted = hits
    .filter((h) => subject.some((t) => h.matched.some((m) => same(m, t))))
    .map((h) => {
      const share = h.entry.tags.filter((t) => last.tags.includes(t)).length + (h.entry.related.includes(last.id) || last.related.includes(h.entry.id) ? 1 : 0);
      return { ...h, score: h.score * (1 + deps.lift * share) };
    })
    .sort((a, b) => b.score - a.score);
  return lifted[0] ? { entry: lifted[0].entry, quote: null } : null;
}

/**
 * "What else can I do?": the next of the last entry's related entries, as something else to try.
 * Not a warning-signs entry, not a myth (a belief is not a thing to do). Entries that link back to
 * the last one are on its topic and come first; then those that do not only restate it (the same
 * tags: "walk a bit further" after walking). Words of the message's own ("anything else that
 * makes a workday easier?") pick among them when one matches.
 */
export function somethingElse(lower: string, last: Entry, related: Entry[], deps: SubjectDeps, linking: Entry[] = []): Entry | undefined {
  const sameTags = (e: Entry) => e.tags.length === last.tags.length && e.tags.every((t) => last.tags.includes(t));
  const pool = related.filter((e) => e.id !== last.id && !e.tags.includes('red-flags') && !e.tags.includes('myths'));
  if (!pool.length) return undefined;
  // The words of asking for something else ("else", "besides", "already") name nothing to look for.
  // "Other tips pls": a tip on the same main topic is what was asked for, even one that restates part of it.
  const tip = /\btips?\b/.test(lower) ? pool.find((e) => e.kind === 'tip' && e.tags[0] === last.tags[0]) : undefined;
  if (tip) return tip;
  const asking = elseTerms(deps.index);
  const own = subjectTerms(lower, deps).filter((t) => !has(aboutTerms(last, deps.index), t) && !asking.has(t));
  if (own.length) {
    const hit = deps.index.search(own.join(' '), { ids: new Set(pool.map((e) => e.id)), limit: 1 })[0];
    if (hit) return hit.entry;
  }
  // Another kind of care on the same main topic (heat in pregnancy, after being active in pregnancy)
  // before an entry on another condition (pelvic girdle pain) or the same care again. It may be an
  // entry that lists this one as related without being listed back (`linking`).
  // Not a medicine: one is for a prescriber or pharmacist to suggest (gabapentin after sciatica self-care).
  const newCare = (e: Entry) => e.kind === 'faq' && e.tags[0] === last.tags[0] && e.related.includes(last.id) && !e.tags.includes('pain-relief') && e.tags.some((t) => CARE.has(t) && !last.tags.includes(t));
  // A tip whose tags are all the last entry's only restates part of it: not something else.
  const restates = (e: Entry) => e.kind === 'tip' && e.tags.every((t) => last.tags.includes(t));
  // Then an entry on the same main topic that links back (talking therapies after stress); then a kind
  // of care the last entry is not on (movement breaks after sitting all day), before an entry on
  // another topic that links back (posture at a desk, after sitting all day).
  const linksBack = (e: Entry) => e.related.includes(last.id);
  const addsCare = (e: Entry) => e.kind === 'faq' && !e.tags.includes('pain-relief') && e.tags.some((t) => CARE.has(t) && !last.tags.includes(t)) && !e.tags.some((t) => last.tags.includes(t));
  return (
    [...pool, ...linking].find(newCare) ??
    pool.find((e) => linksBack(e) && e.tags[0] === last.tags[0]) ??
    pool.find(addsCare) ??
    pool.find(linksBack) ??
    pool.find((e) => !sameTags(e) && !restates(e)) ??
    pool[0]
  );
}

/** A word list as search terms, worked out once per index (the index's own stemming and synonyms). */
const TERMS = new WeakMap<SearchIndex, Map<string, Set<string>>>();
function termsOnce(index: SearchIndex, words: string): Set<string> {
  let byList = TERMS.get(index);
  if (!byList) TERMS.set(index, (byList = new Map()));
  let set = byList.get(words);
  if (!set) byList.set(words, (set = new Set(index.queryTerms(words))));
  return set;
}

/** Words that only ask for something else to try. */
const ELSE_WORDS = 'else besides beside already apart aside other others tips tip ideas idea suggestions suggestion options option alternatives alternative extra further more anything something try tried trying stuff things ways';
const elseTerms = (index: SearchIndex) => termsOnce(index, ELSE_WORDS);

/** Words that only ask whether pain goes away by itself ("go away", "settle", "by itself"). */
const COURSE_WORDS = 'down off come comes coming disappear disappears fade fades pass passes ease eases end ends calm wear go goes away own itself themselves sort sorts out settle settles clear clears up heal heals better improve improves leave stop stops eventually need something done anything see someone wait time will';
const courseTerms = (index: SearchIndex) => termsOnce(index, COURSE_WORDS);

/** A sentence on how pain goes: it settles, eases, gets better, goes. */
const GOES = /\b(settles?|eases?|gets? better|improves?|heals?|recover(s|y)?|goes away|go away|clears? up|passes|fades?|on (its|their) own)\b/;

/**
 * "Will it go away after the baby comes?" after pelvic girdle pain, whose own body says "most women
 * find it settles once the baby is born": a sentence of the entry just given that names the
 * message's own words (the baby) and says how the pain goes, quoted. Null when none does.
 */
export function courseInLast(lower: string, last: Entry, deps: SubjectDeps): string | null {
  const course = courseTerms(deps.index);
  const title = titleTerms(last, deps.index);
  const own = subjectTerms(lower, deps).filter((t) => !course.has(t) && !has(title, t));
  if (!own.length) return null;
  const hit = sentencesOf(last, deps.index).find((s) => GOES.test(s.text.toLowerCase()) && own.some((t) => has(s.terms, t)));
  return hit ? hit.text : null;
}

/**
 * "Will it go away after the baby comes?" after back pain in pregnancy: the message names something
 * of its own (the baby) beside asking whether it goes away; the related entry that matches it
 * answers (back pain after birth). Words of the last entry's own are the topic, not something new.
 */
export function courseAmong(lower: string, last: Entry, related: Entry[], deps: SubjectDeps): Entry | undefined {
  const course = courseTerms(deps.index);
  const own = subjectTerms(lower, deps).filter((t) => !course.has(t) && !has(aboutTerms(last, deps.index), t));
  if (!own.length || !related.length) return undefined;
  // The related entry must be about those words (title, questions, summary), not only mention one.
  const about = related.filter((e) => own.every((t) => has(aboutTerms(e, deps.index), t)));
  if (!about.length) return undefined;
  return deps.index.search(own.join(' '), { ids: new Set(about.map((e) => e.id)), limit: 1 })[0]?.entry;
}
