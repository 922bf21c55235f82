import type { KnowledgeBase } from '../knowledge/load.js';
import type { SearchIndex, Hit } from '../knowledge/index.js';
import type { Entry } from '../knowledge/schema.js';
import type { Clock } from '../common/clock.js';
import { ChatRequestSchema, ReplySchema, type ChatRequest, type Reply, type AnswerReply } from './reply-schema.js';
import { emptyContext, type ContextStore, type ConversationContext } from './context.js';
import { assess, crisisInfoMessage, hitFor, safetyNetMessage, type Assessment, type Region, type SafetyRules, type Surface, type TriageHit, type TriageOptions } from './triage.js';
import type { SafetyClassifier, SafetyVerdict } from './safety-classifier.js';
import { detectIntent, detectLooseIntent, INTENT_REPLIES } from './intents.js';
import { looksNotEnglish } from './language.js';
import { asksAboutTheBot, classifyScope, looksOffTopic, type Domain } from './scope.js';
import { decide } from './rank.js';
import { answerFromEntry, entryRef } from './answer.js';
import { renderClarifyText } from './render-text.js';
import { plainWording } from './wording.js';
import { withoutCourtesy } from './courtesy.js';
import { afterContext, detectFollowUp, isCare, pickOffered, quoteFor, type FollowUp } from './follow-up.js';
import { courseAmong, courseInLast, DOING, resolveSubject, somethingElse, subjectAsk, subjectTerms } from './subject.js';
import { pickStretch, detectRoutineRequest, targetsForTags, targetsIn, deskNeed, suitsDesk, type DeskOnly } from './routines.js';
import { isStretch, type BodyArea, type StretchEntry } from '../knowledge/schema.js';
import type { QuerySpeller } from './typos.js';
import type { z } from 'zod';
import { rateLimitedText, type RateLimiter } from './rate-limit.js';
import type { CoreMemo } from './memo.js';

/** An entry about making a muscle stronger (its title or summary says so), not about stretching it. */
const STRENGTH_TOPIC = /\b(strengthen|strength|stronger|weak|exercises)\b/i;
/** Words that put a tip in the working day: at a chair or desk, while sitting, at work. */
const WORKDAY = /\b(chair|desk|sit|sitting|at work)\b/i;

/**
 * Strengthening asked about at a desk ("can any of them be done sitting down at work?" after glute
 * exercises): a stretch for that area is not what was asked. A tip on the same area's strength that
 * fits the working day (it names the chair, the desk or sitting) answers it. Not when the message
 * itself asks for a stretch.
 */
function strengthTipAtWork(last: Entry, lower: string, kb: KnowledgeBase): Entry | undefined {
  if (isStretch(last) || /\bstretch/.test(lower)) return undefined;
  const fits = (e: Entry) => e.kind === 'tip' && e.tags.includes('strength-training') && WORKDAY.test(`${e.summary} ${e.questions.join(' ')}`);
  // That tip was the last answer: it already fits the working day, so it is given again.
  if (fits(last)) return last;
  if (!STRENGTH_TOPIC.test(`${last.title} ${last.summary}`)) return undefined;
  return kb.entries.find((e) => fits(e) && e.tags[0] === last.tags[0]);
}

/**
 * "Can I do it at my desk?" about the routine just given: yes when it suits, with a line that says
 * how. "Is there a version I can do sitting at my desk?" names the desk as the place: a routine done
 * standing beside the chair suits it (every labeller read it so), while "in my chair" or "seated"
 * alone asks for a routine done sitting.
 */
function stillFits(last: StretchEntry, need: DeskOnly, lower: string): string | null {
  if (suitsDesk(last, need)) return need === 'seated' ? 'Yes, this one is done sitting in a chair.' : 'Yes, this one works at a desk in work clothes.';
  if (need === 'seated' && /\b(at|by|from) (my|the|your|a) desk\b/.test(lower) && !/\b(chair|seat|stool|seated)\b/.test(lower) && suitsDesk(last, true)) {
    return 'This one works at your desk: you stand up beside your chair for it, which is part of the point.';
  }
  return null;
}

/** People paste logs and essays; we answer from the start and say so. */
export const MAX_CHARS = 2000;
/** Triage still reads this much of a long message, in windows, so a red flag late in it is seen. */
const TRIAGE_CHARS = 20_000;

export type CoreDeps = {
  kb: KnowledgeBase;
  index: SearchIndex;
  safety: SafetyRules;
  domain: Domain;
  contexts: ContextStore;
  clock: Clock;
  contextTtlMs: number;
  emergencyNumber?: string;
  /** Chooses the emergency number, urgent-care wording and crisis line of urgent replies. */
  region?: Region;
  /** A second opinion beside the rules: it can raise a message to urgent, never lower one. */
  classifier?: SafetyClassifier;
  /** Repairs typos in a question against the knowledge base's words before it is read. */
  speller?: QuerySpeller;
  /** Told about questions nothing fitted (text only, no user id), for content review. */
  onUnanswered?: (text: string, reason: string, confidence: number, from?: Origin) => void | Promise<void>;
  /** Told about every reply to a request that says where it came from (ids only), for anonymous counts. */
  onReplied?: (reply: Reply, from: Origin) => void | Promise<void>;
  /** Per-user and per-channel question limits; requests without `from` are not limited. */
  limiter?: RateLimiter;
  /** Triage and classifier results remembered per text (memo.ts); replies are the same without it. */
  memo?: CoreMemo;
};

/** Where a request came from: the platform and the ids of `ChatRequest.from`. */
export type Origin = NonNullable<ParsedRequest['from']> & { platform: ParsedRequest['platform'] };
type ParsedRequest = z.output<typeof ChatRequestSchema>;

// Control characters other than tab and newline; they come from pasted terminals and broken clients.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\uFEFF]/g;

// Terminal colour codes pasted from a console.
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Unicode-normalised, without colour codes or control characters: what every later step reads. */
const sanitise = (raw: string) => raw.normalize('NFC').replace(ANSI, '').replace(CONTROL, ' ');

export function cleanText(raw: string): { text: string; cut: boolean } {
  const text = sanitise(raw).replace(/[ \t]+/g, ' ').trim();
  if (text.length <= MAX_CHARS) return { text, cut: false };
  return { text: text.slice(0, MAX_CHARS), cut: true };
}

/** The only door into the core: a message in, a validated reply out. Never throws on bad input. */
export async function reply(input: ChatRequest, deps: CoreDeps): Promise<Reply> {
  let parsed = ChatRequestSchema.safeParse(input);
  // Ids an adapter could not fill must not cost the conversation: the request is read without them.
  if (!parsed.success && input && typeof input === 'object' && 'from' in input) {
    const { from: _from, ...rest } = input;
    parsed = ChatRequestSchema.safeParse(rest);
  }
  const req: ParsedRequest = parsed.success ? parsed.data : { text: typeof input?.text === 'string' ? input.text : '', conversation: undefined, platform: 'cli' as const };
  const now = deps.clock.now();
  const conversation = req.conversation;
  const ctx: ConversationContext = (conversation ? await deps.contexts.get(conversation, now) : null) ?? emptyContext();
  const from: Origin | undefined = req.from ? { ...req.from, platform: req.platform } : undefined;

  const out = await replyInner(req.text, ctx, deps, req.platform, from);
  const validated = ReplySchema.parse(out.reply);
  if (from) void deps.onReplied?.(validated, from);
  if (conversation) {
    const next: ConversationContext = { ...out.context, turns: ctx.turns + 1 };
    await deps.contexts.set(conversation, next, new Date(now.getTime() + deps.contextTtlMs));
  }
  return validated;
}

type Step = { reply: Reply; context: ConversationContext };

/** How urgent replies are worded here: the region, an overriding emergency number, the surface. */
const triageOptions = (deps: CoreDeps, surface: Surface): TriageOptions => ({
  surface,
  ...(deps.region ? { region: deps.region } : {}),
  ...(deps.emergencyNumber ? { emergencyNumber: deps.emergencyNumber } : {}),
});

/** Most feature names a conversation remembers; the oldest are dropped first. */
const MAX_REMEMBERED_FEATURES = 24;

/** Triage the message in its conversation; long messages are read in overlapping windows. */
function assessLong(raw: string, deps: CoreDeps, prior: readonly string[], surface: Surface): Assessment {
  const text = sanitise(raw).slice(0, TRIAGE_CHARS);
  const opts = { ...triageOptions(deps, surface), prior };
  if (text.length <= MAX_CHARS) return assess(text, deps.safety, opts);
  const windows: Assessment[] = [];
  // Overlapping windows so a phrase split at a window edge is still read whole.
  for (let start = 0; start < text.length; start += MAX_CHARS - 200) {
    const a = assess(text.slice(start, start + MAX_CHARS), deps.safety, opts);
    if (a.hit) return a;
    windows.push(a);
  }
  const first = windows[0]!;
  return {
    ...first,
    features: [...new Set(windows.flatMap((w) => w.features))].sort(),
    alarm: windows.some((w) => w.alarm),
    crisisAlarm: windows.some((w) => w.crisisAlarm),
  };
}

