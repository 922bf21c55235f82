import { readFileSync } from 'node:fs';
import { stemmer } from 'stemmer';
import { z } from 'zod';
import type { NeuralJson, NeuralNetwork as NeuralNetworkType } from '@nlpjs/neural';
import { NeuralNetwork } from './neural.js';
import { normaliseText } from './triage.js';
import { err, ok, type Result } from '../common/result.js';


/** What the second opinion can say; `none` never changes a reply. */
export const CLASSIFIER_LABELS = ['none', 'emergency', 'same_day', 'crisis'] as const;
export type ClassifierLabel = (typeof CLASSIFIER_LABELS)[number];

/** knowledge/safety-model.json, written by `npm run train:safety` from the development half only. */
export const SafetyModelSchema = z.strictObject({
  version: z.literal(1),
  /** How the model was made, for people reading the file. */
  trainedOn: z.string(),
  /** The lowest score at which a label other than `none` raises a reply to urgent. */
  threshold: z.number().min(0).max(2),
  /** How far a label's score must beat `none`'s. */
  margin: z.number().min(0).max(2),
  network: z.custom<NeuralJson>((v) => typeof v === 'object' && v !== null && 'perceptrons' in v, 'expected a trained network'),
});
export type SafetyModel = z.infer<typeof SafetyModelSchema>;

export type SafetyVerdict = { label: ClassifierLabel; score: number; scores: Record<ClassifierLabel, number> };

/** The words a message is read as: stems and pairs of stems, plus the triage features it showed. */
export function classifierInput(text: string, features: readonly string[] = []): Record<string, number> {
  const words = normaliseText(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => stemmer(w));
  const input: Record<string, number> = {};
  for (let i = 0; i < words.length; i++) {
    input[words[i]!] = 1;
    if (i + 1 < words.length) input[`${words[i]}_${words[i + 1]}`] = 1;
  }
  for (const f of features) input[`feature:${f}`] = 1;
  return input;
}

/** A trained classifier that can only raise a message to urgent, never lower one. */
export class SafetyClassifier {
  private readonly net: NeuralNetworkType;
  constructor(private readonly model: SafetyModel) {
    this.net = new NeuralNetwork();
    this.net.fromJSON(model.network);
  }

  /** Scores for each label; the verdict is `none` unless another label clears the threshold and the margin. */
  classify(text: string, features: readonly string[] = []): SafetyVerdict {
    const raw = this.net.run(classifierInput(text, features)) ?? {};
    const scores = Object.fromEntries(CLASSIFIER_LABELS.map((l) => [l, raw[l] ?? 0])) as Record<ClassifierLabel, number>;
    let best: ClassifierLabel = 'none';
    for (const l of CLASSIFIER_LABELS) if (l !== 'none' && scores[l] > (best === 'none' ? -Infinity : scores[best])) best = l;
    const score = scores[best];
    const raised = score >= this.model.threshold && score - scores.none >= this.model.margin;
    return { label: raised ? best : 'none', score, scores };
  }
}

export function loadSafetyModel(file: string): Result<SafetyClassifier, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return err(`${file}: could not be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = SafetyModelSchema.safeParse(json);
  if (!parsed.success) return err(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return ok(new SafetyClassifier(parsed.data));
}
