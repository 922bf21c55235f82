import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { loadKnowledge, type KnowledgeBase } from '../knowledge/load.js';
import { buildIndex, type SearchIndex } from '../knowledge/index.js';
import { defaultKnowledgeDir } from '../knowledge/paths.js';
import { formatProblem, type KbProblem } from '../knowledge/problems.js';
import type { Entry } from '../knowledge/schema.js';
import { systemClock, type Clock } from '../common/clock.js';
import { MemoryContextStore, type ContextStore } from './context.js';
import { loadSafetyRules, prepareSafetyRules, type Region, type SafetyRules } from './triage.js';
import { loadSafetyModel, type SafetyClassifier } from './safety-classifier.js';
import { reply as coreReply, type CoreDeps } from './reply.js';
import type { AnswerReply, ChatRequest, Reply } from './reply-schema.js';
import { answerFromEntry } from './answer.js';
import { pickStretch, type DeskOnly } from './routines.js';
import { buildDomain, DOMAIN_WORDS, STRONG_WORDS } from './scope.js';
import { makeQuerySpeller, parseWordGuard, WORD_GUARD_FILE, type QuerySpeller } from './typos.js';
import { STOPWORDS } from '../knowledge/text.js';
import { resolveTopic } from './topics.js';
import { RateLimiter, type RateLimits } from './rate-limit.js';
import { createCoreMemo, memoIndex, memoSpeller } from './memo.js';

const GENERIC_TITLE_WORDS = new Set(['your', 'with', 'from', 'over', 'into', 'that', 'this', 'desk', 'chair', 'break', 'standing', 'seated', 'walking', 'stand', 'quick', 'minute', 'easy', 'gentle', 'back', 'lying', 'floor', 'wall', 'step']);

export type TipResult = { reply: AnswerReply; matchedTag: string | null; fellBack: boolean; note: string | null };

/** The platform-neutral assistant every front end (terminal, Slack, Discord) talks to. */
export interface Assistant {
  reply(req: ChatRequest): Promise<Reply>;
  /** A quick tip, optionally about a topic (a tag or free words); unknown topics fall back to the closest tag. */
  tip(topic?: string): TipResult;
  /** A stretch routine now, avoiding `exclude` and preferring `tags`. */
  stretch(opts?: { exclude?: string[]; tags?: string[]; deskOnly?: DeskOnly }): AnswerReply;
  /** One entry as an answer (related-entry and clarify-option buttons). */
  entry(id: string): AnswerReply | null;
  /** Known tags. */
  topics(): string[];
  readonly kb: KnowledgeBase;
  /** Problems found while loading (invalid entries are left out). */
  readonly problems: KbProblem[];
}

export type AssistantOptions = {
  knowledgeDir?: string;
  contextStore?: ContextStore;
  clock?: Clock;
  emergencyNumber?: string;
  region?: Region;
  contextTtlMinutes?: number;
  /** Whether to load the safety classifier from knowledge/safety-model.json (default true). */
  classifier?: boolean;
  onUnanswered?: CoreDeps['onUnanswered'];
  onReplied?: CoreDeps['onReplied'];
  /** Question limits for requests that say who asked; none without (the settings' default is 10 a minute each). */
  rateLimits?: RateLimits;
  /** Remember triage, classifier and search results per text (src/core/memo.ts; default true). Replies are the same either way. */
  memo?: boolean;
};

/** The assistant options that come from configuration; callers add their own (context store, hooks). */
export function assistantOptionsFrom(
  config: Pick<Config, 'KNOWLEDGE_DIR' | 'EMERGENCY_NUMBER' | 'CONTEXT_TTL_MINUTES' | 'REGION' | 'RATE_LIMIT_PER_USER' | 'RATE_LIMIT_PER_CHANNEL'>,
): AssistantOptions {
  return {
    region: config.REGION,
    rateLimits: { perUser: config.RATE_LIMIT_PER_USER, perChannel: config.RATE_LIMIT_PER_CHANNEL, windowMs: 60_000 },
    ...(config.KNOWLEDGE_DIR ? { knowledgeDir: config.KNOWLEDGE_DIR } : {}),
    ...(config.EMERGENCY_NUMBER ? { emergencyNumber: config.EMERGENCY_NUMBER } : {}),
    contextTtlMinutes: config.CONTEXT_TTL_MINUTES,
  };
}