function verdict(deps: CoreDeps, classifier: SafetyClassifier, text: string, a: Assessment): SafetyVerdict {
  return deps.memo ? deps.memo.classify(text, a.features, () => classifier.classify(text, a.features)) : classifier.classify(text, a.features);
}


function urgentReply(hit: TriageHit, source: 'rules' | 'classifier', confidence = source === 'rules' ? 1 : 0.8): Reply {
  return { kind: 'urgent', text: hit.message, confidence, notes: [], urgency: hit.urgency, ruleId: hit.ruleId, crisis: hit.crisis, about: hit.about, source };
}

async function replyInner(raw: string, before: ConversationContext, deps: CoreDeps, surface: Surface, from?: Origin): Promise<Step> {
  const { text, cut } = cleanText(raw);
  const notes = cut ? [`Your message was long, so I read the first ${MAX_CHARS.toLocaleString('en')} characters.`] : [];

  // 1. Safety first, before anything else looks at the message. The conversation remembers which
  // features it has shown (names only), so a red flag told in a later message counts with them.
  const seen = before.safety ?? [];
  const a = deps.memo ? deps.memo.assess(raw, seen, surface, () => assessLong(raw, deps, seen, surface)) : assessLong(raw, deps, seen, surface);
  const safety = [...new Set([...seen.filter((f) => !a.features.includes(f)), ...a.features])].slice(-MAX_REMEMBERED_FEATURES);
  const ctx: ConversationContext = { ...before, safety };
  const keep = (reply: Reply, patch: Partial<ConversationContext> = {}): Step => ({ reply, context: { ...ctx, ...patch } });
  if (a.hit) {
    // A rule placed a symptom, but the message reads as a crisis too ("she's been looking up how much of
    // her pain meds would be enough… since the car accident"): the crisis reply comes first and the
    // rule's reply follows it, so neither is lost. Only at the classifier's main threshold.
    if (!a.hit.crisis && deps.classifier && !a.education && deps.classifier.isConfidentCrisis(verdict(deps, deps.classifier, text, a))) {
      const crisisHit = hitFor(deps.safety, { id: 'classifier-crisis', group: 'crisis', urgency: 'emergency', crisis: true }, { ...triageOptions(deps, surface), about: a.about, who: a.who });
      const both = { ...crisisHit, ruleId: `${a.hit.ruleId}+classifier-crisis`, message: `${crisisHit.message}\n${a.hit.message}` };
      return keep(urgentReply(both, 'rules'), { crisis: true, offered: [] });
    }
    return keep(urgentReply(a.hit, 'rules'), { crisis: ctx.crisis || a.hit.crisis, offered: [] });
  }

  // 1b. The second opinion, for wording the rules did not foresee. It only ever raises.
  if (deps.classifier && !a.education) {
    const v = verdict(deps, deps.classifier, text, a);
    if (v.label !== 'none') {
      const crisis = v.label === 'crisis';
      const hit = hitFor(
        deps.safety,
        { id: `classifier-${v.label}`, group: crisis ? 'crisis' : 'classifier', urgency: v.label === 'same_day' ? 'same_day' : 'emergency', crisis },
        { ...triageOptions(deps, surface), about: a.about, who: a.who },
      );
      // Crisis raised by the lower crisis bar alone: the crisis line, worded as the question it is.
      const reply = v.tentative
        ? urgentReply({ ...hit, ruleId: 'classifier-crisis-tentative', message: safetyNetMessage(deps.safety, triageOptions(deps, surface), true) }, 'classifier', 0.6)
        : urgentReply(hit, 'classifier');
      return keep(reply, { crisis: ctx.crisis || crisis, offered: [] });
    }
  }

  // 1c. Alarm words nothing placed: a short safety net, never an entry that merely shares a word.
  if (a.alarm) {
    const entry = deps.kb.byId.get(SAFETY_NET_ENTRY_ID);
    if (entry) {
      const message = safetyNetMessage(deps.safety, triageOptions(deps, surface), a.crisisAlarm);
      const step = answer(entry, deps, ctx, { confidence: 0.5, notes });
      if (step.reply.kind === 'answer') step.reply = { ...step.reply, summary: message, text: withNotes(message, notes), followUps: [], related: [], safetyNet: true };
      return step;
    }
  }

  // 1d. Question limits come after triage: a red flag is always answered, however many came before.
  if (from && deps.limiter) {
    const v = deps.limiter.take(from, deps.clock.now());
    if (v.limited) return keep({ ...outOfScope('rate_limited', rateLimitedText(v), notes), confidence: 1 });
  }

  // "👍" after an answer is thanks, not an empty message.
  if (!/[\p{L}\p{N}]/u.test(text) && detectIntent(text) !== 'thanks') {
    return keep(outOfScope('empty', "I didn't catch a question there. Ask me something about back pain, or say \"stretch\" for a quick routine.", notes));
  }

  if (looksNotEnglish(text)) {
    return keep(outOfScope('language', 'Sorry, I can only answer in English for now. Could you ask your question in English? If you have severe symptoms, please contact a doctor or your local emergency number.', notes));
  }

  // "What's the Samaritans number?": a request for a helpline, answered with the region's line. Triage
  // has already run, so a message that also reports a crisis got the crisis reply above.
  if (ASKS_FOR_HELPLINE.test(text.toLowerCase())) {
    return keep({ kind: 'smalltalk', text: withNotes(crisisInfoMessage(deps.safety, triageOptions(deps, surface)), notes), confidence: 1, notes, intent: 'helpline' });
  }

  // 2. Social intents.
  const intent = detectIntent(text);
  // "Are you a doctor?" asks what the bot can and cannot do for someone's back: the about entry
  // says that in full, with its limits, where the one-line smalltalk reply only says "a bot".
  if (intent === 'about' && (ASKS_IF_CLINICIAN.test(text.toLowerCase()) || ASKS_WHO_MADE.test(text.toLowerCase()))) {
    const entry = deps.kb.byId.get(ASKS_WHO_MADE.test(text.toLowerCase()) ? WHO_WROTE_ENTRY_ID : ABOUT_ENTRY_ID);
    if (entry) return answer(entry, deps, ctx, { confidence: 0.9, notes });
  }
  // "What kind of things can you help me with?" asks what the bot covers: the about entry says that
  // and its limits. Only when the message says nothing of pain of its own (then that is the question).
  // "Are you a doctor or just AI? must I still see my GP", "can you diagnose my back or just give tips":
  // a question that opens by asking what the bot is, or asks it to diagnose, is answered by the about
  // entry (what it is, that it cannot diagnose, when to see someone), whatever follows.
  const asked = text.toLowerCase();
  const asksAbout = !intent && ASKS_WHAT_IT_IS.test(asked);
  if (asksAbout || ((!intent || intent === 'help') && (ASKS_WHAT_HELP.test(asked) || ASKS_WHAT_YOU_ANSWER.test(asked)) && !PAIN_WORDS.test(asked))) {
    const entry = deps.kb.byId.get(ABOUT_ENTRY_ID);
    if (entry) return answer(entry, deps, ctx, { confidence: 0.85, notes });
  }
  if (intent) {
    const gentle = ctx.crisis && ['joke', 'bored', 'praise', 'greeting'].includes(intent);
    const t = gentle
      ? "I'm here. If you're struggling, please reach out to someone you trust, or find a free helpline at findahelpline.com."
      : INTENT_REPLIES[intent];
    return keep({ kind: 'smalltalk', text: withNotes(t, notes), confidence: 1, notes, intent });
  }

  // 3. Picking one of the options offered last turn ("2", "the second one").
  const picked = pickOffered(text, ctx.offered);
  if (picked) {
    const entry = deps.kb.byId.get(picked);
    if (entry) return answer(entry, deps, ctx, { confidence: 0.9, notes });
  }

  // Typos are repaired against the knowledge base's own words ("my bak is stif" reads as "my back is stiff").
  // Chat and second-language wordings ("can do it sitting or not", "why ah?") are read as plain English first.
  // Greetings and sign-offs ("Good afternoon, … Regards, D. Patel") are taken off first: their words are no topic.
  const plain = plainWording(withoutCourtesy(text.toLowerCase()));
  const lower = deps.speller ? deps.speller(plain) : plain;

  const last = ctx.lastEntryId ? deps.kb.byId.get(ctx.lastEntryId) : undefined;

  // 4. Routines and tips asked for directly ("stretch", "another one", "one for my desk").
  // "What about one of those massage cushions for the chair?" after a topic that is not a routine
  // asks about a thing to use, not for a routine at the chair.
  const asksThing = last && !isStretch(last) && ASKS_ABOUT_A_THING.test(lower) && !/\b(stretch\w*|exercises?(?! (balls?|bikes?|mats?|bands?)\b)|routines?|moves?)\b/.test(lower);
  const routine = asksThing ? null : detectRoutineRequest(lower, ctx);
  // "Can I do that one sitting down?" about a routine that already suits: yes, the same one.
  if (routine?.desk && last && isStretch(last) && /\b(that|this|it)( one)?\b|\bversions?\b/.test(lower)) {
    const lead = stillFits(last, routine.desk, lower);
    if (lead) return answer(last, deps, ctx, { confidence: 0.85, notes, lead });
  }
  if (routine) {
    const tip = routine.useContext && routine.desk && last ? strengthTipAtWork(last, lower, deps.kb) : undefined;
    if (tip) return answer(tip, deps, ctx, { confidence: 0.8, notes });
    const entry = pickStretch(deps.kb, {
      deskOnly: routine.desk,
      preferTags: routine.useContext && last ? last.tags : [],
      targets: routine.targets.length ? routine.targets : routine.useContext && last ? targetsAfter(last) : [],
      exclude: last ? [last.id] : [],
      // "Any I can do sitting at my desk?" after a topic asks for the routine that fits it best, the
      // same one whenever it is asked at this turn; "another one" or a plain "stretch" rotates with the clock.
      seed: routine.useContext && routine.desk ? ctx.turns * 1000 : deps.clock.now().getTime() + ctx.turns,
    });
    if (entry) return answer(entry, deps, ctx, { confidence: 0.9, notes });
  }

  // 5. Follow-ups that lean on the previous topic.
  const follow: FollowUp | null = last ? detectFollowUp(lower, last) : null;
  if (last && follow) {
    if (follow.kind === 'topic' && !asksThing && (follow.stretchOnly || (deskNeed(lower) && (last.kind === 'stretch' || /\b(do|doing|done|versions?|ones?|any of them)\b/.test(lower))))) {
      const need = deskNeed(lower) || (/\b(desk|chair|office|seated|sitting)\b/.test(lower) ? true : false);
      // "Can I do it at my desk?" about a routine that already suits: yes, the same one.
      const lead = need && isStretch(last) ? stillFits(last, need, lower) : null;
      if (lead) return answer(last, deps, ctx, { confidence: 0.85, notes, lead });
      // Strengthening asked about at a desk ("can any of them be done sitting down at work?" after
      // glute exercises): a stretch for that area is not what was asked. A tip on the same area's
      // strength that fits the working day (it names the chair, the desk or sitting) answers it.
      const tip = need ? strengthTipAtWork(last, lower, deps.kb) : undefined;
      if (tip) return answer(tip, deps, ctx, { confidence: 0.75, notes });
      const entry = pickStretch(deps.kb, {
        deskOnly: need,
        // A topic with no body area of its own (walking, stress) gets a routine for the lower back.
        targets: targetsAfter(last),
        preferTags: last.tags,
        exclude: [last.id],
        // The same question in the same conversation gets the same routine.
        seed: ctx.turns * 1000,
      });
      if (entry) return answer(entry, deps, ctx, { confidence: 0.75, notes });
    }
    // A new subject brought to the last topic: a condition ("is it safe with sciatica?", "and if I'm
    // pregnant?") or another thing to use ("what about one of those lumbar rolls?").
    // "is it ok with my asthma? never been sure": the subject is in the question, not the context after it.
    const [question, ...context] = lower.split(/(?<=\?)\s+/);
    // "what about a treadmill desk instead? one of the managers has one": the thing is in the question too.
    // "don't own one - would a rolled towel do?": the question comes after the context.
    const tail = afterContext(lower);
    // "is it ok for me though? im 5 months pregnant": a question about someone ("for me", "for my mum")
    // that names nothing of its own leaves who they are to the context after it: the whole is read.
    const forSomeone = question && FOR_SOMEONE.test(question) && !subjectTerms(question, { index: deps.index, generic: GENERIC_TERMS }).length;
    const asked = context.length && question && subjectAsk(question) && !forSomeone ? question : tail && subjectAsk(tail) ? tail : lower;
    const ask = follow.kind === 'topic' && !follow.stretchOnly ? subjectAsk(asked) : null;
    const resolved = ask ? resolveSubject(asked, ask, last, { index: deps.index, generic: GENERIC_TERMS, lift: TOPIC_TAG_LIFT, rank: (h) => weighKinds(h, lower) }) : null;
    if (resolved) return quoting(resolved.entry, resolved.quote, deps, ctx, { confidence: 0.75, notes });
    if (follow.kind === 'quote') {
      // "How many minutes should the walks be at the start?" after sciatica self-care: the dose of an
      // activity the message names, which an entry of its own (named for it) gives.
      const activity = follow.aspect !== 'by_itself' ? activityDoseEntry(lower, last, follow.aspect, deps) : undefined;
      if (activity) return quoting(activity, quoteFor(activity, follow.aspect, true), deps, ctx, { confidence: 0.75, notes });
      // "How long till it gets better?" after an entry on the same main topic as the one on how
      // back pain usually goes (a new bout, or pain lasting months): that entry answers it in full.
      const sameCourse = follow.aspect === 'by_itself' ? [COURSE_ENTRY_ID, LONG_COURSE_ENTRY_ID].map((id) => deps.kb.byId.get(id)).find((e) => e && e.id !== last.id && e.tags[0] === last.tags[0]) : undefined;
      if (sameCourse) return answer(sameCourse, deps, ctx, { confidence: 0.75, notes });
      // "Will it go away after the baby comes?", "can that heal without an operation?": words of the
      // message's own pick among the related entries the one on how that goes.
      const related = last.related.flatMap((id) => deps.kb.byId.get(id) ?? []).filter((e) => !e.tags.includes('red-flags'));
      // "Will it go away after the baby comes?" after pelvic girdle pain: the entry's own sentence on that.
      const ownCourse = follow.aspect === 'by_itself' ? courseInLast(lower, last, { index: deps.index, generic: GENERIC_TERMS }) : null;
      if (ownCourse) return quoting(last, ownCourse, deps, ctx, { confidence: 0.8, notes });
      const onCourse = follow.aspect === 'by_itself' ? courseAmong(lower, last, related, { index: deps.index, generic: GENERIC_TERMS }) : undefined;
      if (onCourse) return quoting(onCourse, quoteFor(onCourse, 'by_itself'), deps, ctx, { confidence: 0.75, notes });
      // "Does it go away by itself?" after self-care for sciatica, which says nothing of how it goes
      // over time: a related entry on the same condition (its title names it too) that does
      // ("Sciatica explained": usually gets better within 4 to 6 weeks).
      // The same for "how many days a week?" after an entry that gives no count: "Starting strength
      // training at home" says how often, after "Strength and resistance training".
      // "How often should I get up?" after sitting all day: a related entry named for how often
      // ("Movement breaks: how often to get up from your desk") answers it in full.
      // Not when the entry itself gives a count ("changing position every 30 minutes" for standing desks).
      const counted = follow.aspect === 'frequency' && /\d|\b(once|twice|two|three|four|five)\b/.test(quoteFor(last, 'frequency', true) ?? '');
      const howOften = follow.aspect === 'frequency' && !counted ? related.find((e) => /\bhow often\b/i.test(e.title)) : undefined;
      if (howOften) return answer(howOften, deps, ctx, { confidence: 0.75, notes });
      const named = new Set(deps.index.queryTerms(last.title).filter((t) => !GENERIC_TERMS.has(t) && titlesWith(t, deps) <= RARE_TITLE_WORD));
      const told = !quoteFor(last, follow.aspect, true) ? related.find((e) => deps.index.queryTerms(e.title).some((t) => named.has(t)) && quoteFor(e, follow.aspect, true)) : undefined;
      if (told) return quoting(told, quoteFor(told, follow.aspect, true), deps, ctx, { confidence: 0.75, notes });
      // The entry already answers "how long", "how often" or "will it go away": quote that part. A
      // time or a count is needed ("check your skin often" does not say how often). After a kind of
      // care (heat, massage, a sleeping position, a routine), "will it go away by itself?" asks about
      // the back pain, not the care: only a sentence on how pain goes over weeks answers it there.
      const quote = quoteFor(last, follow.aspect, follow.aspect !== 'by_itself' || isCare(last));
      if (quote) return quoting(last, quote, deps, ctx, { confidence: 0.8, notes });
      // "How many seconds per stretch?" after an entry that is not a routine and gives no time: the
      // entry on how to stretch safely says how long to hold and how often.
      const howToStretch = follow.aspect !== 'by_itself' && last.kind !== 'stretch' && /\b(stretch\w*|hold)\b/.test(lower) ? deps.kb.byId.get(HOW_TO_STRETCH_ENTRY_ID) : undefined;
      if (howToStretch && howToStretch.id !== last.id) return answer(howToStretch, deps, ctx, { confidence: 0.7, notes });
      // No sentence gives a time or a count: "how long?" or "how often?" is still about what was
      // just said, so the same entry is given in full rather than whichever entry says "long".
      if (follow.aspect !== 'by_itself') return answer(last, deps, ctx, { confidence: 0.7, notes, more: true });
      // "Will it go away on its own?" after a treatment (planks, a desk) asks about the back pain
      // itself: how long it usually takes, for pain that has lasted months or for a new bout.
      const course = deps.kb.byId.get(last.tags.includes('chronic-pain') ? LONG_COURSE_ENTRY_ID : COURSE_ENTRY_ID);
      if (course) return answer(course, deps, ctx, { confidence: 0.7, notes });
    }
    if (follow.kind === 'what_else') {
      // "What else can I do?" asks for more to try: never a warning-signs entry.
      const related = last.related.flatMap((id) => deps.kb.byId.get(id) ?? []);
      // Entries on the same main topic that list this one as related are on it too (heat in pregnancy
      // lists pregnancy back pain, which does not list it back).
      const linking = deps.kb.entries.filter((e) => e.related.includes(last.id) && e.tags[0] === last.tags[0] && !related.includes(e));
      // Something else for the same situation: when the last entry's title names one ("long drives",
      // "period", "gardening": a word few titles use and most of its example questions use), an entry that never mentions it (sitting at a
      // desk, lifting at home) is not something else for it. "Already tried all that" also rules out a
      // tip that only restates the entry. With nothing left, the entry itself holds what helps: it is
      // given again in full (what every labeller chose for long drives and period pain).
      const situation = last.kind === 'faq' ? situationOf(last, deps) : [];
      const forSituation = (e: Entry) => !situation.length || situation.some((t) => aboutTermsOf(e, deps).has(t));
      const tried = ALREADY_TRIED.test(lower);
      const restates = (e: Entry) => e.kind === 'tip' && e.tags.every((t) => last.tags.includes(t));
      // An entry for a situation or thing of its own that the last topic does not share (gardening
      // after lifting at home, running surfaces after running, a mattress after sleeping positions)
      // is advice for that, not something else to try for this topic.
      const ownSituation = (e: Entry) => e.kind === 'faq' && situationOf(e, deps).some((t) => !aboutTermsOf(last, deps).has(t));
      // "I've already tried most of that" after an entry whose advice is to be active, or "anything
      // else besides exercise? doing that already": more activity (pacing, which exercise) is what
      // has been tried; something of another kind (talking therapies, a physio) is something else.
      // Not after an activity itself (yoga, walking): another activity is something else to it.
      const activeDone = !DOING.has(last.tags[0] ?? '') && last.tags.some((t) => DOING.has(t)) && (tried || BESIDES_ACTIVITY.test(lower));
      const keep = (e: Entry) => forSituation(e) && !(tried && restates(e)) && !ownSituation(e) && !(activeDone && e.tags.some((t) => DOING.has(t)));
      const pool = related.filter(keep);
      const next = situation.length && !related.some((e) => keep(e) && !e.tags.includes('red-flags') && !e.tags.includes('myths'))
        ? undefined
        : (somethingElse(lower, last, pool, { index: deps.index, generic: GENERIC_TERMS }, linking.filter(keep)) ?? pool.find((e) => !e.tags.includes('red-flags') && e.id !== last.id) ?? fullerEntryFor(last, deps));
      if (!next && situation.length && last.kind === 'faq') return answer(last, deps, ctx, { confidence: 0.7, notes, more: true, lead: 'That covers the main things that help. In more detail:' });
      // An entry with the very same tags only says the same for another setting (lifting at home after
      // lifting at work, and back): a tip on the same main topic that adds something of its own (a tag
      // the last entry lacks) and belongs to no other entry's situation is something else to try
      // ("bending and lifting are safe to build up", what writers E and I chose).
      const sameTags = (e: Entry) => e.tags.length === last.tags.length && e.tags.every((t) => last.tags.includes(t));
      const addsTip = next && next.kind === 'faq' && last.kind === 'faq' && sameTags(next) ? tipAdding(last, deps) : undefined;
      if (addsTip) return answer(addsTip, deps, ctx, { confidence: 0.7, notes, lead: 'Something else that can help:' });
      if (next) return answer(next, deps, ctx, { confidence: 0.7, notes, lead: 'Something else that can help:' });
    }
    if (follow.kind === 'same_entry') {
      // The routine already says how long and how often: quote that part, not the whole entry again.
      const step = answer(last, deps, ctx, { confidence: 0.85, notes, lead: follow.lead });
      if (step.reply.kind === 'answer' && step.reply.dose) {
        const summary = `${last.title}: ${step.reply.dose.replace(/^Dose: /, '')}`;
        step.reply = { ...step.reply, summary, steps: [], cautions: [], text: withNotes(summary, notes) };
      }
      return step;
    }
    if (follow.kind === 'more') return answer(last, deps, ctx, { confidence: 0.85, notes, more: true });
    if (follow.kind === 'when_to_worry') {
      const when = deps.kb.byId.get(WHEN_TO_SEE_ENTRY_ID);
      if (when && when.id !== last.id) return answer(when, deps, ctx, { confidence: 0.8, notes });
    }
  }

  // 6. Is it about backs at all?
  // Medicines said not to be wanted are not searched for ("apart from tablets, what else for pain relief?").
  // Childhood told as the past ("told as a teenager I had mild scoliosis") is not searched for either.
  const sought = withoutMedicines(lower).replace(BACK_AS_A_CHILD, ' ');
  const terms = deps.index.queryTerms(sought);
  // A general question about red flags or crisis is in scope whatever its words ("what goes on the
  // first-aid poster?", "what should I say if a friend tells me they want to die?").
  const scope = a.redFlagTopic ? 'domain' : classifyScope(lower, terms, deps.domain);
  if (scope === 'other_body_part') {
    void deps.onUnanswered?.(text, 'other_body_part', 0, from);
    return keep(outOfScope('other_body_part', "I only cover backs (and the hips, glutes, neck and shoulders around them). A GP, pharmacist or physiotherapist can help with that. If it's severe or sudden, contact a doctor today, or your local emergency number in an emergency.", notes));
  }
  // One search serves both the scope probe below and retrieval.
  const found = deps.index.search(sought, { limit: 8 });
  const probe = scope === 'off_topic' ? found[0] : undefined;
  // The word lists cannot know every routine's name ("chin tucks"): a question whose words an
  // entry matches almost all of is in scope too.
  const matchedMost = probe && !looksOffTopic(lower) && terms.length >= 2 && new Set(probe.matched).size / new Set(terms).size >= 0.75;
  if (scope === 'off_topic' && !(last && follow) && !matchedMost) {
    const loose = looksOffTopic(lower) ? null : detectLooseIntent(text);
    if (loose) return keep({ kind: 'smalltalk', text: withNotes(INTENT_REPLIES[loose], notes), confidence: 0.8, notes, intent: loose });
    void deps.onUnanswered?.(text, 'off_topic', 0, from);
    return keep(outOfScope('off_topic', "That's outside what I know. I can help with back-pain questions, quick tips and stretch breaks. Try \"why does my back ache after sitting?\" or \"stretch\".", notes));
  }

  // 7. A message with no topic beyond "back pain" ("my back hurts, what should I do?") gets the
  // general entries; search would only rank every entry that mentions back pain about equally.
  if (!follow && terms.length > 0 && terms.every((t) => GENERIC_TERMS.has(t))) {
    const id = /^(why|what causes|how come|whats causing|what is causing)\b|\b(causes?|reasons?)\b/.test(lower) ? GENERAL_WHY_ID : GENERAL_ENTRY_ID;
    const general = deps.kb.byId.get(id);
    if (general) return answer(general, deps, ctx, { confidence: 0.7, notes });
  }

  // 8. Retrieval. A message that asks for something at a desk or seated never gets a floor routine.
  const desk = deskNeed(lower);
  let hits = weighKinds(found, lower).filter((h) => !desk || !isStretch(h.entry) || suitsDesk(h.entry, desk));
  const standalone = decide(hits, terms);
  // A short question with "it" or "that" may still stand on its own ("is it safe to run with back
  // pain?"): when its words alone find a confident answer, that answer wins over the old topic.
  if (last && follow && (follow.kind === 'topic' || follow.kind === 'quote' || follow.kind === 'what_else') && !(standalone.kind === 'answer' && standalone.confidence >= STANDALONE_CONFIDENCE)) {
    // A follow-up is read with the previous topic: entries sharing its tags are preferred, and
    // when the words alone find little, the topic's tags join the query.
    if (!hits.length || (hits[0] && hits[0].matched.length < Math.min(2, terms.length))) {
      hits = weighKinds(deps.index.search(`${lower} ${last.tags.join(' ').replace(/-/g, ' ')}`, { limit: 12 }), lower);
    }
    hits = withRelated(hits, lower, last, deps)
      .filter((h) => h.entry.id !== last.id || (follow.kind === 'topic' && (follow.allowSame || mentionsAlternative(lower, terms, last, deps))) || follow.kind === 'quote')
      .filter((h) => !(follow.kind === 'topic' && follow.stretchOnly) || h.entry.kind === 'stretch')
      // "What about a tennis ball instead?" asks about another thing to use, never for a routine.
      .filter((h) => !(follow.kind === 'topic' && !follow.stretchOnly && ASKS_ABOUT_A_THING.test(lower)) || h.entry.kind !== 'stretch')
      .map((h) => ({ ...h, score: h.score * (1 + TOPIC_TAG_LIFT * onTopic(h.entry, last)) }))
      .sort((a, b) => b.score - a.score);
    const top = hits[0];
    if (top) return answer(top.entry, deps, ctx, { confidence: 0.7, notes });
  }
  // Even a follow-up whose own words find a confident answer ("is it safe if I'm pregnant?") leans on
  // the topic: among the answers nearly as good, one sharing the last entry's tags is preferred
  // (after "heat or ice?", heat in pregnancy rather than pregnancy exercises).
  if (last && follow?.kind === 'topic' && standalone.kind === 'answer') {
    const top = standalone.hit.score;
    const near = withRelated(hits, lower, last, deps)
      .filter((h) => h.score >= top * TOPIC_NEAR)
      .map((h) => ({ ...h, score: h.score * (1 + TOPIC_TAG_LIFT * onTopic(h.entry, last)) }))
      .sort((a, b) => b.score - a.score)[0];
    if (near && near.entry.id !== standalone.hit.entry.id) return answer(near.entry, deps, ctx, { confidence: standalone.confidence, notes });
  }
  const decision = !follow ? (theQuestionAlone(lower, standalone, desk, deps) ?? standalone) : standalone;
  if (decision.kind === 'answer') return answer(decision.hit.entry, deps, ctx, { confidence: decision.confidence, notes });
  if (decision.kind === 'clarify') {
    const options = decision.options.map((h: Hit) => entryRef(h.entry));
    const t = renderClarifyText('I have a few answers that could fit. Which did you mean?', options);
    return keep({ kind: 'clarify', text: withNotes(t, notes), confidence: decision.confidence, notes, options }, { offered: options.map((o) => o.entryId) });
  }
  void deps.onUnanswered?.(text, 'low_confidence', decision.confidence, from);
  return keep({
    ...outOfScope('unknown', "I'm not sure I have a good answer to that. I know about back pain at work and at home: sitting, stretches, exercise, lifting, sleep, sciatica, when to see someone. Could you ask it another way?", notes),
    confidence: decision.confidence,
  });
}

