import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { stemmer } from 'stemmer';
import { z } from 'zod';
import { softmaxInPlace } from './softmax.js';
import { normaliseText } from './triage.js';
import { err, ok, type Result } from '../common/result.js';
import { readCompactModel, saveCompactModel, type ModelWeights } from './model-cache.js';
export type { ModelWeights } from './model-cache.js';

/** What the second opinion can say; `none` never changes a reply. */
export const CLASSIFIER_LABELS = ['none', 'emergency', 'same_day', 'crisis'] as const;
export type ClassifierLabel = (typeof CLASSIFIER_LABELS)[number];

/**
 * knowledge/safety-model.json, written by `npm run train:safety` from the development half only: a
 * softmax (multinomial logistic) regression over the inputs of `classifierInput`, one weight per
 * label for each input kept. The weights are checked with a plain loop, not a schema per number:
 * the file loads on every `ask`.
 */
export const SafetyModelSchema = z.strictObject({
  version: z.literal(2),
  /** How the model was made, for people reading the file. */
  trainedOn: z.string(),
  /** The lowest probability of "some urgent label" (1 − P(none)) at which the reply is raised to urgent. */
  threshold: z.number().min(0).max(1),
  /**
   * A lower bar for the crisis label alone: a message under `threshold` whose probability of crisis
   * reaches this is raised to a tentative crisis reply (the crisis line, worded as a question).
   * Chosen by cross-validation like `threshold`, with its own small false-alarm budget.
   */
  crisisThreshold: z.number().min(0).max(1).optional(),
  /** Label order of `bias` and of every row of `weights`. */
  labels: z.tuple([z.literal('none'), z.literal('emergency'), z.literal('same_day'), z.literal('crisis')]),
  bias: z.array(z.number()).length(CLASSIFIER_LABELS.length),
  /** The inputs kept (names as `classifierInput` makes them). */
  inputs: z.custom<string[]>((v) => Array.isArray(v) && v.every((x) => typeof x === 'string'), 'expected a list of input names'),
  /** One weight per label for each input, in `inputs` order: weights[i * 4 + label]. */
  weights: z.custom<number[]>((v) => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x)), 'expected a list of numbers'),
}).refine((m) => m.weights.length === m.inputs.length * CLASSIFIER_LABELS.length, { message: 'weights: expected one weight per label for each input', path: ['weights'] });
export type SafetyModel = z.infer<typeof SafetyModelSchema>;

/**
 * `score` is the probability of some urgent label; `scores` the probability of each label.
 * `tentative`: raised to crisis by `crisisThreshold` alone, under the main threshold.
 */
export type SafetyVerdict = { label: ClassifierLabel; score: number; scores: Record<ClassifierLabel, number>; tentative?: true };

/** Words that deny what follows them in their clause ("no numbness", "never lost control"). */
const NEGATORS = new Set(['no', 'not', 'never', 'without', 'nothing', 'none', 'nor', 'neither', 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'arent', 'werent', 'havent', 'hasnt', 'hadnt', 'denies', 'denied', 'nope']);
/** Words that end a denial's reach as punctuation does ("no fever but my legs…"). */
const SCOPE_ENDS = new Set(['but', 'though', 'although', 'however', 'yet', 'except', 'actually', 'now']);
const MAX_SCOPE = 5;

/**
 * The inputs a message is read as, each group scaled to length 1 so that long messages and the many
 * character n-grams do not drown the rest:
 * - `w:` word stems, `!` before a stem inside a denial's reach ("no numbness" → `w:!numb`);
 * - `b:` pairs of neighbouring stems;
 * - `c:` character 3- to 5-grams of each word with its edges (`<numb>` → `<nu`, `numb>`…), which carry
 *   over to spellings and word forms never seen;
 * - `f:` the features triage found (safety.yaml), at full weight.
 */
