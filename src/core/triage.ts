import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { SafetyRulesSchema, expandPattern, type SafetyRule, type SafetyRules } from './safety-schema.js';
import { err, ok, type Result } from '../shared/result.js';

export { SafetyRulesSchema, type SafetyRules } from './safety-schema.js';

/** A red flag or crisis message found in a person's text, with the complete reply to send. */
export type TriageHit = { ruleId: string; group: string; urgency: 'emergency' | 'same_day'; crisis: boolean; message: string };
export type SafetyProblem = { file: string; path: string; message: string };

type CompiledRule = { rule: SafetyRule; patterns: RegExp[]; unless: RegExp[] };
type Compiled = {
  rules: CompiledRule[];
  contexts: Map<string, { patterns: RegExp[]; negatable: boolean }>;
  cues: RegExp[];
  boundaries: RegExp[];
  questions: RegExp[];
  firstPerson: RegExp[];
  windowSize: number;
};

/** Sentences end at these; `unless` exclusions only look inside the sentence of a match. */
const SENTENCE_ENDS = '.!?;';
/** How far back (characters) negation looks; the word window is applied inside this slice. */
const NEGATION_REACH = 120;
const RANK = { crisis: 0, emergency: 1, same_day: 2 } as const;

/**
 * Lowercase, straight quotes, apostrophes dropped ("can't" and "cant" read the same), hyphens inside
 * words as spaces ("cross-legged"), line breaks as sentence ends, whitespace collapsed. Patterns in
 * safety.yaml are written against this form.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u2018\u2019\u201b\u2032`´]/g, "'")
    .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
    .replace(/'/g, '')
    .replace(/(?<=\w)[-\u2010\u2011](?=\w)/g, ' ')
    .replace(/\s*[\r\n]+\s*/g, '. ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Check the text for red flags and crisis language; null when none fires. Pure; never throws on text. */
export function triage(text: string, rules: SafetyRules, opts: { emergencyNumber?: string } = {}): TriageHit | null {
  const t = normaliseText(text);
  if (t === '') return null;
  const c = compile(rules);
  const education = c.questions.some((q) => has(t, q)) && !c.firstPerson.some((q) => has(t, q));

  for (const r of c.rules) {
    if (education && !r.rule.crisis) continue;
    if (!r.rule.requires.every((name) => contextPresent(t, c, name))) continue;
    if (!r.patterns.some((p) => firesIn(t, p, r, c))) continue;
    return {
      ruleId: r.rule.id,
      group: r.rule.group,
      urgency: r.rule.urgency,
      crisis: r.rule.crisis,
      message: renderMessage(rules, r.rule, opts.emergencyNumber),
    };
  }
  return null;
}

/** Parse and validate safety.yaml text; problems name the file and the path inside it. */
export function parseSafetyRules(yamlText: string, file: string): Result<SafetyRules, SafetyProblem[]> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return err(doc.errors.map((e) => ({ file, path: `line ${lineCounter.linePos(e.pos[0]).line}`, message: e.message })));
  }
  const parsed = SafetyRulesSchema.safeParse(doc.toJS());
  if (parsed.success) return ok(parsed.data);
  return err(parsed.error.issues.map((i) => ({ file, path: formatPath(i.path), message: i.message })));
}

/** Read and parse a safety.yaml file. */
export function loadSafetyRules(file: string): Result<SafetyRules, SafetyProblem[]> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return err([{ file, path: '(root)', message: `could not be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }]);
  }
  return parseSafetyRules(text, file);
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

function renderMessage(rules: SafetyRules, rule: SafetyRule, emergencyNumber: string | undefined): string {
  const m = rules.messages;
  const number = emergencyNumber?.trim();
  const template = rule.crisis ? m.crisis : m[rule.urgency];
  const values: Record<string, string> = {
    emergency: number || m.emergency_fallback,
    emergency_examples: number ? '' : m.emergency_examples,
    why: rules.groups[rule.group]?.why ?? '',
  };
  return template
    .replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A match fires unless a cue negates it or an `unless` pattern excuses its sentence. */
function firesIn(t: string, pattern: RegExp, r: CompiledRule, c: Compiled): boolean {
  for (const m of t.matchAll(pattern)) {
    const start = m.index;
    if (r.rule.negatable && negated(t, start, c)) continue;
    if (r.unless.length > 0) {
      const sentence = sentenceAround(t, start, start + m[0].length);
      if (r.unless.some((u) => has(sentence, u))) continue;
    }
    return true;
  }
  return false;
}

function contextPresent(t: string, c: Compiled, name: string): boolean {
  const ctx = c.contexts.get(name);
  if (!ctx) return false;
  return ctx.patterns.some((p) => {
    for (const m of t.matchAll(p)) if (!ctx.negatable || !negated(t, m.index, c)) return true;
    return false;
  });
}

/** Is there a negation cue among the last few words of the clause before `start`? */
function negated(t: string, start: number, c: Compiled): boolean {
  let before = t.slice(Math.max(0, start - NEGATION_REACH), start);
  let clauseStart = 0;
  for (const b of c.boundaries) for (const m of before.matchAll(b)) clauseStart = Math.max(clauseStart, m.index + m[0].length);
  before = before.slice(clauseStart);
  const words = before.trim().split(' ').filter(Boolean);
  const window = words.slice(-c.windowSize).join(' ');
  return window !== '' && c.cues.some((cue) => has(window, cue));
}

function sentenceAround(t: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !SENTENCE_ENDS.includes(t.charAt(from - 1))) from--;
  let to = end;
  while (to < t.length && !SENTENCE_ENDS.includes(t.charAt(to))) to++;
  return t.slice(from, to);
}

// String.search ignores the g flag and lastIndex, so one shared 'gi' RegExp serves both uses.
const has = (text: string, re: RegExp) => text.search(re) !== -1;

const cache = new WeakMap<SafetyRules, Compiled>();

function compile(rules: SafetyRules): Compiled {
  const hit = cache.get(rules);
  if (hit) return hit;
  const re = (source: string) => {
    const expanded = expandPattern(source, rules.fragments);
    // The schema already rejected unknown fragments and invalid patterns; this is a bug if it throws.
    if (!expanded.ok) throw new Error(`safety rules were not validated: ${expanded.message}`);
    return new RegExp(expanded.source, 'gi');
  };
  const ordered = rules.rules
    .map((rule, index) => ({ rule, index }))
    .sort((a, b) => rank(a.rule) - rank(b.rule) || a.index - b.index);
  const compiled: Compiled = {
    rules: ordered.map(({ rule }) => ({ rule, patterns: rule.patterns.map(re), unless: rule.unless.map(re) })),
    contexts: new Map(Object.entries(rules.contexts).map(([name, ctx]) => [name, { patterns: ctx.patterns.map(re), negatable: ctx.negatable }])),
    cues: rules.negation.cues.map(re),
    boundaries: rules.negation.boundaries.map(re),
    questions: rules.education.questions.map(re),
    firstPerson: rules.education.first_person.map(re),
    windowSize: rules.negation.window,
  };
  cache.set(rules, compiled);
  return compiled;
}

const rank = (r: SafetyRule) => (r.crisis ? RANK.crisis : RANK[r.urgency]);
