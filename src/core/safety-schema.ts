import { z } from 'zod';
import { Urgency } from './reply-schema.js';

/** kebab-case name of a rule, group or context. */
const Name = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected kebab-case (a-z, 0-9 and single dashes)');
/** snake_case name of a fragment, referenced in patterns as {{name}}. */
const FragmentName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected snake_case (a-z, 0-9 and _)');

/**
 * A regular expression source, matched case-insensitively against normalised text (lowercase,
 * apostrophes removed, whitespace collapsed), so write `cant`, not `can't`. May use {{fragment}}.
 */
const Pattern = z.string().min(1);

/** Placeholders a message template may use; {why} only in the emergency and same_day templates. */
export const PLACEHOLDERS = ['emergency', 'emergency_examples', 'why'] as const;

const ContextSchema = z.strictObject({
  /** Any of these patterns makes the context present. */
  patterns: z.array(Pattern).min(1),
  /** Whether a negated mention ("no fever") counts as absent. False for facts like age or "back". */
  negatable: z.boolean().default(true),
});

const RuleSchema = z.strictObject({
  /** kebab-case, unique; reported as `ruleId` and counted, never logged with the message. */
  id: Name,
  /** Key into `groups`: decides the "why" sentence of the reply. */
  group: Name,
  /** emergency: emergency number or A&E now; same_day: a doctor today. */
  urgency: Urgency,
  /** Crisis or self-harm language: answered with the crisis message, never with back-pain content. */
  crisis: z.boolean().default(false),
  /** Any match (not negated, not excused by `unless`) fires the rule. */
  patterns: z.array(Pattern).min(1),
  /** Context names that must ALSO be present somewhere in the text (all of them). */
  requires: z.array(Name).default([]),
  /** Near-miss exclusions: a match is excused when one of these occurs in the same sentence. */
  unless: z.array(Pattern).default([]),
  /** Whether a negation cue just before a match ("no", "not", "without") cancels it. */
  negatable: z.boolean().default(true),
});

const GroupSchema = z.strictObject({
  /** One or two sentences on why this needs checking, without naming a diagnosis. */
  why: z.string().min(10).max(300).optional(),
});