/**
 * A message of several sentences that opens with its one question ("How long should I hold each
 * stretch? Some say 10 seconds, others a full minute."): the other sentences add context, and their
 * everyday words can outvote the question's. When the question sentence alone (three content words or more)
 * finds a confident answer and the whole message did not, that answer is given.
 */
function theQuestionAlone(lower: string, whole: ReturnType<typeof decide>, desk: ReturnType<typeof deskNeed>, deps: CoreDeps): ReturnType<typeof decide> | null {
  if (whole.confidence >= QUESTION_ALONE.wholeBelow) return null;
  const sentences = lower.split(/(?<=[?!.])\s+/).filter((x) => x.trim());
  const asks = sentences.filter((x) => /\?\s*$/.test(x));
  // Only a question that leads: a question after context ("Thinking of joining a pilates class.
  // Would it help my back?") leans on the context for its topic.
  if (sentences.length < 2 || asks.length !== 1 || asks[0] !== sentences[0]) return null;
  const q = asks[0]!;
  const terms = deps.index.queryTerms(q);
  if (new Set(terms).size < 3) return null;
  const alone = decide(weighKinds(deps.index.search(q, { limit: 8 }), q).filter((h) => !desk || !isStretch(h.entry) || suitsDesk(h.entry, desk)), terms);
  return alone.kind === 'answer' && alone.confidence >= QUESTION_ALONE.aloneAtLeast && alone.confidence > whole.confidence ? alone : null;
}
const QUESTION_ALONE = { wholeBelow: 0.7, aloneAtLeast: 0.75 } as const;