export class KnowledgeLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(`knowledge base could not be loaded:\n${problems.join('\n')}`);
  }
}

/**
 * The slow half of making an assistant: the knowledge base and its search index, the safety rules
 * (their patterns readied) and model, the word guard. The server loads it while its store opens
 * (app/serve.ts), then makes the assistant with the store's hooks.
 */
export type LoadedKnowledge = {
  kb: KnowledgeBase;
  problems: KbProblem[];
  safety: SafetyRules;
  index: SearchIndex;
  wordGuard: Set<string>;
  classifier?: SafetyClassifier;
};

export function createAssistant(opts: AssistantOptions = {}, loaded: LoadedKnowledge = loadForAssistant(opts)): Assistant {
  const { kb, problems, safety, index, wordGuard, classifier } = loaded;
  return assistantFrom(kb, problems, safety, { ...opts, index, wordGuard, ...(classifier ? { safetyClassifier: classifier } : {}) });
}

/** Loads what an assistant is made of; throws KnowledgeLoadError when the knowledge or the safety rules do not load. */
export function loadForAssistant(opts: Pick<AssistantOptions, 'knowledgeDir' | 'classifier'> = {}): LoadedKnowledge {
  const dir = opts.knowledgeDir ?? defaultKnowledgeDir();
  const { kb, problems } = loadKnowledge(dir);
  const safety = loadSafetyRules(join(dir, 'safety.yaml'));
  // Without safety rules the bot must not answer at all: triage always runs first.
  if (!safety.ok) throw new KnowledgeLoadError(safety.error.map((p) => `${p.file}: ${p.path ? `${p.path}: ` : ''}${p.message}`));
  if (kb.entries.length === 0) throw new KnowledgeLoadError(problems.length ? problems.map(formatProblem) : [`${dir}: no entries`]);
  let classifier: SafetyClassifier | undefined;
  const modelFile = join(dir, 'safety-model.json');
  // The classifier is a safety net beside the rules: a knowledge dir without one runs on rules alone,
  // but a broken one stops start-up like broken rules do.
  if (opts.classifier !== false && existsSync(modelFile)) {
    const model = loadSafetyModel(modelFile);
    if (!model.ok) throw new KnowledgeLoadError([model.error]);
    classifier = model.value;
  }
  const guardFile = join(dir, WORD_GUARD_FILE);
  const wordGuard = existsSync(guardFile) ? parseWordGuard(readFileSync(guardFile, 'utf8')).words : new Set<string>();
  prepareSafetyRules(safety.value);
  return { kb, problems, safety: safety.value, index: buildIndex(kb), wordGuard, ...(classifier ? { classifier } : {}) };
}

/** Words of routine names ("chin tucks", "bird dog"): words only this domain uses. */
const routineWordsOf = (kb: KnowledgeBase): string[] =>
  kb.entries.filter((e) => e.kind === 'stretch').flatMap((e) => e.title.toLowerCase().split(/[^a-z]+/)).filter((w) => w.length >= 4 && !GENERIC_TITLE_WORDS.has(w));

/** The words a typo in a question may be read as: the domain's words, tag words, synonyms and routine names. */
export function spellerTargets(kb: KnowledgeBase): string[] {
  return [...new Set([...DOMAIN_WORDS, ...routineWordsOf(kb), ...[...kb.tags.keys()].flatMap((t) => t.split('-')), ...synonymWordsOf(kb)])].filter((w) => /^[a-z]{4,}$/.test(w));
}

const synonymWordsOf = (kb: KnowledgeBase): Set<string> => new Set(kb.synonyms.flat().flatMap((p) => p.toLowerCase().split(/[^a-z]+/)));

