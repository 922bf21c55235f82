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

/**
 * Placeholders a message template may use. {why} only in the emergency and same_day templates;
 * {who} only in the templates for a report about someone else; {nudges} becomes the line about
 * pausing nudges where the surface has that command, and nothing elsewhere.
 */
export const PLACEHOLDERS = ['emergency', 'place', 'urgent_care', 'crisis_line', 'why', 'who', 'nudges'] as const;

const FeatureSchema = z.strictObject({
  /** Any of these patterns makes the feature present. */
  patterns: z.array(Pattern).min(1),
  /** Whether a negated mention ("no fever") counts as absent. False for facts like age or "back". */
  negatable: z.boolean().default(true),
  /** A match is excused when one of these occurs in the same sentence ("numb bum on a long drive"). */
  unless: z.array(Pattern).default([]),
});

/** What a region's urgent and crisis replies say: numbers and places that exist there. */
const RegionSchema = z.strictObject({
  /** Display name, for docs and errors. */
  name: z.string().min(2),
  /** The emergency number ("999"); EMERGENCY_NUMBER overrides it. */
  emergency: z.string().min(2),
  /** Where to go in an emergency ("A&E", "the emergency room"). */
  place: z.string().min(2),
  /** How to be seen today, as a sentence fragment after "please". */
  urgent_care: z.string().min(10),
  /** A direct crisis line for the region, as a whole sentence with its number. */
  crisis_line: z.string().min(10),
});
export const REGIONS = ['uk', 'ie', 'us', 'ca', 'au', 'nz', 'eu', 'other'] as const;
export type Region = (typeof REGIONS)[number];