/**
 * "What about a rolled-up towel instead?": when the entry just given already talks about the thing
 * asked about, it may answer again (it is still ranked against the others).
 */
function mentionsAlternative(lower: string, terms: string[], last: Entry, deps: CoreDeps): boolean {
  if (!/^(what about|how about|and|or|would|could|can|does|is)\b|\binstead\b/.test(lower)) return false;
  const said = entryTerms(last, deps);
  return terms.some((t) => !GENERIC_TERMS.has(t) && said.has(t));
}

/** An entry's summary and body as search terms, worked out once per entry rather than per follow-up. */
const ENTRY_TERMS = new WeakMap<Entry, Set<string>>();
function entryTerms(entry: Entry, deps: CoreDeps): Set<string> {
  let said = ENTRY_TERMS.get(entry);
  if (!said) ENTRY_TERMS.set(entry, (said = new Set(deps.index.queryTerms(`${entry.summary} ${entry.body}`))));
  return said;
}

/** A tip on the last entry's main topic that adds a tag of its own and is tied to no other entry: the one that reads most like the last entry. */
function tipAdding(last: Entry, deps: CoreDeps): Entry | undefined {
  const main = last.tags[0];
  const ids = new Set(deps.kb.entries.filter((e) => e.kind === 'tip' && e.tags[0] === main && e.tags.some((t) => !last.tags.includes(t)) && e.related.every((id) => id === last.id)).map((e) => e.id));
  if (!ids.size) return undefined;
  return deps.index.search(`${last.title} ${last.summary}`, { ids, limit: 1 })[0]?.entry;
}

