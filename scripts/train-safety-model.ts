/**
 * npm run train:safety — builds knowledge/safety-model.json, the statistical second opinion beside
 * the safety rules, from the DEVELOPMENT half of the blind corpus only (plus team-written
 * non-urgent questions as negatives). The held-out half is never read here.
 *
 * The model is a softmax regression (src/core/softmax.ts) over word stems, pairs of stems,
 * character n-grams, denied words and triage's own features (classifierInput). Its settings and its
 * threshold are chosen by cross-validation over FOLDS groups of development writers: each fold's
 * writers are left out together, a model is trained on the rest, and the left-out messages are
 * scored as the reply path would use the classifier (never on what triage marks as an education
 * question). The threshold is the lowest at which the alarms the classifier adds on left-out
 * negatives stay within MAX_FALSE_ALARM_RATE of the left-out near-misses; the settings are those that
 * raise the most left-out urgent messages at their threshold.
 *
 * SAFETY_GRID=full tries more settings; the default is the chosen ones (see docs/safety.md).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadKnowledge } from '../src/knowledge/load.js';
import { CLASSIFIER_LABELS, SafetyClassifier, classifierInput, type ClassifierLabel, type SafetyModel } from '../src/core/safety-classifier.js';
import { trainSoftmax, predictSparse, type SparseSample, type SoftmaxWeights } from '../src/core/softmax.js';
import { assess, loadSafetyRules } from '../src/core/triage.js';
import { loadSafetySet, type SafetyItem } from '../test/eval/safety-lib.js';

const started = performance.now();
const root = fileURLToPath(new URL('../../', import.meta.url));
const rulesLoaded = loadSafetyRules(join(root, 'knowledge/safety.yaml'));
if (!rulesLoaded.ok) throw new Error(rulesLoaded.error.map((p) => p.message).join('\n'));
const rules = rulesLoaded.value;

const FOLDS = 5;
/** The rules use most of the 2 % false-alarm budget; the classifier may add at most this much. */
const MAX_FALSE_ALARM_RATE = 0.005;
/**
 * Under the main threshold, the crisis label alone may raise a tentative crisis reply at a lower bar:
 * a missed crisis message is the costliest miss, and the reply asks rather than assumes. Its bar may
 * add at most this much more.
 */
const MAX_CRISIS_FALSE_ALARM_RATE = 0.001;

type Kind = 'urgent' | 'near_miss' | 'education' | 'question' | 'team';
type Sample = { text: string; label: ClassifierLabel; fold: number | null; kind: Kind; turns?: string[] };

function labelOf(item: SafetyItem): ClassifierLabel {
  if (item.type === 'near_miss') return 'none';
  if (item.type === 'conversation' && item.tier === 'none') return 'none';
  if (item.concept.startsWith('crisis')) return 'crisis';
  return item.tier === 'same_day' ? 'same_day' : 'emergency';
}

const dev = loadSafetySet(join(root, 'test/eval/safety/dev.jsonl'));
// Writers into FOLDS groups of about equal size (largest first, each to the smallest group so far).
const perWriter = new Map<number, number>();
for (const d of dev) perWriter.set(d.writer, (perWriter.get(d.writer) ?? 0) + 1);
const writers = [...perWriter.keys()].sort((a, b) => a - b);
const foldOf = new Map<number, number>();
const foldSize = Array<number>(FOLDS).fill(0);
for (const w of [...writers].sort((a, b) => perWriter.get(b)! - perWriter.get(a)! || a - b)) {
  const f = foldSize.indexOf(Math.min(...foldSize));
  foldOf.set(w, f);
  foldSize[f]! += perWriter.get(w)!;
}