/**
 * The question speller for this library: targets from `spellerTargets`, and every word the library,
 * the synonyms, plain English glue or the word guard already know left alone. The word-guard script
 * builds the guard with this same speller (and an empty guard).
 */
export function kbSpeller(kb: KnowledgeBase, index: SearchIndex, guard: ReadonlySet<string> = new Set()): QuerySpeller {
  const synonymWords = synonymWordsOf(kb);
  return makeQuerySpeller(spellerTargets(kb), (w) => index.knowsWord(w) || STOPWORDS.has(w) || synonymWords.has(w), (w) => guard.has(w), STRONG_WORDS);
}

export function assistantFrom(
  kb: KnowledgeBase,
  problems: KbProblem[],
  safety: SafetyRules,
  opts: AssistantOptions & { safetyClassifier?: SafetyClassifier; wordGuard?: Set<string>; index?: SearchIndex } = {},
): Assistant {
  prepareSafetyRules(safety);
  const memo = opts.memo !== false;
  // Search is remembered per query (memo.ts): the same question finds the same entries.
  const built = opts.index ?? buildIndex(kb);
  const index: SearchIndex = memo ? memoIndex(built) : built;
  const clock = opts.clock ?? systemClock;
  const routineWords = routineWordsOf(kb);
  // Real words the library never uses ("truck", "left", "saying") are never read as a topic word.
  const guard = opts.wordGuard ?? new Set<string>();
  const spell = kbSpeller(kb, index, guard);
  const speller = memo ? memoSpeller(spell) : spell;
  const deps: CoreDeps = {
    kb,
    index,
    safety,
    // Routine names ("chin tucks", "bird dog") are words only this domain uses.
    domain: buildDomain(routineWords),
    speller,
    contexts: opts.contextStore ?? new MemoryContextStore(),
    clock,
    contextTtlMs: (opts.contextTtlMinutes ?? 30) * 60_000,
    ...(opts.emergencyNumber ? { emergencyNumber: opts.emergencyNumber } : {}),
    ...(opts.region ? { region: opts.region } : {}),
    ...(opts.safetyClassifier ? { classifier: opts.safetyClassifier } : {}),
    ...(opts.onUnanswered ? { onUnanswered: opts.onUnanswered } : {}),
    ...(opts.onReplied ? { onReplied: opts.onReplied } : {}),
    ...(opts.rateLimits ? { limiter: new RateLimiter(opts.rateLimits) } : {}),
    ...(memo ? { memo: createCoreMemo() } : {}),
  };
  const tips = kb.entries.filter((e) => e.kind === 'tip');
  const rotate = <T>(items: T[], salt = 0): T | undefined => items[Math.abs(Math.floor(clock.now().getTime() / 60_000) + salt) % Math.max(1, items.length)];

  return {
    kb,
    problems,
    reply: (req) => coreReply(req, deps),
    tip(topic) {
      const t = resolveTopic(topic ?? '', kb, index, tips);
      const pool: Entry[] = t.entries.length ? t.entries : tips;
      const entry = rotate(pool) ?? kb.entries[0]!;
      const reply = answerFromEntry(entry, kb, t.note ? { notes: [t.note] } : {});
      return { reply, matchedTag: t.tag, fellBack: t.fellBack, note: t.note };
    },
    stretch(o = {}) {
      const entry =
        pickStretch(kb, { exclude: o.exclude ?? [], preferTags: o.tags ?? [], deskOnly: o.deskOnly ?? false, seed: clock.now().getTime() }) ??
        // Only the exclusions give way: a desk request still gets a desk routine.
        pickStretch(kb, { deskOnly: o.deskOnly ?? false, seed: clock.now().getTime() });
      if (!entry) throw new KnowledgeLoadError(['knowledge base has no stretch routines']);
      return answerFromEntry(entry, kb);
    },
    entry(id) {
      const e = kb.byId.get(id);
      return e ? answerFromEntry(e, kb) : null;
    },
    topics: () => [...kb.tags.keys()].filter((t) => tips.some((e) => e.tags.includes(t))),
  };
}