/**
 * A tip with no related entries still belongs to a topic: the fuller entry (not a tip or a routine)
 * sharing its main tag that reads most like it.
 */
function fullerEntryFor(last: Entry, deps: CoreDeps): Entry | undefined {
  const ids = new Set(deps.kb.entries.filter((e) => e.id !== last.id && e.kind === 'faq' && e.tags[0] !== undefined && e.tags.includes(last.tags[0] ?? '') && !e.tags.includes('red-flags')).map((e) => e.id));
  if (!ids.size) return undefined;
  return deps.index.search(`${last.title} ${last.summary}`, { ids, limit: 1 })[0]?.entry;
}

function withNotes(text: string, notes: string[]): string {
  return notes.length ? `${notes.map((n) => `(${n})`).join('\n')}\n${text}` : text;
}

function outOfScope(reason: 'empty' | 'unknown' | 'off_topic' | 'language' | 'other_body_part' | 'rate_limited', text: string, notes: string[]): Reply {
  const suggestions = reason === 'language' || reason === 'rate_limited' ? [] : ['Why does my back ache after sitting?', 'Give me a stretch', 'When should I see a doctor about back pain?'];
  return { kind: 'out_of_scope', text: withNotes(text, notes), confidence: reason === 'unknown' ? 0.2 : 0.9, notes, reason, suggestions };
}

function answer(
  entry: Entry,
  deps: CoreDeps,
  ctx: ConversationContext,
  opts: { confidence: number; notes: string[]; lead?: string; more?: boolean },
): Step {
  const a: AnswerReply = answerFromEntry(entry, deps.kb, opts);
  if (opts.more && entry.body) {
    a.summary = stripMarkdown(entry.body);
    a.text = a.text.replace(entry.summary.trim(), a.summary);
  }
  return { reply: a, context: { ...ctx, lastEntryId: entry.id, lastTags: [...entry.tags], offered: [] } };
}

