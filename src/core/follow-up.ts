import { stemmer } from 'stemmer';
import type { Entry } from '../knowledge/schema.js';

/** How a message leans on the previous topic. */
export type FollowUp =
  | { kind: 'same_entry'; lead: string }
  | { kind: 'more' }
  /** A question the previous entry already answers in a sentence or two ("how long do I leave it on?"). */
  | { kind: 'quote'; aspect: Aspect }
  /** "What else can I do?": the next related entry. */
  | { kind: 'what_else' }
  /** "And when should I worry about it?": the entry on when to get back pain checked. */
  | { kind: 'when_to_worry' }
  | { kind: 'topic'; allowSame: boolean; stretchOnly: boolean };

/** What a short follow-up asks about the entry just given. */
export type Aspect = 'duration' | 'frequency' | 'by_itself';

const MORE = /^(tell me more|more|more (info|information|detail|details)|go on|explain( that| it| more)?|can you explain( that| it| more)?|why( is that| does it| so|'?s that| would that be| is it so| though| tho| then)?|how( so| is that| come| is that so)?|more about (it|that|this)|and\??)$/;
/** "why does that help?", "how does it work tho": asking why what was just said is so, which the entry's body explains. */
const WHY_THAT = /^(but |so )?(why|how) (exactly |actually |really )?(does|do|would|is|did|will) (that|it|this|they|those|these) (actually |really |even |exactly |just |supposed to )?(help|work|happen|matter|make a difference|do anything|be|hurt|feel (better|good|nice|great|easier|looser|worse)( afterwards| after| after it| after that| at first| then)?|cause (it|pain|back pain|the pain|that|problems)|lead to (it|pain|back pain))( (my|your|the|a) (back|lower back|pain|back pain|hips?|neck))?( at all)?( tho| though| then| exactly| so)?$/;
/** "how exactly is it diagnosed?", "how are they treated", "how would that be checked": how what was just described is found or dealt with. */
const HOW_IS_IT = /^(but |so |and )?(how|why) (exactly |actually |usually |normally )?(is|are|does|do|would|will|can|could) (it|that|this|they|those|these|one) (be |get |gets |got )?(diagnosed|treated|tested|checked|measured|done|caused|managed|fixed|found|picked up|spotted|confirmed|ruled out)\b/;
/** "how does cracking actually help", "how is it supposed to work": the subject may be a word, not a pronoun. */
const WHY_THING = /^(but |so )?(why|how) (exactly |actually |really )?(does|do|would|is|did|will) (\w+) (actually |really |even |exactly |just |supposed to )?(help|work|matter|do anything)\b/;
/** "why not?", "why not? it feels better lying down": questioning what was just said, which the entry's body explains. */
const WHY_NOT = /^(but |so )?why not\b/;
/** "and when should I worry about it?": asking when to get it checked, after any answer. */
const WHEN_TO_WORRY = /^(and |but |so |ok )?(when|at what point|how (do|would|will) i know when) (should|do|would|must|shall) (i|you|we) (worry|be worried|start worrying|see (a|the|my) (doctor|gp|physio)|get (it|this|that) (checked|looked at)|go to (a|the) doctor)\b/;
/** "how long before I notice a difference?": how long something takes to work. */
const TAKES_EFFECT = /\bhow (long|soon) (before|until|till|til|does it take|will it take|till i|until i)\b.*\b(notice|see|feel|kick(s)? in|start(s)? (to )?work(ing)?|work(s)?|difference|results?|effect)\b/;
/** "what if I just leave it, will it sort itself out": asking whether it settles without doing anything. */
const LEAVE_IT = /\b(sort (itself|themselves) out|go away (on (its|it'?s) own|by itself)|on (its|it'?s) own|by itself|if i (just )?leave it|without (me |us |you )?(doing|having to do|needing to do|treating it|treatment) ?(anything|much)?|if i do nothing|with (time|rest) alone)\b/;
/**
 * "will it go after the birth?", "will the pain pass once the project ends?", "does it ease off with
 * time?": whether the pain goes, said with a plain verb. Not "does it stop the pain" (whether a
 * treatment works).
 */
const PAIN_GOES = /^(will|would|does|do|should|is) (it|this|that|the pain|the ache|the soreness|this pain|my back( pain| ache)?|the back pain|my pain|it all) (just |eventually |ever |ever just |probably |usually |normally )?(go|stop|ease( off| up)?|pass|end|disappear|fade|settle( down)?|calm down|wear off|clear|improve|get better|heal|(going|likely|gonna) to (go|stop|ease|pass|settle|improve|get better|clear|heal|sort|calm|fade|disappear)|gonna (go|stop|ease|pass|settle|improve|get better|clear|heal|sort|calm|fade|disappear))\b(?! (the|my|your|it|pain|back|you|me|them|people|anything|worse)\b)/;
/** Words that only ask about amount or timing: a follow-up made of these (and words of the last entry) asks about that entry. */
const DOSE_WORDS = new Set('how many much often long times time a an day days week weeks per each every hour hours minute minutes mins second seconds secs is ok okay fine should would could can i you it do does in on for the to be safe enough workday work day session sessions hold reps repetitions sets go usually normally roughly about and so then or say reckon think recommend suggest advise u ya them once twice month months need ideal best recommended right good sensible reasonable optimal max maximum min minimum most least too goes rounds laps lengths km miles steps at actually really notice see feel make difference results result benefit benefits effect improvement change before until till'.split(' '));
/** "sorry can you explain that a bit more", "break that down for me", "what do you mean": the same entry, in full. */
const MORE_LOOSE = /\b(explain|elaborate|break (it|that|this) down|more detail|in more depth|go into (more|detail)|what do you mean|what does that mean|(don'?t|do not|didn'?t) (get|understand) (it|that|this)|expand on|say more|more about (that|this|it))\b/;
/** Words that ask for more of what was just said, and the words around them: a message made only of these asks for the same entry in full. */
const MORE_ONLY = new Set(
  "a an the of for tell me us more bit little lot about it that this those these them they explain explaining detail details detailed involve involves involved exactly actually really what what's whats does do did is are can could would will you u please pls go going on in there happening happens happen mean means say said info information interesting interested intrigued curious ok okay right hmm oh so and but then though tho further expand elaborate know want wanna like to i i'd id some any how works work why that's thats".split(' '),
);
/** The cue that such a message asks for more: "more", "explain", "involve", "going on", "happening", "mean", "detail". */
const MORE_CUE = /\b(more|explain\w*|involve[sd]?|going on|happening|happens|mean|means|detail\w*|elaborate|expand|further|info|information)\b/;
/**
 * "what's the science behind it?", "what does it actually do?", "what's the mechanism?", "why's
 * that?", "what's the reason for that?": asking how or why what was just said works, which the
 * entry's body explains.
 */
const HOW_IT_WORKS = /\b(science|evidence|theory|logic|thinking|idea|reasoning|mechanism|reason|research) (behind|for|of) (it|that|this|them|those|these)\b|^(and |but |so )?what(?:'?s| is| are) the (science|mechanism|reason|reasoning|logic|theory|point)\b|^(and |but |so )?what (does|do|would|will) (it|that|this|they|those|these|this one|that one) (actually |really |even |exactly )?(do|achieve|accomplish|do for (me|my back|the back|it))\b|^(and |but |so )?(why'?s that|why is that( so| the case)?|how'?s that|how is that|how does (it|that|this) do (that|it)|in what way|what makes (it|that|this) (help|work))$|^(and |but |so )?(in what way (does|do|would|will|can) (it|that|this|they)|how come (it|that|this|they)) (actually |really )?(helps?|works?|does anything)\b/;
/** "why does the cracking sound happen?", "why does getting up every half hour help then?": a phrase of a few words and what it does. */
const WHY_PHRASE = /^(but |so |and )?(why|how) (exactly |actually |really )?(does|do|is|are|would|did|will|can) (the |that |this |a |an |my |your )?((?:[a-z']+ ){1,5}?)(actually |really |even |exactly |just |supposed to )?(help|helps|work|works|matter|happen|occur|make a difference|feel better|do anything)\b/;
/**
 * "how does it actually block the pain?", "how would that ease the stiffness": how what was just
 * described does what it does to the pain, which the entry's body explains.
 */
const HOW_IT_EASES = /^(but |so |and )?(how|why) (exactly |actually |really )?(does|do|would|will|can|could) (it|that|this|they|those|these) (actually |really |even |exactly |supposed to |meant to )?(block|stop|ease|relieve|reduce|numb|calm|relax|loosen|dull|mask|override|interrupt|switch off|turn off|get rid of|take away|fix|heal|treat)( (the|my|your|a|any|back|lower|pain|ache|aches|muscles?|nerves?|signals?|spasms?|stiffness|tension|soreness|it|that|them))*( then| though| tho| exactly| at all)?$/;
/** "why is moving better than resting?": why one thing the entry just described beats another, which its body explains. */
const WHY_BETTER = /^(but |so |and )?(why|how come) (is|are|would|does|do|is it that) ((?:[a-z']+ ){1,3}?)(better|worse|safer|healthier|more helpful|preferable) (than|for you than|for your back than|for the back than) ((?:[a-z']+ ?){1,3}?)( then| though| tho| exactly)?$/;
/** Words of a phrase that name nothing: "getting up", "every", "half". */
const PHRASE_GLUE = new Set('get getting got up down every each half the a an my your it this that of to in on at for with from so then back pain hurt hurts ache aches sore lower really actually'.split(' '));
/** "why bend the knees?", "why should i keep it close?", "why not lie down?": why to do what the entry just said. */
const WHY_DO = /^(but |so |and )?why (should i |do i |do you |would i |must i |would you |is it better to |not )?((?:[a-z']+ ?){1,6})$/;
/**
 * Pure: the entry talks about what the phrase names: most of its words (at least one) are in the
 * entry's title, questions, summary or body, and one is in its title or questions ("cracking").
 */
function describes(e: Entry, phrase: string): boolean {
  const content = phrase.split(/\s+/).filter((w) => w.length >= 3 && !PHRASE_GLUE.has(w)).map((w) => stemmer(w));
  if (!content.length) return false;
  const all = allWords(e);
  const said = content.filter((w) => all.has(w));
  return said.length * 2 >= content.length && content.some((w) => askedWords(e).has(w) || entryWords(e).has(w));
}
/** "is there another one?", "any other ones?", "got a different one": another of the same kind. */
const ANOTHER_ONE = /^(is there |are there |got |have you got |do you have |any |give me |show me |can i have |can i get |what'?s |whats )?(another|a different|one more|an? other|any other|other|different) (one|ones|option|options|version|variation)s?\b/;
const DOSE = /\b(how long|how many|how often|hold( it| them| this)?|reps|repetitions|times a day|sets|how much|every day|daily)\b/;
const DURATION = /\b(how long|how many (minutes|mins|seconds|hours)|how much time|for how long|leave (it|them|the \w+) on)\b/;
const FREQUENCY = /\b(how often|how many times|how many (reps|repetitions|sets|rounds)|how many (days|sessions)|how many (a|an|per|each|every) \w+|times a (day|week)|(a|an|per|each|every) (day|week|hour)|how regularly|how frequently|daily|every day)\b/;
/** "How long till it gets better?" asks how the pain goes over time, not how long to do something. */
const HOW_LONG_TILL = /\bhow long (till|until|til|before|for|will it take|does it take|will|does)\b.*\b(better|go(es)? away|heal(s|ed)?|settle(s|d)?( down)?|clear(s)? up|ease(s)? (off|up)?|stop(s)? hurting|back to normal|normal again|come(s)? right|ok again|good again|sorted|(it'?s|its|it is|i'?m|im|i am|it'?ll be|i'?ll be|(it|i) (feels?|will feel|will be)) (all )?(right|better|ok|okay|fine|good|normal|gone|healed|sorted)( again)?(?! to\b))\b/;
/**
 * "how long does this usually last?", "how long do these flare ups last?": how long the pain goes on,
 * which the entry on its course answers. "How long does it last?" after a kind of care asks how long
 * the care's effect lasts, and is left to the duration reading.
 */
const LASTS = /\bhow long (does|do|will|would|did|can|could|is|are) (it|this|that|these|those|they|the pain|the ache|the soreness|my back|(a |these |the |this )?flare(( |-)?ups?|s)?( like (this|that|mine))?|an episode|episodes|it all)( \w+)? (usually |normally |typically |generally |tend to |likely )?(last|go on|take to (go|pass|settle|clear))\b/;
/** Main tags of entries on a kind of care or a thing to use, rather than on a pain or a condition. */
const CARE_TAGS = new Set(['heat-cold', 'physical-therapy', 'yoga-pilates', 'stretching', 'strength-training', 'exercise', 'desk-setup', 'movement-breaks', 'sleep', 'products', 'staying-active']);
/** An entry on a kind of care (heat or ice, massage, yoga, a routine or a tip), by its main tag or kind. */
export const isCare = (e: Entry): boolean => e.kind === 'stretch' || e.kind === 'tip' || CARE_TAGS.has(e.tags[0] ?? '');
const BY_ITSELF = /\b(on (its|it'?s|their) own|by (itself|themselves)|sort (itself|themselves) out|go away|clear up|settle( down)?|heal|get better|improve|last|pass|wait (it )?out|just wait|(just|ever) stop)\b/;
const ANAPHORA = /\b(it|that|this|those|these|them|ones?|any|others?|else|more|also|too|instead|version)\b/;
/** "and if I'm a stomach sleeper?", "and for stomach sleepers?": the "and" is taken off before this is read, so "if" and "for" open it. */
const LEAD_IN = /^(and|also|what about|how about|but|so|then|ok so|what if|if (i|i'?m|im|i'?ve|ive|you|you'?re|she|she'?s|he|he'?s|they|my|your|her|his|it'?s|its|it))\b/;
/** Asks for a routine; an exercise ball, bike, mat or band is a thing to use. */
const STRETCHY = /\b(stretch(es)?|exercises?(?! (balls?|bikes?|mats?|bands?)\b)|ones|routines?|moves?)\b/;
const SHORT_QUESTION = /^(for|how|what|will|would|can|could|is|are|does|do|should|when|why|any|which|where)\b/;
const WHAT_ELSE = /^(is there |got |have you got )?(anything|something) (stronger|gentler|milder|cheaper|more natural|natural|without (tablets|pills|drugs|medicine))\b|\b(what else|anything else|something else|any other|other (things|options|ideas|tips|ways)|else (can|could|should) i|besides (that|this)|apart from (that|this)|as well as (that|this)|what more)\b|\b(any|got|have you got|are there) (more|other|further|extra) (suggestions|ideas|tips|options|advice|things)\b|\b(what|anything) (should|could|can|would|do) (i|you) (do|try|suggest|recommend) instead\b|\b(any )?alternatives?\b|^(and |but |so )?(what if|if|and if) (that|it|this|they|those|these)( still)? (doesn'?t|does not|don'?t|do not|didn'?t|did not|won'?t|isn'?t|is not) (work|help|do (anything|it|much))\b/;

/**
 * "would a hot water bottle do the job?", "would propping my laptop on books do the same thing?",
 * "does a wheat bag work just as well": whether another thing does what the thing just named does.
 */
const DOES_THE_JOB = /^(would|could|will|does|do|is|are|can|might) (a|an|one of those|those|these|some|my|the|\w+ing) ([a-z'-]+ ){1,7}?(do|does|work|works|help|helps|be)( (just )?(the (job|trick)|the same( thing| job)?|as well|as good|(any|much) good|ok(ay)?|fine|enough|instead|too))?$/;

/**
 * "safe for me?", "still ok with osteoporosis?", "ok if i'm pregnant?": whether it is safe, with "is
 * it" left unsaid. A bare "ok"/"fine" opening a message is agreement, so a word that says for whom or
 * when must follow.
 */
const ELLIPTIC_SAFE = /^((?:still |also |even |but |though )?(?:safe|ok|okay|alright|fine|risky|dangerous|suitable)(?: still| too| though| tho)? (?:for|if|with|when|while|during|at|after|in|since)\b)/;

/** "and a heat wrap?", "or one of those lumbar rolls?", "and those gel ones": a thing of a few words after "and" or "or". */
export const AND_A_THING = /^(and|or|plus) (a|an|one of those|those|these|some|the) (?!(same|other|rest)\b)\w+( \w+){0,2}$/;

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
/** Emoji, with their joiners, variation selectors and skin tones. */
const EMOJI = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{1F3FB}-\u{1F3FF}]+/gu;

/**
 * Pure: does this short message continue the last topic, and how? A message whose first sentence is
 * a follow-up and whose rest only adds context ("how long till it gets better? i have a shift on
 * thursday") is read by its first sentence.
 */
export function detectFollowUp(said: string, last: Entry): FollowUp | null {
  // An emoji is no word: "any i can do during calls 😅" is as long as it is without it.
  const lower = said.replace(EMOJI, ' ').replace(/\s+/g, ' ').trim();
  const whole = detectWhole(lower, last);
  const [first, ...rest] = lower.split(/(?<=[?!.])\s+/);
  const bySentence = rest.length && first ? detectWhole(first, last) : null;
  // "how does that actually work though? like what's the mechanism": the whole reads only as a
  // question about "that"; its first sentence says what kind (more of the same entry).
  // "can i do that every day or is that too much?": the first of two questions says what kind.
  const [either, ...or] = lower.split(/\s+or\s+(?=(do|does|should|will|would|can|is|are|must|shall) )/);
  const byEither = or.length && either && words(either) >= 3 ? detectWhole(either, last) : null;
  if (whole && !(whole.kind === 'topic' && ((bySentence && bySentence.kind !== 'topic') || (byEither && byEither.kind !== 'topic')))) return whole;
  if (bySentence && (words(first ?? '') >= 2 || bySentence.kind !== 'topic')) return bySentence;
  // "how long should i leave it on for, i fell asleep with it on": a first clause that asks, then context.
  const [clause, ...more] = lower.split(/,\s+/);
  const byClause = more.length && clause && words(clause) >= 3 ? detectWhole(clause, last) : null;
  if (byClause) return byClause;
  // "will it go away on its own eventually or do i need to do something": the first of two questions.
  if (byEither) return byEither;
  // "haven't got one, would a rolled towel do?": context first, then the question.
  const asked = afterContext(lower);
  return asked ? detectWhole(asked, last) : null;
}

/** Opens a question: "would a …", "what about …", "can i …". */
const OPENS_QUESTION = /^(would|could|can|will|does|do|is|are|should|what|how|any|anything|maybe)\b/;
/**
 * Pure: the question of a message that opens with context ("don't have one - would a rolled towel
 * do?", "my boss won't buy one. what about a laptop stand?"): what follows the first clause that is
 * no question, from the clause that opens one; null when the message does not open so.
 */
export function afterContext(lower: string): string | null {
  const parts = lower.trim().split(/(?<=[.!;,])\s+|\s+[-–—]+\s+/).filter(Boolean);
  if (parts.length < 2 || /\?\s*$/.test(parts[0] ?? '') || OPENS_QUESTION.test(parts[0] ?? '')) return null;
  const i = parts.findIndex((p, k) => k > 0 && OPENS_QUESTION.test(p));
  if (i < 1) return null;
  const asked = parts.slice(i).join(' ');
  return words(asked) >= 3 ? asked : null;
}

function detectWhole(lower: string, last: Entry): FollowUp | null {
  const whole = lower.replace(/[?!.,]+/g, '').replace(/\s+/g, ' ').trim();
  // "and a heat wrap?", "or one of those lumbar rolls?": another thing, named after "and" or "or".
  if (AND_A_THING.test(whole)) return { kind: 'topic', allowSame: false, stretchOnly: false };
  // "safe for me?", "still ok with osteoporosis?", "ok if i'm 20 weeks?": "is it" left unsaid.
  const t = whole.replace(/^(sorry|ok(ay)?|right|hmm+|um+|so|and|oh)\b,? ?/, '').replace(ELLIPTIC_SAFE, 'is it $1');
  if (MORE.test(t) || WHY_THAT.test(t) || WHY_NOT.test(t)) return { kind: 'more' };
  if (words(t) <= 10 && (HOW_IT_WORKS.test(t) || HOW_IS_IT.test(t))) return { kind: 'more' };
  // "why does the cracking sound happen?", "why does getting up every half hour help then?": why or how
  // something the entry just given describes happens or helps, named in its own words.
  const phrase = WHY_PHRASE.exec(t);
  if (phrase && words(t) <= 12 && !/\b(more|better than|than|instead)\b/.test(t) && describes(last, phrase[6] ?? '')) return { kind: 'more' };
  if (HOW_IT_EASES.test(t)) return { kind: 'more' };
  const better = WHY_BETTER.exec(t);
  if (better && describes(last, better[4] ?? '') && describes(last, better[7] ?? '')) return { kind: 'more' };
  const why = WHY_DO.exec(t);
  if (why && !/^(does|do|is|are|did|was|were|has|have|can|will|would|what|whats|how|which|where|when)\b/.test(why[3] ?? '') && !/\b(more|than|instead)\b/.test(t) && describes(last, why[3] ?? '')) return { kind: 'more' };
  // "is there another one?": after a routine, another routine; after anything else, something else to try.
  if (words(t) <= 8 && ANOTHER_ONE.test(t)) return last.kind === 'stretch' ? { kind: 'topic', allowSame: false, stretchOnly: true } : { kind: 'what_else' };
  // "how does cracking actually help?": why the thing just described works, named by a word of its entry.
  const whyThing = WHY_THING.exec(t);
  if (whyThing && !/\b(more|better|than|instead)\b/.test(t) && askedWords(last).has(stemmer(whyThing[5] ?? ''))) return { kind: 'more' };
  if (WHEN_TO_WORRY.test(t)) return { kind: 'when_to_worry' };
  const n = words(t);
  // "can i do it while sitting on my chair with my headset on": a routine's setting, asked at length.
  // "is it safe to lie on my back for them at 28 weeks": whether what was just said is safe, asked at length.
  // "any i can do sitting down without everyone staring at me": the same, opened with "any".
  const setting = /^((can|could|is|are|would|will) (i|you|it|that|this|these|those|they|any|there)|any( ones?| others?)? (i|you|we) (can|could) do|got any)\b/.test(t) && /\b(desk|chair|seated|sitting|sat|seat|office|floor|safe)\b/.test(t);
  // "what about one of those converters that sit on top of a normal desk": a thing described at length.
  const aboutThing = /^(what|how) about (a|an|one of those|those|these|the|some) \w+/.test(t);
  if (n > (setting ? 14 : aboutThing ? 16 : 12)) return null;
  if (DOES_THE_JOB.test(t)) return { kind: 'topic', allowSame: false, stretchOnly: false };
  if (n <= 10 && MORE_LOOSE.test(t) && (ANAPHORA.test(t) || n <= 5)) return { kind: 'more' };
  // "interesting, can you tell me a bit more?", "what does that involve exactly?", "what's actually
  // going on in there?": a message made only of words that ask for more, with nothing of its own.
  // "what more can i do?" asks for something else, not more of the same.
  if (n <= 10 && MORE_CUE.test(t) && t.split(' ').every((w) => MORE_ONLY.has(w)) && !/\bwhat more (can|could|should|would|do) (i|we|you|he|she|they) (do|try)\b/.test(t)) return { kind: 'more' };
  if (last.kind === 'stretch' && n <= 12 && DOSE.test(t) && (ANAPHORA.test(t) || n <= 6)) {
    return { kind: 'same_entry', lead: 'Here are the steps again, with how long to hold and how often to repeat.' };
  }
  // "anything else besides exercise?": a routine named as what is already done is not asked for.
  if (n <= 10 && WHAT_ELSE.test(t) && !STRETCHY.test(t.replace(/\b(besides|apart from|other than|except|as well as|on top of) (the |my |doing |those |these )?\w+/g, ''))) return { kind: 'what_else' };
  // "every day?", "daily?", "per week?": a bare amount only makes sense about what was just said.
  // "every day or every second day?": a choice of amounts, too.
  if ((n <= 3 || (n <= 7 && /\bor\b/.test(t))) && /^(every|each|per|once|twice|daily|weekly)\b/.test(t) && FREQUENCY.test(t)) return { kind: 'quote', aspect: 'frequency' };
  // "how many times a week should i be doing them": an amount asked at a little more length.
  const short = (n <= 9 || (n <= 12 && /^how (long|often|many|much)\b/.test(t))) && (SHORT_QUESTION.test(t.replace(/^(roughly|approximately|about|just|like|so|but) /, '')) || LEAD_IN.test(t));
  // "will it go away on its own or do i need to see someone": a longer question about the same thing.
  // "do they go back in on their own or is it there forever": the same about "they" (discs, knots).
  if (n <= 12 && /^(will|would|does|do|is|are|can)\b/.test(t) && /\b(it|this|that|they|these|those)\b/.test(t) && BY_ITSELF.test(t) && /\b(on (its|it'?s|their) own|by (itself|themselves)|go away)\b/.test(t)) return { kind: 'quote', aspect: 'by_itself' };
  if (n <= 12 && PAIN_GOES.test(t)) return { kind: 'quote', aspect: 'by_itself' };
  const lasts = LASTS.exec(t);
  if (n <= 12 && lasts && !(/^(it|that|they)$/.test(lasts[2] ?? '') && isCare(last))) return { kind: 'quote', aspect: 'by_itself' };
  if (n <= 10 && TAKES_EFFECT.test(t)) return { kind: 'quote', aspect: 'duration' };
  if (n <= 14 && LEAVE_IT.test(t) && /\b(it|this|that|they|them)\b/.test(t)) return { kind: 'quote', aspect: 'by_itself' };
  if (short && (ANAPHORA.test(t) || n <= 6 || /\b(each time|at a time|for)$/.test(t) || onlyAbout(t, last))) {
    if (HOW_LONG_TILL.test(t)) return { kind: 'quote', aspect: 'by_itself' };
    if (DURATION.test(t) && !FREQUENCY.test(t)) return { kind: 'quote', aspect: 'duration' };
    if (FREQUENCY.test(t)) return { kind: 'quote', aspect: 'frequency' };
    if (BY_ITSELF.test(t) && /\b(will|would|does|do|should|is|can|how long)\b/.test(t)) return { kind: 'quote', aspect: 'by_itself' };
  }
  // A question about "it" or "that" of up to a dozen words ("is it safe to take it for a couple of weeks?").
  if (LEAD_IN.test(t) || (ANAPHORA.test(t) && (n <= 10 || (SHORT_QUESTION.test(t) && n <= 12) || (setting && n <= 14)))) {
    return { kind: 'topic', allowSame: false, stretchOnly: STRETCHY.test(t) };
  }
  // A bare short question ("how often?", "will it go away on its own", "can i do that sitting
  // down") only makes sense about what was just said.
  if (n <= 5 && SHORT_QUESTION.test(t)) return { kind: 'topic', allowSame: false, stretchOnly: STRETCHY.test(t) };
  // "can i use a heat pack?", "could i try a tens machine": a thing to use or take, asked right after
  // a topic, is read with it (heat in pregnancy after pregnancy back pain); its own words still win
  // when they find a confident answer that no entry on the topic comes near.
  if (n <= 8 && /^(can|could|should|may) (i|we) (still |also |just )?(use|take|try|wear|have|get|buy) (a|an|some|the|any|my)\b/.test(t)) return { kind: 'topic', allowSame: false, stretchOnly: false };
  return null;
}

/** Pure: every word of the message either asks about amount or timing or is a word of the last entry ("how many times a week should i swim"). */
function onlyAbout(t: string, last: Entry): boolean {
  const own = entryWords(last);
  return t.split(' ').every((w) => DOSE_WORDS.has(w) || w.length < 3 || own.has(stemmer(w)));
}

/** The stemmed words of a text. */
const stems = (text: string): Set<string> => new Set(text.toLowerCase().replace(/[^a-z\s]+/g, ' ').split(/\s+/).filter(Boolean).map((w) => stemmer(w)));

/** Per-entry word sets, worked out once per entry: the title alone (what the entry is about by name), and the title with example questions and summary. */
const TITLE_WORDS = new WeakMap<Entry, Set<string>>();
const ENTRY_WORDS = new WeakMap<Entry, Set<string>>();
const cached = (map: WeakMap<Entry, Set<string>>, e: Entry, text: () => string): Set<string> => {
  let set = map.get(e);
  if (!set) map.set(e, (set = stems(text())));
  return set;
};
const titleWords = (e: Entry) => cached(TITLE_WORDS, e, () => e.title ?? '');
/** The title and example questions: what the entry answers, in the words people ask it ("is it ok to move if it hurts"). */
const ASKED_WORDS = new WeakMap<Entry, Set<string>>();
const askedWords = (e: Entry) => cached(ASKED_WORDS, e, () => `${e.title ?? ''} ${(e.questions ?? []).join(' ')}`);
const ALL_WORDS = new WeakMap<Entry, Set<string>>();
const allWords = (e: Entry) => cached(ALL_WORDS, e, () => `${e.title ?? ''} ${(e.questions ?? []).join(' ')} ${e.summary ?? ''} ${e.body ?? ''}`);
const entryWords = (e: Entry) => cached(ENTRY_WORDS, e, () => `${e.title ?? ''} ${(e.questions ?? []).join(' ')} ${e.summary ?? ''}`);

/** Sentences that answer each aspect: numbers of minutes, times a week, how things go over time. */
const ASPECT_SENTENCE: Record<Aspect, RegExp[]> = {
  duration: [/\b\d+(\s*(to|-|–|or)\s*\d+)?\s*(seconds?|secs?|minutes?|mins?|hours?|days?|weeks?)\b/, /\b(minutes?|hours?|at a time|each time|for (a few|a couple|up to|about|around))\b/, /\b(until|no longer than|short (spells|bouts|periods))\b/],
  frequency: [/\b(times? (a|per|each) (day|week)|(once|twice|two|three|four|five|\d+) (times|days|sessions)? ?(a|per|each) (day|week)|every (day|hour|\d+|half|few|other)|daily|weekly|regular(ly)?|most days|often)\b/, /\b(each (day|week)|a week|a day|hourly)\b/],
  by_itself: [/\b(on (its|their) own|by itself|most people|get(s)? better|improves?|settles?|heals?|recover(y|s)?|eases?|within (a few|a couple|\d+|days|weeks|six|six weeks))\b/, /\b(weeks?|months?|days?|most (people|women|men))\b/],
};

/** What a strict quote must also say: for how pain goes, getting better over weeks or for most people (easing is what a treatment does). */
const STRICT: Record<Aspect, RegExp[]> = {
  /** A time or a count: "15 to 20 minutes", "two or three times a week". */
  duration: [/\b\d+(\s*(to|-|–|or)\s*\d+)?\s*(seconds?|secs?|minutes?|mins?|hours?)\b|\b(a few|a couple of|several) (minutes|hours)\b/],
  frequency: [/\b(times? (a|per|each) (day|week)|(once|twice|two|three|four|five|\d+) (times|days|sessions)? ?(a|per|each) (day|week)|every (day|hour|\d+|half|few (hours|days)|other)|most days)\b/],
  by_itself: [/\b(gets? better|settles?|heals?|improves?|recover(s|y)?|goes away|on (its|their) own)\b/, /\b(weeks?|months?|most (people|women|men))\b/],
};

const SENTENCES = new WeakMap<Entry, string[]>();
/** An entry's summary and body as plain sentences (bold and list marks dropped, headings left out), split once per entry. */
export function entrySentences(entry: Entry): string[] {
  let list = SENTENCES.get(entry);
  if (!list) {
    // A line that starts no list item, heading or paragraph continues the sentence above it (bodies
    // are wrapped at a fixed width: "lasts most of the\nmorning for weeks" is one sentence).
    const text = `${entry.summary ?? ''}\n\n${entry.body ?? ''}`
      .replace(/\*\*(.+?)\*\*/g, '$1')
      .replace(/([^\n:])[ \t]*\n(?![ \t]*(\n|\d+\.\s|[-*]\s|#))[ \t]*/g, '$1 ')
      .replace(/^\s*(\d+\.|[-*])\s+/gm, '')
      .replace(/\s*\n\s*/g, '\n');
    list = text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter((s) => s.length > 12 && !/:$/.test(s));
    SENTENCES.set(entry, list);
  }
  return list;
}

/**
 * Pure: the sentences of an entry that answer this aspect best (at most two), or null. `strict`:
 * only sentences that match both of the aspect's patterns ("usually gets better within 4 to 6 weeks").
 */
export function quoteFor(entry: Entry, aspect: Aspect, strict = false): string | null {
  const scored = entrySentences(entry)
    .map((s, i) => ({ s, i, score: ASPECT_SENTENCE[aspect].reduce((n, re, k) => n + (re.test(s.toLowerCase()) ? (k === 0 ? 2 : 1) : 0), 0) }))
    .filter((x) => x.score >= 2 && (!strict || STRICT[aspect].every((re) => re.test(x.s.toLowerCase()))));
  if (!scored.length) return null;
  const best = scored.sort((a, b) => b.score - a.score || a.i - b.i).slice(0, 2).sort((a, b) => a.i - b.i);
  return best.map((x) => x.s).join(' ');
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