export function classifierInput(text: string, features: readonly string[] = []): Map<string, number> {
  const tokens = normaliseText(text).match(/[a-z0-9]+|[.,;:!?()]/g) ?? [];
  const words: string[] = [];
  const unigrams = new Set<string>();
  let scope = 0;
  for (const t of tokens) {
    if (!/[a-z0-9]/.test(t) || SCOPE_ENDS.has(t)) {
      scope = 0;
      if (SCOPE_ENDS.has(t)) {
        words.push(t);
        unigrams.add(`w:${t}`);
      }
      continue;
    }
    const w = t.replace(/[0-9]/g, '0');
    words.push(w);
    const stem = stemmer(w);
    if (NEGATORS.has(w)) {
      unigrams.add(`w:${w}`);
      scope = MAX_SCOPE;
      continue;
    }
    unigrams.add(scope > 0 ? `w:!${stem}` : `w:${stem}`);
    if (scope > 0) scope--;
  }
  const bigrams = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) bigrams.add(`b:${stemmer(words[i]!)}_${stemmer(words[i + 1]!)}`);
  const chars = new Set<string>();
  for (const w of new Set(words)) {
    const padded = `<${w}>`;
    for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= padded.length; i++) chars.add(`c:${padded.slice(i, i + n)}`);
  }
  const input = new Map<string, number>();
  for (const group of [unigrams, bigrams, chars]) {
    const v = group.size ? 1 / Math.sqrt(group.size) : 0;
    for (const k of group) input.set(k, v);
  }
  for (const f of features) input.set(`f:${f}`, 1);
  return input;
}

/** A trained classifier that can only raise a message to urgent, never lower one. */
export class SafetyClassifier {
  /** Where each input's weights start in model.weights. */
  private readonly offsets = new Map<string, number>();
  constructor(private readonly model: ModelWeights) {
    model.inputs.forEach((name, i) => this.offsets.set(name, i * CLASSIFIER_LABELS.length));
  }

  /** Probabilities for each label; the verdict is `none` unless the urgent labels together reach the threshold, or crisis alone reaches the crisis threshold. */
  classify(text: string, features: readonly string[] = []): SafetyVerdict {
    const z = [...this.model.bias];
    for (const [k, v] of classifierInput(text, features)) {
      const at = this.offsets.get(k);
      if (at !== undefined) for (let c = 0; c < z.length; c++) z[c] = z[c]! + this.model.weights[at + c]! * v;
    }
    softmaxInPlace(z);
    const scores = Object.fromEntries(CLASSIFIER_LABELS.map((l, i) => [l, z[i]!])) as Record<ClassifierLabel, number>;
    let best: ClassifierLabel = 'emergency';
    for (const l of ['same_day', 'crisis'] as const) if (scores[l] > scores[best]) best = l;
    const score = 1 - scores.none;
    if (score >= this.model.threshold) return { label: best, score, scores };
    const ct = this.model.crisisThreshold;
    if (ct !== undefined && scores.crisis >= ct) return { label: 'crisis', score, scores, tentative: true };
    return { label: 'none', score, scores };
  }

  /** Crisis is the likeliest urgent label and, alone, reaches the main threshold (a rule's reply then gains the crisis reply). */
  isConfidentCrisis(v: SafetyVerdict): boolean {
    return v.scores.crisis >= this.model.threshold && v.scores.crisis >= v.scores.emergency && v.scores.crisis >= v.scores.same_day;
  }
}

export function loadSafetyModel(file: string): Result<SafetyClassifier, string> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return err(`${file}: could not be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  // The same file was read and checked before: its compact copy loads ~10 times faster.
  const key = createHash('sha1').update(bytes).digest('base64url');
  const compact = readCompactModel(key);
  if (compact) return ok(new SafetyClassifier(compact));
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return err(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = SafetyModelSchema.safeParse(json);
  if (!parsed.success) return err(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  saveCompactModel(key, parsed.data);
  return ok(new SafetyClassifier(parsed.data));
}