/**
 * The last entry's related entries are on its topic even when the follow-up's words rank them low
 * ("why does bending forward feel better with it?" after spinal stenosis: the tip on leaning
 * forward): they join the hits with their own scores for the message.
 */
function withRelated(hits: Hit[], lower: string, last: Entry, deps: CoreDeps): Hit[] {
  const ids = new Set(last.related.filter((id) => !hits.some((h) => h.entry.id === id)));
  if (!ids.size) return hits;
  return [...hits, ...weighKinds(deps.index.search(lower, { ids, limit: ids.size }), lower)].sort((a, b) => b.score - a.score);
}

/**
 * "Any I can do sitting at my desk?" after an answer: the body areas of the routine just given, else
 * those of the topic's tags; a topic with no body area of its own (period pain, stress) gets the lower back.
 */
function targetsAfter(last: Entry): BodyArea[] {
  if (isStretch(last)) return last.targets.filter((t) => t !== 'whole-body');
  // The area the topic's title names comes first: "Back ache on long drives" is the lower back,
  // whatever its posture tag says; "Rounded shoulders and hunching" is the upper back alone.
  const title = last.title.toLowerCase();
  const named = targetsIn(title);
  if (named.length) return named;
  if (/\bback\b/.test(title)) return ['lower-back'];
  const fromTags = targetsForTags(last.tags);
  return fromTags.length ? fromTags : ['lower-back'];
}

/** How much an entry shares the last topic: each tag in common, and one more when either lists the other as related. */
const onTopic = (e: Entry, last: Entry): number => e.tags.filter((t) => last.tags.includes(t)).length + (e.related.includes(last.id) || last.related.includes(e.id) ? 1 : 0);

/**
 * The situation an entry is for, named in its title: a word few titles use (five at most) that at
 * least two in five of its example questions use too ("drive", "period", "garden"), not a word of
 * the title that people rarely ask with ("job" in sitting all day at a desk job).
 */
function situationOf(e: Entry, deps: CoreDeps): string[] {
  let terms = SITUATION.get(e);
  if (!terms) {
    const asked = e.questions.map((q) => new Set(deps.index.queryTerms(q)));
    terms = [...new Set(deps.index.queryTerms(e.title))].filter((t) => !GENERIC_TERMS.has(t) && titlesWith(t, deps) <= RARE_TITLE_WORD && asked.filter((q) => q.has(t)).length >= 0.4 * asked.length);
    SITUATION.set(e, terms);
  }
  return terms;
}
/** Each entry's situation words, worked out once (they depend only on the entry and the library). */
const SITUATION = new WeakMap<Entry, string[]>();
/** "anything else besides exercise?", "apart from keeping active": activity in general named as what is already done. */
const BESIDES_ACTIVITY = /\b(besides|apart from|other than|except|as well as|on top of|aside from)( the| my| doing)? (exercis\w*|workouts?|working out|moving( more)?|activity|being active|staying active|keeping active)\b/;
/** "already tried all that", "hot water bottle already use", "doing those already": what the entry said is being done. */
const ALREADY_TRIED = /\balready\b|\btried (all |most of |both of )?(that|those|these|them|it|everything)\b|\bdoing (that|those|them|it) (already|now)\b/;
const ABOUT_TERMS = new WeakMap<Entry, Set<string>>();
/** An entry's title, example questions and summary as search terms, once per entry. */
function aboutTermsOf(e: Entry, deps: CoreDeps): Set<string> {
  let set = ABOUT_TERMS.get(e);
  if (!set) ABOUT_TERMS.set(e, (set = new Set(deps.index.queryTerms(`${e.title} ${e.questions.join(' ')} ${e.summary}`))));
  return set;
}

/** A word this few titles use names one condition or thing ("sciatica", "disc", "strength"), not a kind of entry ("exercises"). */
const RARE_TITLE_WORD = 5;
const TITLE_COUNTS = new WeakMap<KnowledgeBase, Map<string, number>>();
/** How many entry titles use this search term, counted once per knowledge base. */
function titlesWith(term: string, deps: CoreDeps): number {
  let counts = TITLE_COUNTS.get(deps.kb);
  if (!counts) {
    counts = new Map();
    for (const e of deps.kb.entries) for (const t of new Set(deps.index.queryTerms(e.title))) counts.set(t, (counts.get(t) ?? 0) + 1);
    TITLE_COUNTS.set(deps.kb, counts);
  }
  return counts.get(term) ?? 0;
}

/** The part of an entry that answers a follow-up ("From "Heat or ice": …"), or the whole entry when no part was picked. */
function quoting(entry: Entry, quote: string | null, deps: CoreDeps, ctx: ConversationContext, opts: { confidence: number; notes: string[] }): Step {
  const step = answer(entry, deps, ctx, opts);
  if (quote && step.reply.kind === 'answer') {
    const summary = `From "${entry.title}": ${quote}`;
    step.reply = { ...step.reply, summary, steps: [], cautions: [], text: withNotes(summary, opts.notes) };
  }
  return step;
}

/** The entry that says what backbuddy is, and whether it can diagnose. */
export const ABOUT_ENTRY_ID = 'about-backbuddy';
/** "Who made you?" asks who is behind the answers: the entry on who writes and checks them. */
const WHO_WROTE_ENTRY_ID = 'who-wrote-backbuddy-content';
const ASKS_WHO_MADE = /\bwho (made|built|wrote|created|makes|writes)\b/;
/** "What things can you help me with?", "what kind of stuff can u help with", "what questions can I ask you": the sentence ends there. */
const ASKS_WHAT_HELP = /\bwhat( (kind|kinds|sort|sorts|type|types) of)?( (things|stuff|questions|topics|problems))? (can|could|do|will) (you|u) (help|assist)( me| us| people)?( out)? with(?=\s*([?.!,]|$))|\bwhat( (kind|kinds|sort|sorts|type|types) of)?( (things|stuff|topics|problems))? (you|u) (can|could) (help|assist)( me| us)?( out)? with(?=\s*([?.!,]|$))|\bwhat( (kind|kinds|sort|sorts|type|types) of)? (things|stuff|questions|topics) (can|could|should) i ask( you| u)?(?=\s*([?.!,]|$))/;
/** "What kind of questions can you answer?", "what topics do you cover": what the bot covers, said another way. */
const ASKS_WHAT_YOU_ANSWER = /\bwhat( (kind|kinds|sort|sorts|type|types) of)?( (things|stuff|questions|topics|subjects))? (can|could|do|will) (you|u) (answer|cover)(?=\s*([?.!,]|$))|\bwhat( (kind|kinds|sort|sorts|type|types) of)? (things|stuff|questions|topics|subjects) (you|u) (can|could|do) (answer|cover)(?=\s*([?.!,]|$))/;
/** "Are you a doctor or just AI? ...", "can you diagnose my back?": asks what the bot is or whether it can diagnose. */
const ASKS_WHAT_IT_IS = /^(hey |hi |so |ok |and )?(are|r) (you|u) (a |an )?(real |actual |proper )?(doctor|gp|physio|physiotherapist|nurse|clinician|human|person|bot|robot|ai|chatbot)\b|\b(can|could|do|will) (you|u) (actually |really )?(diagnose|give (me )?a diagnosis)\b/;
const PAIN_WORDS = /\b(hurts?|hurting|pain(ful)?|aches?|aching|sore|stiff|numb|tingl\w*|injur\w*)\b/;
const ASKS_IF_CLINICIAN = /\b(doctors?|clinicians?|nurses?|physios?|physiotherapists?|medics?|medical|qualified|diagnos\w*)\b/;

/** How long back pain takes to settle: a new bout, and pain that has lasted months. */
const COURSE_ENTRY_ID = 'acute-back-pain-how-long';
const LONG_COURSE_ENTRY_ID = 'back-pain-lasting-months';
/** "what's the samaritans number?", "is there a suicide hotline": a helpline asked for by name or kind. */
const ASKS_FOR_HELPLINE = /\b(samaritans|helplines?|help ?line|crisis (line|number|text line)|hotline|suicide (line|number)|lifeline|988|shout 85258|someone to talk to)\b[^.!?]{0,40}\b(number|call|text|ring|contact|phone)\b|\b(number|phone|contact)\b[^.!?]{0,25}\b(samaritans|helplines?|crisis line|hotline|lifeline|suicide line)\b|\b(numbers?|lines?|who)\b[^.!?]{0,25}\b(call|ring|text|phone|contact)\b[^.!?]{0,30}\b(in (a )?crisis|suicidal|feeling suicidal)\b|\b(crisis|suicide) (lines?|numbers?|helplines?)\b/;