const samples: Sample[] = dev.map((item) => ({
  text: item.type === 'conversation' ? item.turns.join('. ') : item.text,
  label: labelOf(item),
  fold: foldOf.get(item.writer)!,
  kind: item.type === 'near_miss' ? (item.category === 'education-question' ? 'education' : 'near_miss') : item.type === 'conversation' ? (item.tier === 'none' ? 'near_miss' : 'urgent') : 'urgent',
  ...(item.type === 'conversation' ? { turns: item.turns } : {}),
}));
// Ordinary questions from the development half of the blind question set (test/eval/blind), as
// negatives that take part in cross-validation (spread over the folds): the threshold is also chosen
// against false alarms on everyday questions ("my dad says…").
// Every development file of that set up to writer L (dev, dev-c to dev-l); never its held-out file. Writers
// M to P are left out for now: as negatives they raised the threshold (0.484 -> 0.503 with M and N on
// 2026-12-01; 0.495 -> 0.540 with M to P on 2026-12-02) and cost rule-miss and crisis catches in
// cross-validation (9 of 631 and 4 of 422; then 4 of 750 and 3 of 533). A missed crisis costs more than an
// urgent reply to an ordinary question, so recall wins; the blind floors cap those replies per file.
['dev', 'dev-c', 'dev-d', 'dev-e', 'dev-f', 'dev-g', 'dev-h', 'dev-i', 'dev-j', 'dev-k', 'dev-l'].forEach((name) =>
  readFileSync(join(root, `test/eval/blind/${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .forEach((line, i) => {
      const q = JSON.parse(line) as { text?: string; turns?: string[] };
      for (const text of q.text ? [q.text] : (q.turns ?? [])) samples.push({ text, label: 'none', fold: i % FOLDS, kind: 'question' });
    }),
);
// Team-written questions (training only, in every fold).
for (const line of readFileSync(join(root, 'test/eval/questions.jsonl'), 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const q = JSON.parse(line) as { text: string; category: string; urgency?: string };
  samples.push({ text: q.text, label: q.category === 'urgent' ? (q.urgency === 'same_day' ? 'same_day' : 'emergency') : 'none', fold: null, kind: 'team' });
}
// The entries' own example questions, in file order (as the loader reads them).
const { kb } = loadKnowledge(join(root, 'knowledge'));
for (const e of [...kb.entries].sort((x, y) => x.file.localeCompare(y.file))) {
  for (const q of e.questions) samples.push({ text: q.trim(), label: 'none', fold: null, kind: 'team' });
}

// What triage makes of each sample: its features, whether a rule fires (a conversation turn by turn,
// the second turn with the first's features, as the reply path does) and whether it is read as an
// education question (the reply path never asks the classifier then).
const triaged = samples.map((s) => {
  if (!s.turns) {
    const a = assess(s.text, rules, {});
    return { features: a.features, ruleHit: a.hit !== null, education: a.education };
  }
  const a = assess(s.turns[0]!, rules, {});
  const b = assess(s.turns[1]!, rules, { prior: a.features });
  return { features: [...new Set([...a.features, ...b.features])].sort(), ruleHit: a.hit !== null || b.hit !== null, education: a.education && b.education };
});
console.log(`${samples.length} samples read and triaged in ${((performance.now() - started) / 1000).toFixed(0)} s`);

// Every input name gets an id; each sample becomes a sparse vector.
const ids = new Map<string, number>();
const names: string[] = [];
// SAFETY_DROP=c,f leaves groups of inputs out (c: character n-grams, f: triage features…), to measure what each adds.
const drop = new Set((process.env.SAFETY_DROP ?? '').split(',').filter(Boolean));
// Each setting's triage-feature weight (FEATURE_WEIGHTS) gets its own copy of the vectors, built once.
const vectorsFor = new Map<number, ReturnType<typeof vectorise>>();
function vectorise(featureWeight: number) {
  return samples.map((s, i) => {
  const input = new Map([...classifierInput(s.text, triaged[i]!.features)].filter(([k]) => !drop.has(k.slice(0, k.indexOf(':')))));
  const idx = new Int32Array(input.size);
  const values = new Float32Array(input.size);
  let j = 0;
  for (const [k, v] of input) {
    let id = ids.get(k);
    if (id === undefined) {
      id = names.length;
      ids.set(k, id);
      names.push(k);
    }
    idx[j] = id;
    values[j++] = k.startsWith('f:') ? v * featureWeight : v;
  }
  return { ids: idx, values };
  });
}
let vectors = vectorise(1);

type Settings = { l2: number; noneWeight: number; epochs: number; minCount: number; rate: number; featureWeight: number };

/** A model trained on the given samples; inputs seen in fewer than minCount of them are left out. */
function fit(which: number[], st: Settings): SoftmaxWeights {
  const count = new Int32Array(names.length);
  for (const i of which) for (const id of vectors[i]!.ids) count[id]!++;
  const train: SparseSample[] = which.map((i) => {
    const v = vectors[i]!;
    const keep = [...v.ids.keys()].filter((j) => count[v.ids[j]!]! >= st.minCount);
    return {
      ids: Int32Array.from(keep, (j) => v.ids[j]!),
      values: Float32Array.from(keep, (j) => v.values[j]!),
      label: CLASSIFIER_LABELS.indexOf(samples[i]!.label),
      weight: samples[i]!.label === 'none' ? st.noneWeight : 1,
    };
  });
  return trainSoftmax(train, { classes: CLASSIFIER_LABELS.length, inputs: names.length, epochs: st.epochs, rate: st.rate, l2: st.l2, seed: 7 });
}

/**
 * The weight table as it is written: each input's weights shifted to sum to zero over the labels
 * (softmax gives the same probabilities), rounded, and inputs whose weights all round to under
 * `min` dropped. Cross-validation scores pruned models too, so the threshold fits what ships.
 */
function prune(m: SoftmaxWeights, min: number, featureWeight: number): Pick<SafetyModel, 'bias' | 'inputs' | 'weights'> {
  const k = m.classes;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const inputs: string[] = [];
  const weights: number[] = [];
  for (let id = 0; id < names.length; id++) {
    // Triage features were read at featureWeight in training and are read at 1 by the classifier.
    const scale = names[id]!.startsWith('f:') ? featureWeight : 1;
    const row = Array.from(m.weights.subarray(id * k, id * k + k), (w) => w * scale);
    const mean = row.reduce((a, b) => a + b, 0) / k;
    const centred = row.map((w) => round(w - mean));
    if (!centred.some((w) => Math.abs(w) >= min)) continue;
    inputs.push(names[id]!);
    weights.push(...centred);
  }
  const bmean = Array.from(m.bias).reduce((a, b) => a + b, 0) / k;
  return { bias: Array.from(m.bias, (b) => round(b - bmean)), inputs, weights };
}

const PRUNE = Number(process.env.SAFETY_PRUNE ?? 0.08);
const all = samples.map((_, i) => i);
const nearMissN = samples.filter((s) => s.fold !== null && s.kind === 'near_miss').length;
const urgentN = samples.filter((s) => s.fold !== null && s.kind === 'urgent').length;
const budget = Math.floor(MAX_FALSE_ALARM_RATE * nearMissN);
const crisisBudget = Math.floor(MAX_CRISIS_FALSE_ALARM_RATE * nearMissN);

function useFeatureWeight(w: number) {
  if (!vectorsFor.has(w)) vectorsFor.set(w, vectorise(w));
  vectors = vectorsFor.get(w)!;
}

type Scored = { i: number; score: number; label: ClassifierLabel; crisis: number };
function crossValidate(st: Settings): Scored[] {
  const out: Scored[] = [];
  useFeatureWeight(st.featureWeight);
  for (let f = 0; f < FOLDS; f++) {
    const clf = new SafetyClassifier({ threshold: 0, ...prune(fit(all.filter((i) => samples[i]!.fold !== f), st), PRUNE, st.featureWeight) });
    for (const i of all.filter((j) => samples[j]!.fold === f)) {
      const v = clf.classify(samples[i]!.text, triaged[i]!.features);
      out.push({ i, score: v.score, label: v.label, crisis: v.scores.crisis });
    }
  }
  return out;
}

/** The lowest threshold within the false-alarm budget, and what the classifier catches there. */
function judge(scored: Scored[]) {
  // Only what the reply path would ask the classifier about, and what the rules did not already raise.
  const open = scored.filter((s) => !triaged[s.i]!.ruleHit && !triaged[s.i]!.education);
  const negatives = open.filter((s) => samples[s.i]!.label === 'none').map((s) => s.score).sort((a, b) => b - a);
  // Above the (budget+1)-th highest negative score, at most `budget` negatives are raised.
  const threshold = Math.min(0.999, (negatives[budget] ?? 0) + 1e-6);
  // The crisis bar: above the (crisisBudget+1)-th highest crisis probability among negatives still under the threshold.
  const crisisNegatives = open.filter((s) => samples[s.i]!.label === 'none' && s.score < threshold).map((s) => s.crisis).sort((a, b) => b - a);
  const crisisThreshold = Math.min(0.999, (crisisNegatives[crisisBudget] ?? 0) + 1e-6);
  const raised = (s: Scored) => s.score >= threshold || s.crisis >= crisisThreshold;
  const crisisRaised = (s: Scored) => (s.score >= threshold && s.label === 'crisis') || (s.score < threshold && s.crisis >= crisisThreshold);
  const crisisOpen = open.filter((s) => samples[s.i]!.label === 'crisis');
  const urgent = scored.filter((s) => samples[s.i]!.label !== 'none' && !triaged[s.i]!.education);
  const missedByRules = urgent.filter((s) => !triaged[s.i]!.ruleHit);
  const perFold = Array.from({ length: FOLDS }, (_, f) => {
    const u = scored.filter((s) => samples[s.i]!.fold === f && samples[s.i]!.label !== 'none');
    const m = u.filter((s) => !triaged[s.i]!.ruleHit);
    const near = scored.filter((s) => samples[s.i]!.fold === f && samples[s.i]!.kind === 'near_miss');
    return {
      fold: f,
      writers: writers.filter((w) => foldOf.get(w) === f),
      urgent: u.length,
      rules: u.length - m.length,
      withClassifier: 0,
      caughtOfMissed: m.filter((s) => !triaged[s.i]!.education && raised(s)).length,
      missed: m.length,
      alone: u.filter((s) => !triaged[s.i]!.education && raised(s)).length,
      nearMiss: near.length,
      rulesAlarms: near.filter((s) => triaged[s.i]!.ruleHit).length,
      addedAlarms: open.filter((s) => samples[s.i]!.fold === f && samples[s.i]!.label === 'none' && raised(s)).length,
    };
  });
  for (const p of perFold) p.withClassifier = p.rules + p.caughtOfMissed;
  return {
    threshold,
    crisisThreshold,
    crisis: { missed: crisisOpen.length, caught: crisisOpen.filter(crisisRaised).length, byBar: crisisOpen.filter((s) => s.score < threshold && s.crisis >= crisisThreshold).length },
    alone: urgent.filter(raised).length,
    caught: missedByRules.filter(raised).length,
    missed: missedByRules.length,
    addedAlarms: open.filter((s) => samples[s.i]!.label === 'none' && raised(s)).length,
    perFold,
  };
}

const DEFAULT: Settings = { l2: 3e-4, noneWeight: 4, epochs: 8, minCount: 2, rate: 0.5, featureWeight: 0.3 };
const grid: Settings[] =
  process.env.SAFETY_GRID === 'full'
    ? [0, 0.1, 0.3, 1].flatMap((featureWeight) => [1e-4, 3e-4].flatMap((l2) => [2, 4].map((noneWeight) => ({ ...DEFAULT, featureWeight, l2, noneWeight }))))
    : [DEFAULT];
let best: { st: Settings; j: ReturnType<typeof judge>; scored: Scored[] } | null = null;
for (const st of grid) {
  const t0 = performance.now();
  const scored = crossValidate(st);
  const j = judge(scored);
  console.log(
    `features×${st.featureWeight} l2 ${st.l2} none×${st.noneWeight} epochs ${st.epochs} minCount ${st.minCount}: threshold ${j.threshold.toFixed(3)}, alone ${j.alone}/${urgentN} (${((100 * j.alone) / urgentN).toFixed(1)}%), ` +
      `rules' misses caught ${j.caught}/${j.missed}, added alarms ${j.addedAlarms}/${nearMissN} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  );
  // The aim is what the rules miss: the most of their misses caught, then the most urgent messages alone.
  if (!best || j.caught > best.j.caught || (j.caught === best.j.caught && j.alone > best.j.alone)) best = { st, j, scored };
}
const { st, j } = best!;
// SAFETY_MISSES=1 lists, out of fold, the development crisis messages neither the rules nor the classifier
// placed and the near-misses the classifier raised (development half only: for finding general causes).
if (process.env.SAFETY_MISSES) {
  const open = best!.scored.filter((s) => !triaged[s.i]!.ruleHit && !triaged[s.i]!.education);
  const raised = (s: Scored) => s.score >= j.threshold || s.crisis >= j.crisisThreshold;
  for (const s of open.filter((x) => samples[x.i]!.label === 'crisis' && !(x.score >= j.threshold ? x.label === 'crisis' : x.crisis >= j.crisisThreshold)))
    console.log(`CRISIS MISS (crisis ${s.crisis.toFixed(2)}, urgent ${s.score.toFixed(2)}): ${samples[s.i]!.text}`);
  for (const s of open.filter((x) => samples[x.i]!.label === 'none' && raised(x)))
    console.log(`ALARM (${samples[s.i]!.kind}, ${s.label} ${s.score.toFixed(2)}): ${samples[s.i]!.text}`);
}
console.log(
  `crisis bar ${j.crisisThreshold.toFixed(3)}: of ${j.crisis.missed} crisis messages no rule placed, ${j.crisis.caught} get a crisis reply (${j.crisis.byBar} by the crisis bar alone)`,
);
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
console.log(`chosen: ${JSON.stringify(st)}, threshold ${j.threshold.toFixed(3)}`);
console.log('cross-validation by writer fold (urgent recall: rules alone -> with the classifier; near-miss alarms: rules + added):');
for (const p of j.perFold) {
  console.log(
    `  fold ${p.fold + 1} (writers ${p.writers.join(', ')}): ${p.urgent} urgent, rules ${pct(p.rules, p.urgent)} -> ${pct(p.withClassifier, p.urgent)} ` +
      `(+${p.caughtOfMissed} of ${p.missed} missed), classifier alone ${pct(p.alone, p.urgent)}; near-misses ${p.nearMiss}, alarms ${p.rulesAlarms} + ${p.addedAlarms}`,
  );
}

const model: SafetyModel = {
  version: 2,
  trainedOn: `softmax regression on the development half of test/eval/safety (writers ${writers.join(', ')}) plus team-written questions; settings ${JSON.stringify(st)}; thresholds by ${FOLDS}-fold cross-validation over writers; npm run train:safety`,
  threshold: Number(j.threshold.toFixed(4)),
  crisisThreshold: Number(j.crisisThreshold.toFixed(4)),
  labels: [...CLASSIFIER_LABELS],
  ...(useFeatureWeight(st.featureWeight), prune(fit(all, st), PRUNE, st.featureWeight)),
};
writeFileSync(join(root, 'knowledge/safety-model.json'), JSON.stringify(model) + '\n');
console.log(`wrote knowledge/safety-model.json (${samples.length} samples, ${model.inputs.length} inputs kept of ${names.length}) in ${((performance.now() - started) / 1000).toFixed(0)} s`);