/** knowledge/safety.yaml: the red-flag and crisis rules that run before any retrieval. */
export const SafetyRulesSchema = z
  .strictObject({
    /** Format version of this file. */
    version: z.literal(1),
    /** Reusable regex pieces, referenced in patterns as {{name}}; fragments may use other fragments. */
    fragments: z.record(FragmentName, Pattern).default({}),
    /** How negation is detected in the words just before a match. */
    negation: z.strictObject({
      /** How many words before a match are searched for a cue. */
      window: z.number().int().min(1).max(10),
      /** Patterns that negate what follows: "no", "not", "without", "never"… */
      cues: z.array(Pattern).min(1),
      /** Where a clause starts again ("but", ". "): cues before a boundary do not count. */
      boundaries: z.array(Pattern).min(1),
    }),
    /** Named pattern sets that rules can `require` (e.g. "back" for fever, an age for a minor fall). */
    contexts: z.record(Name, ContextSchema).default({}),
    /** General questions about red flags ("what is cauda equina?") are answered, not triaged. */
    education: z.strictObject({
      /** Question forms that ask about a topic: "what is", "is … serious", "can X cause Y". */
      questions: z.array(Pattern).min(1),
      /** Signs of a first-person report ("my", "i have", "since"): with one, the question is triaged. */
      first_person: z.array(Pattern).min(1),
    }),
    /** Reply templates; {emergency}, {emergency_examples} and {why} are filled in by triage. */
    messages: z.strictObject({
      /** Tier 1: emergency number or A&E now. */
      emergency: z.string().min(40),
      /** Tier 2: a doctor today. */
      same_day: z.string().min(40),
      /** Crisis and self-harm language: warm, no back-pain content. */
      crisis: z.string().min(40),
      /** What {emergency} becomes when no number is configured. */
      emergency_fallback: z.string().min(3),
      /** What {emergency_examples} becomes when no number is configured (empty when one is). */
      emergency_examples: z.string(),
    }),
    /** Rule groups; every non-crisis group needs a `why`. */
    groups: z.record(Name, GroupSchema),
    /** The rules; when several fire, crisis beats emergency beats same_day, then file order. */
    rules: z.array(RuleSchema).min(1),
  })
  .superRefine((s, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const checkPattern = (source: string, path: (string | number)[]) => {
      const expanded = expandPattern(source, s.fragments);
      if (!expanded.ok) return issue(path, expanded.message);
      const risky = backtrackingRisk(expanded.source);
      if (risky) return issue(path, risky);
      try {
        new RegExp(expanded.source, 'gi');
      } catch (e) {
        issue(path, `invalid regular expression: ${(e as Error).message}`);
      }
    };

    for (const [name, source] of Object.entries(s.fragments)) checkPattern(source, ['fragments', name]);
    s.negation.cues.forEach((p, i) => checkPattern(p, ['negation', 'cues', i]));
    s.negation.boundaries.forEach((p, i) => checkPattern(p, ['negation', 'boundaries', i]));
    for (const [name, c] of Object.entries(s.contexts)) c.patterns.forEach((p, i) => checkPattern(p, ['contexts', name, 'patterns', i]));
    s.education.questions.forEach((p, i) => checkPattern(p, ['education', 'questions', i]));
    s.education.first_person.forEach((p, i) => checkPattern(p, ['education', 'first_person', i]));

    for (const key of ['emergency', 'same_day', 'crisis'] as const) {
      const template = s.messages[key];
      for (const [, name] of template.matchAll(/\{(\w+)\}/g)) {
        if (!(PLACEHOLDERS as readonly string[]).includes(name ?? '')) issue(['messages', key], `unknown placeholder {${name}}`);
      }
      if (!template.includes('{emergency}')) issue(['messages', key], 'must name the emergency number with {emergency}');
      if (key !== 'crisis' && !template.includes('{why}')) issue(['messages', key], 'must explain with {why}');
      if (key === 'crisis' && template.includes('{why}')) issue(['messages', key], 'the crisis message takes no {why}');
    }

    const ids = new Set<string>();
    const groupTier = new Map<string, string>();
    s.rules.forEach((r, i) => {
      if (ids.has(r.id)) issue(['rules', i, 'id'], `duplicate rule id "${r.id}"`);
      ids.add(r.id);
      const group = s.groups[r.group];
      if (!group) issue(['rules', i, 'group'], `unknown group "${r.group}"`);
      else if (!r.crisis && !group.why) issue(['groups', r.group, 'why'], `needed by rule "${r.id}"`);
      if (r.crisis && r.urgency !== 'emergency') issue(['rules', i, 'urgency'], 'crisis rules are emergencies');
      const tier = `${r.urgency}/${r.crisis}`;
      const seen = groupTier.get(r.group);
      if (seen && seen !== tier) issue(['rules', i, 'urgency'], `group "${r.group}" mixes tiers (${seen} and ${tier})`);
      groupTier.set(r.group, tier);
      r.requires.forEach((c, j) => {
        if (!s.contexts[c]) issue(['rules', i, 'requires', j], `unknown context "${c}"`);
      });
      r.patterns.forEach((p, j) => checkPattern(p, ['rules', i, 'patterns', j]));
      r.unless.forEach((p, j) => checkPattern(p, ['rules', i, 'unless', j]));
    });
  });
export type SafetyRules = z.infer<typeof SafetyRulesSchema>;
export type SafetyRule = SafetyRules['rules'][number];

/** Replace {{name}} with its fragment (fragments may nest, up to a few levels). */
export function expandPattern(source: string, fragments: Record<string, string>): { ok: true; source: string } | { ok: false; message: string } {
  let out = source;
  for (let depth = 0; depth < 5; depth++) {
    let missing: string | undefined;
    out = out.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      const f = fragments[name];
      if (f === undefined) missing = name;
      return f ?? '';
    });
    if (missing) return { ok: false, message: `unknown fragment {{${missing}}}` };
    if (!out.includes('{{')) return { ok: true, source: out };
  }
  return { ok: false, message: 'fragments nest more than 5 levels deep (a fragment refers to itself?)' };
}

/**
 * Cheap guard against catastrophic backtracking on long messages: forbid unbounded wildcards
 * (`.*`, `.+`, `[^.]*`) and a quantified group that itself contains `*` or `+`. Bounded gaps such
 * as `[^.!?]{0,30}` keep every pattern linear in the length of the text.
 */
function backtrackingRisk(source: string): string | null {
  if (/(?:^|[^\\])(?:\.|\[[^\]]*\])[*+]/.test(source)) return 'unbounded wildcard (.* or [..]+); use a bounded gap such as [^.!?]{0,30}';
  if (/\((?:[^()\\]|\\.)*[*+](?:[^()\\]|\\.)*\)[*+{]/.test(source)) return 'nested quantifier, e.g. (a+)+; it can backtrack catastrophically';
  return null;
}