/** "what about a tennis ball instead?", "would one of those seat cushions help?": another thing to use. */
/** Second-language English may leave the article out: "what about exercise ball instead of chair?". */
/** "for me", "for her", "for my mum": whom a question is about, without saying what they have. */
const FOR_SOMEONE = /\bfor (me|her|him|them|us|someone|somebody|my \w+)\b/;
const ASKS_ABOUT_A_THING = /^(and |but |so |ok )?(what about|how about|would|could|do|does|are|is) (a|an|one of those|those|these|the|some|any) \w+|^(and |but |so |ok )?(what|how) about (?!(it|that|this|them|those|these|if|when|for|doing|stretch\w*|exercises|routines?|moves?|me|you|him|her|us)\b)\w+ (\w+ )?instead\b/;
/** "When should I worry about it?" after any answer: the entry on when to get back pain checked. */
const WHEN_TO_SEE_ENTRY_ID = 'when-to-see-someone-about-back-pain';
/** How long to hold a stretch and how often, for a dose question after an entry that gives none. */
const HOW_TO_STRETCH_ENTRY_ID = 'how-to-stretch-safely';

/** The entry whose sources back the safety-net reply (warning signs and where to go). */
export const SAFETY_NET_ENTRY_ID = 'red-flag-symptoms';

/** A follow-up's answers within this share of the best may be lifted by sharing the topic's tags (TOPIC_TAG_LIFT each). */
const TOPIC_NEAR = 0.6;
const TOPIC_TAG_LIFT = 0.35;

/** Confidence at which a follow-up-looking message is answered on its own words. */
const STANDALONE_CONFIDENCE = 0.7;

/** The general entries, and the stems that carry no topic of their own. */
export const GENERAL_ENTRY_ID = 'back-pain-what-helps';
export const GENERAL_WHY_ID = 'why-does-my-back-hurt';
const GENERIC_TERMS = new Set(['back', 'pain', 'sore', 'ach', 'lower', 'low', 'help', 'advic', 'bad', 'realli', 'still', 'again', 'hurt', 'ha', 'wa', 'been', 'get', 'rid', 'eas', 'fix', 'need', 'suggest', 'tip', 'idea', 'caus', 'reason', 'best', 'thing', 'alwai', 'often', 'constantli', 'keep', 'normal', 'common']);

/**
 * Asking for a tip ("give me a tip", "quick one"): tips are lifted over the fuller entries. "Any
 * advice?" and "any tips?" are only how people ask for help with the topic they name: read as a request
 * for a tip, they let a one-line tip outrank the entry on that topic (sleeping with back pain, golf,
 * a knot between the shoulder blades).
 */
const TIP_WORDS = /\b(tip|hint|quick one)\b/;
const ROUTINE_WORDS = /\b(stretch(es)?|routine|exercise|move|how do i do|show me|steps)\b/;
/** "Standing quad stretch vs lying down, which is better for the back?" weighs stretches, it asks for none. */
const WEIGHS_UP = /\b(vs|versus|which (one )?is better|which one|good or bad|ok or bad|okay or bad)\b/;

/**
 * Tips restate what a fuller entry explains, so they win only when someone asks for a tip; a
 * routine gets a lift when the message asks how to do something.
 */
/** Groups and conditions an entry's title can be about, and the words that show a question is about them. */
const QUALIFIERS: [RegExp, RegExp][] = [
  [/\bsciatica\b/, /\b(sciatica|sciatic|leg|legs|nerve|buttock|bum|foot|feet|calf|thigh)\b/],
  [/\bpregnan\w*|\bbirth\b|\bpostnatal\b/, /\b(pregnan\w*|expecting|baby|birth|weeks|trimester|bump|postnatal|c.?section|breastfeed\w*|newborn|midwife)\b/],
  [/\bperiods?\b/, /\b(periods?|menstrua\w*|time of the month|cramps?|pms)\b/],
  [/\b(children|child|kids?|toddlers?|teens?|teenagers?|young athletes?)\b/, /\b(child|children|kids?|toddlers?|baby|babies|little ones?|son|daughter|teens?|teenagers?|boy|girl|school|young|athlete|\d{1,2} ?(?:yo|y\/o|yrs? old|years? old|year-old))\b/],
  [/\bosteopor\w*/, /\b(osteopor\w*|osteopenia|bones?|fracture\w*|brittle)\b/],
  // A fracture is a group of its own: "mum has osteoporosis, what exercise is safe?" names none.
  [/\bfractures?\b/, /\b(fracture\w*|broken|broke|break|crush\w*|collapsed)\b/],
  [/\bstenosis\b/, /\b(stenosis|narrow\w*|walking distance|lean\w* forward|shopping trolley)\b/],
  [/\bscoliosis\b/, /\b(scoliosis|curve\w*|curved|crooked|uneven)\b/],
  [/\bcancer\b/, /\b(cancer|tumou?r|chemo\w*|oncolog\w*|remission)\b/],
];
const QUALIFIER_WEIGHT = 0.85;
/**
 * "I was told as a teenager that I had mild scoliosis… now that I'm 35": childhood told as the past
 * names no child the question is about.
 */
const BACK_AS_A_CHILD = /\b(when|since|as|back when) (i|he|she) (was|were) (a |just a )?(kid|child|teen|teenager|youngster|young)\b|\bas a (kid|child|teen|teenager)\b|\bin (my|his|her) teens\b/g;
/**
 * "32 weeks and my lower back is killing me on shift", "how long does sciatica take to settle?": the
 * group or condition named, an entry for it is lifted over general entries that share the other words.
 * Not when an activity is named too ("is walking good for sciatica?"): the activity is the subject.
 */
const QUALIFIER_ASKED_WEIGHT = 1.2;
const QUALIFIER_NAMED_WEIGHT = 1.15;

/**
 * Activities an entry's title can be about, and the words that name them in a question. "Badminton
 * twice a week and my back is sore, any exercises to help?" is about badminton, not about exercise in
 * general: an entry whose title names the activity asked about is lifted.
 */
const ACTIVITIES: [RegExp, RegExp][] = [
  [/\brunning\b|\brun\b/, /\b(run|runs|running|runner|jog|jogging|marathon|parkrun|5k|10k)\b/],
  [/\bwalking\b/, /\b(walk|walks|walking|steps|hike|hiking)\b/],
  [/\b(swimming|pool)\b/, /\b(swim|swims|swimming|pool|breaststroke|backstroke|front crawl|strokes?|aqua)\b/],
  [/\b(flights?|flying|journeys?)\b/, /\b(fly|flying|flight|flights|plane|airplane|aeroplane|long.haul)\b/],
  [/\b(drives?|driving)\b/, /\b(drive|drives|driving|drove|driver|car|cars|truck|trucks|lorry|van|cab|road trips?)\b/],
  [/\bcycling\b/, /\b(cycle|cycles|cycling|bike|bikes|biking|cyclist|peloton|spin class)\b/],
  [/\bgolf\b/, /\b(golf|golfer|golfing|round of golf|18 holes|driving range)\b/],
  [/\b(tennis|padel|squash|badminton)\b/, /\b(tennis|padel|squash|badminton|pickleball|racket|racquet)\b/],
  [/\b(climbing|bouldering)\b/, /\b(climb|climbing|climber|boulder|bouldering)\b/],
  [/\bgardening\b/, /\b(garden|gardening|digging|weeding|allotment|mowing)\b/],
  // Not an activity but a thing worn all day: "can wrong shoes cause back pain? I stand at events
  // all day" asks about the shoes, not about standing.
  [/\b(shoes|insoles|orthotics)\b/, /\b(shoes?|trainers|sneakers|insoles?|orthotics?|footwear|heels|boots)\b/],
  // "How high should my monitor be?": the screen is the thing asked about, not the neck it spares.
  [/\bscreen\b/, /\b(screens?|monitors?)\b/],
  // "Tweaked my back this morning, should I put ice on it?": the ice is asked about, not the new back pain.
  [/\b(ice|heat)\b/, /\b(ice|icing|ice packs?|cold packs?|frozen peas|heat packs?|heating pads?|hot water (bottle|bag)s?|wheat bags?)\b/],
  // "Pelvic tilts x10 on my physio handout", "pelvic tilt exercises": the exercise, not a tilted pelvis.
  [/\bpelvic tilt exercises\b/, /\bpelvic tilts\b|\bpelvic tilt (exercises?|moves?)\b|\bposterior pelvic tilt/],
  [/\byoga\b/, /\byoga\b/],
  [/\bpilates\b/, /\bpilates\b/],
];
const ACTIVITY_WEIGHT = 1.25;