const RuleSchema = z.strictObject({
  /** kebab-case, unique; reported as `ruleId` and counted, never logged with the message. */
  id: Name,
  /** Key into `groups`: decides the "why" sentence of the reply. */
  group: Name,
  /** emergency: emergency number or A&E now; same_day: a doctor today. */
  urgency: Urgency,
  /** Crisis or self-harm language: answered with the crisis message, never with back-pain content. */
  crisis: z.boolean().default(false),
  /**
   * Any match (not negated, not excused by `unless`) in the current message fires the rule. Without
   * patterns, the rule fires on its features alone, as long as one of them is in the current message.
   */
  patterns: z.array(Pattern).default([]),
  /** Features that must ALSO be present (all of them), in this message or earlier in the conversation. */
  requires: z.array(Name).default([]),
  /** At least one of these features must be present too (in this message or earlier). */
  any: z.array(Name).default([]),
  /** The rule does not fire when one of these features is in the current message ("fine now"). */
  none: z.array(Name).default([]),
  /**
   * Near-miss exclusions: a match is excused when one of these occurs in the same sentence; a rule
   * without patterns is excused when one occurs anywhere in the message.
   */
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
    version: z.literal(2),
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
    /**
     * Named concepts found on their own (a symptom, a body place, an onset, a mechanism, a person),
     * which rules combine. A conversation remembers which were present, never the words.
     */
    features: z.record(Name, FeatureSchema).default({}),
    /** A report about someone else: each pattern has a named group `who` ("dad", "wife"). */
    person: z.strictObject({
      others: z.array(Pattern).min(1),
      /** First-person words: with one of these too, the reply speaks to both ("you or your dad"). */
      self: z.array(Pattern).min(1),
    }),
    /** Numbers and wording per region (REGION setting). */
    regions: z.strictObject(Object.fromEntries(REGIONS.map((r) => [r, RegionSchema])) as Record<Region, typeof RegionSchema>),
    /** General questions about red flags ("what is cauda equina?") are answered, not triaged. */
    education: z.strictObject({
      /** Question forms that ask about a topic: "what is", "is … serious", "can X cause Y". */
      questions: z.array(Pattern).min(1),
      /** Plainly general wording ("hypothetically", "not me"): the question stays general even with "my" in it. */
      general: z.array(Pattern).default([]),
      /** Signs of a first-person report ("my", "i have", "since"): with one, the question is triaged. */
      first_person: z.array(Pattern).min(1),
      /** Features that mark a message as a general question whatever its form ("how do you ask someone if they're thinking about suicide? for our training"). */
      features: z.array(Name).default([]),
    }),
    /** Reply templates; placeholders in PLACEHOLDERS are filled in by triage. The first line is the heading. */
    messages: z.strictObject({
      /** Tier 1: emergency number or emergency department now. */
      emergency: z.string().min(40),
      /** Tier 1, about someone else. */
      emergency_other: z.string().min(40),
      /** Tier 2: a doctor today. */
      same_day: z.string().min(40),
      /** Tier 2, about someone else. */
      same_day_other: z.string().min(40),
      /** Crisis and self-harm language: warm, no back-pain content. */
      crisis: z.string().min(40),
      /** Crisis language about someone else. */
      crisis_other: z.string().min(40),
      /** What {nudges} becomes on surfaces with a nudge pause command. */
      nudges: z.string().min(10),
      /** Alarm words that no rule placed: a short safety net instead of an unrelated entry. */
      safety_net: z.string().min(40),
      /** Crisis language that neither the rules nor the classifier placed: the safety net with the crisis line. */
      crisis_net: z.string().min(40).default("I may be reading too much into this, but if you're having thoughts of ending your life or of not being around, please talk to someone now.\n{crisis_line}\nIf you might act on these thoughts, or someone else might, call {emergency} now.\nIf I've misread you, ask me again in other words."),
      /** Someone asks for a helpline number ("what's the samaritans number?"): the region's line, calmly, without an alarm. */
      crisis_info: z.string().min(40).default('{crisis_line}\nIf you or someone else might be in immediate danger, call {emergency} now.'),
    }),
    /** Typo repair before matching: words one edit from a keyword are read as it (src/core/spelling.ts). */
    spelling: z
      .strictObject({
        /** Red-flag words of six letters or more, spelt right. */
        keywords: z.array(z.string().regex(/^[a-z]{6,}$/, 'lowercase letters, six or more')).default([]),
        /** Real words that are one edit from a keyword and must never be changed ("ladder", "towels"). */
        leave: z.array(z.string().regex(/^[a-z]+$/)).default([]),
      })
      .default({ keywords: [], leave: [] }),
    /** Words that make a message alarming even when no rule places it (sudden, collapse, bleeding…). */
    alarm: z.array(Pattern).min(1),
    /** Features that are alarming too (their own `unless` already excuses "had a fever last month"). */
    alarm_features: z.array(Name).default([]),
    /** Crisis words that alarm even when no rule places them ("end it", "overdose"): the safety net then gives the crisis line. */
    crisis_alarm: z.array(Pattern).default([]),
    /** Crisis parts that alarm on their own (feeling a burden): the safety net then gives the crisis line. */
    crisis_alarm_features: z.array(Name).default([]),
    /** Features that calm an alarm word down ("couldn't feel my foot for a minute, fine now"). */
    alarm_unless: z.array(Name).default([]),
    /** An alarm feature that counts only with one of these beside it (fever alone, "my kid has a temperature", is not about backs). */
    alarm_context: z.record(Name, z.array(Name)).default({}),
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
    for (const [name, f] of Object.entries(s.features)) {
      f.patterns.forEach((p, i) => checkPattern(p, ['features', name, 'patterns', i]));
      f.unless.forEach((p, i) => checkPattern(p, ['features', name, 'unless', i]));
    }
    s.person.others.forEach((p, i) => {
      checkPattern(p, ['person', 'others', i]);
      if (!p.includes('(?<who>')) issue(['person', 'others', i], 'needs a named group (?<who>…)');
    });
    s.person.self.forEach((p, i) => checkPattern(p, ['person', 'self', i]));
    s.alarm.forEach((p, i) => checkPattern(p, ['alarm', i]));
    s.crisis_alarm.forEach((p, i) => checkPattern(p, ['crisis_alarm', i]));
    for (const key of ['alarm_features', 'crisis_alarm_features', 'alarm_unless'] as const) s[key].forEach((f, i) => { if (!s.features[f]) issue([key, i], `unknown feature "${f}"`); });
    s.education.features.forEach((f, i) => { if (!s.features[f]) issue(['education', 'features', i], `unknown feature "${f}"`); });
    for (const [f, ctx] of Object.entries(s.alarm_context)) for (const g of [f, ...ctx]) if (!s.features[g]) issue(['alarm_context', f], `unknown feature "${g}"`);
    s.education.questions.forEach((p, i) => checkPattern(p, ['education', 'questions', i]));
    s.education.first_person.forEach((p, i) => checkPattern(p, ['education', 'first_person', i]));
    s.education.general.forEach((p, i) => checkPattern(p, ['education', 'general', i]));

    for (const key of ['emergency', 'emergency_other', 'same_day', 'same_day_other', 'crisis', 'crisis_other', 'safety_net', 'crisis_info'] as const) {
      const template = s.messages[key];
      for (const [, name] of template.matchAll(/\{(\w+)\}/g)) {
        if (!(PLACEHOLDERS as readonly string[]).includes(name ?? '')) issue(['messages', key], `unknown placeholder {${name}}`);
      }
      const crisis = key.startsWith('crisis');
      if (!template.includes('{emergency}')) issue(['messages', key], 'must name the emergency number with {emergency}');
      if (!crisis && key !== 'safety_net' && !template.includes('{why}')) issue(['messages', key], 'must explain with {why}');
      if (crisis && template.includes('{why}')) issue(['messages', key], 'the crisis message takes no {why}');
      if (crisis && !template.includes('{crisis_line}')) issue(['messages', key], 'must name a direct line with {crisis_line}');
      if (key.endsWith('_other') && !template.includes('{who}')) issue(['messages', key], 'must say who it is about with {who}');
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
        if (!s.features[c]) issue(['rules', i, 'requires', j], `unknown feature "${c}"`);
      });
      r.none.forEach((c, j) => {
        if (!s.features[c]) issue(['rules', i, 'none', j], `unknown feature "${c}"`);
      });
      r.any.forEach((c, j) => {
        if (!s.features[c]) issue(['rules', i, 'any', j], `unknown feature "${c}"`);
      });
      if (r.patterns.length === 0 && r.requires.length + r.any.length === 0) issue(['rules', i], 'needs patterns or features');
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