/**
 * "A good stretch for a tight lower back? stiff after a night shift", "hamstring stretch pls": a
 * stretch asked for one part of the body. A routine for that part is lifted; a routine for other parts
 * only gets its share of the words, as does an entry that talks about the part without a routine.
 */
const STRETCH_ASKED = /\bstretch(es)?\b/;
const AREA_WEIGHT = 1.3;

/**
 * A back that has just gone, told as an event ("did my back in loading the truck", "put my back out
 * picking up a pen", "back suddenly kena this morning"): the entries whose main topic is new back
 * pain answer it, more than entries that share the event's other words (bending, lifting, a bottle).
 */
const JUST_WENT =
  /\b(threw|throw|thrown|put|putting|did|done|doing|tweak\w*|strain\w*|pull\w*|crick\w*|rick\w*|wrench\w*|hurt|injur\w*|jar\w*)( out)? (my|his|her|their|me) (lower |low )?back( out| in)?\b|\bback (just |suddenly |has |had )*(went|gone|gave (out|way)|seized( up)?|locked( up)?|kena|goes)\b|\b(sudden|suddenly|out of nowhere|out of the blue|all of a sudden)\b/;
const JUST_WENT_WEIGHT = 1.3;
/**
 * "Sudden back pain out of nowhere yesterday, how long does it normally last", "first ever back spasm,
 * how long do these last": how long the pain goes on. The entry whose title asks how long answers it,
 * more than the one on what to do in the first days, which shares the story's words.
 */
const LASTS_ASKED = /\bhow long (does|do|will|would|can|could|should) (it|this|these|that|those|they|the pain|the ache|a spasm|spasms|my back( pain)?|back pain|a bad back|an episode)( \w+)? (normally |usually |typically |generally |tend to )?(last|go on|stay|hang around)\b/;
const LASTS_WEIGHT = 1.3;
/**
 * "How should I sit when my back is sore?", "what's the best way to stand at the counter for a
 * shift?", "how do I stop slouching at my desk?": how to hold yourself. The entries whose main topic
 * is posture answer it, more than entries on what sitting or desk work does to a back.
 */
const HOW_TO_HOLD = /\bhow (should|do|can|must|would|to) (i|you|we|u)? ?(sit|stand)\b|\b(best|right|correct|proper|ideal|good|healthiest) (way|position|posture|method) (to|for) (sit|stand)(ing)?\b|\b(correct|right|proper|ideal|perfect) posture\b|\bstop (myself )?(slouch|slump|hunch)\w*/;
const HOW_TO_HOLD_WEIGHT = 1.3;

/**
 * Relief asked for without medicines ("apart from tablets, what else can I do for pain relief?",
 * "options that don't involve tablets", "dont really like to take pills"): the medicines turned down
 * are not searched for, and "pain relief", which otherwise reads as painkillers, is plain relief. Only
 * general words for medicines count: "something instead of ibuprofen" asks for another medicine.
 */
const NO_MEDICINES =
  /\b(without|apart from|other than|besides|instead of|no more|(do not|don'?t|dont) (want|like|wanna|involve)( to)?( take| taking| be taking)?|(not|avoid|avoiding) (to )?(take |taking )?)\s*(any |the |too many |more |so many )?(tablets?|pills?|meds|medicines?|medications?|painkillers?|pain killers?|drugs?)\b|\b(drug|medication|medicine|pill|tablet)[- ]free\b|\bnon[- ]?(drug|medication|medicine)\b|\bnatural (remed\w*|ways?|pain relief)\b/;
const NO_MEDICINES_ALL = new RegExp(NO_MEDICINES.source, 'g');
/** The message with the medicines it turns down said once as "without tablets", and "pain relief" as plain relief. */
function withoutMedicines(lower: string): string {
  if (!NO_MEDICINES.test(lower)) return lower;
  return lower.replace(NO_MEDICINES_ALL, ' ').replace(/\bpain[- ]?relie(f|ving|ve)\b/g, 'relief').concat(' without tablets');
}
const ABOUT_WEIGHT = 1.5;

/** The groups, conditions and activities an entry's title names, as the question words that go with them: fixed per entry, so read once. */
const titleNames = new WeakMap<Entry, { qualifiers: RegExp[]; activities: RegExp[]; titleWords: RegExp[] }>();
function namedInTitle(entry: Entry): { qualifiers: RegExp[]; activities: RegExp[]; titleWords: RegExp[] } {
  let named = titleNames.get(entry);
  if (!named) {
    const title = entry.title.toLowerCase();
    const asked = (pairs: [RegExp, RegExp][]) => pairs.filter(([t]) => t.test(title)).map(([, a]) => a);
    named = { qualifiers: asked(QUALIFIERS), activities: asked(ACTIVITIES), titleWords: QUALIFIERS.filter(([t]) => t.test(title)).map(([t]) => t) };
    titleNames.set(entry, named);
  }
  return named;
}

/**
 * An activity the message names (walks, swims, rides) that the last entry's title does not: the
 * explainer named for that activity, on the same topic as far as there is one, when it says how long
 * or how often. Not an entry for a group or condition the message does not name.
 */
function activityDoseEntry(lower: string, last: Entry, aspect: 'duration' | 'frequency', deps: CoreDeps): Entry | undefined {
  const lastTitle = last.title.toLowerCase();
  const named = ACTIVITIES.filter(([title, asked]) => asked.test(lower) && !title.test(lastTitle));
  if (!named.length) return undefined;
  const pool = deps.kb.entries
    .filter((e) => e.kind === 'faq' && e.id !== last.id && named.some(([title]) => title.test(e.title.toLowerCase())))
    .filter((e) => namedInTitle(e).qualifiers.every((q) => q.test(lower)) && quoteFor(e, aspect, true));
  // The main entry on the activity is the one the others point to (walking, after treadmill walking).
  const pointedTo = (e: Entry) => pool.filter((o) => o.related.includes(e.id)).length;
  return pool.sort((a, b) => onTopic(b, last) - onTopic(a, last) || pointedTo(b) - pointedTo(a))[0];
}

function weighKinds(hits: Hit[], lower: string): Hit[] {
  const wantsTip = TIP_WORDS.test(lower);
  const wantsRoutine = ROUTINE_WORDS.test(lower) && !WEIGHS_UP.test(lower);
  const aboutTheBot = asksAboutTheBot(lower);
  const justWent = JUST_WENT.test(lower);
  const lasts = LASTS_ASKED.test(lower);
  const howToHold = HOW_TO_HOLD.test(lower);
  const activityAsked = ACTIVITIES.some(([, a]) => a.test(lower));
  const areas = STRETCH_ASKED.test(lower) && !WEIGHS_UP.test(lower) ? targetsIn(lower) : [];
  const grownUp = lower.replace(BACK_AS_A_CHILD, ' ');
  return hits
    .map((h) => {
      let w = 1;
      if (h.entry.kind === 'tip') w = wantsTip ? 1.35 : 0.75;
      else if (wantsTip && h.entry.kind === 'faq') w = 0.9;
      if (h.entry.kind === 'stretch') w = wantsRoutine ? 1.2 : 0.9;
      if (isStretch(h.entry) && areas.some((a) => (h.entry as StretchEntry).targets.includes(a))) w *= AREA_WEIGHT;
      // "Do you store what I type about my bad back?" asks about the bot, whatever else it mentions.
      if (aboutTheBot && h.entry.kind === 'about') w *= ABOUT_WEIGHT;
      // An entry for a particular group or condition (pregnancy, sciatica, children…) answers a
      // question that does not name it only when nothing general fits as well.
      const named = namedInTitle(h.entry);
      for (const asked of named.qualifiers) w *= !asked.test(grownUp) ? QUALIFIER_WEIGHT : activityAsked ? 1 : QUALIFIER_ASKED_WEIGHT;
      // "Best stretches for sciatica?": the condition named by the very word of the title, not only a leg.
      if (!activityAsked && named.titleWords.some((t) => t.test(grownUp))) w *= QUALIFIER_NAMED_WEIGHT;
      for (const asked of named.activities) if (asked.test(lower)) w *= ACTIVITY_WEIGHT;
      if (justWent && h.entry.tags[0] === 'acute-pain') w *= JUST_WENT_WEIGHT;
      if (lasts && /^how long\b/i.test(h.entry.title)) w *= LASTS_WEIGHT;
      if (howToHold && h.entry.tags[0] === 'posture') w *= HOW_TO_HOLD_WEIGHT;
      return { ...h, score: h.score * w };
    })
    .sort((a, b) => b.score - a.score);
}

const stripMarkdown = (md: string) => md.replace(/\*\*(.+?)\*\*/g, '$1').replace(/^#+\s*/gm, '').replace(/\n{3,}/g, '\n\n').trim();
