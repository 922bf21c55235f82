/**
 * npm run train:safety — builds knowledge/safety-model.json, the statistical second opinion beside
 * the safety rules, from the DEVELOPMENT half of the blind corpus only (plus team-written
 * non-urgent questions as negatives). The held-out half is never read here.
 *
 * The threshold is chosen by leave-one-writer-out cross-validation on the development half: the
 * lowest threshold whose raised messages include no near-miss of the left-out writer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadKnowledge } from '../src/knowledge/load.js';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { NeuralNetwork as NN } from '../src/core/neural.js';
import type { NeuralJson } from '@nlpjs/neural';
import { CLASSIFIER_LABELS, SafetyClassifier, classifierInput, type ClassifierLabel, type SafetyModel } from '../src/core/safety-classifier.js';
import { assess, loadSafetyRules } from '../src/core/triage.js';
import { loadSafetySet, type SafetyItem } from '../test/eval/safety-lib.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rulesLoaded = loadSafetyRules(join(root, 'knowledge/safety.yaml'));
if (!rulesLoaded.ok) throw new Error(rulesLoaded.error.map((p) => p.message).join('\n'));
const rules = rulesLoaded.value;

type Sample = { text: string; label: ClassifierLabel; writer: number | null; nearMiss: boolean };

function labelOf(item: SafetyItem): ClassifierLabel {
  if (item.type === 'near_miss') return 'none';
  if (item.type === 'conversation' && item.tier === 'none') return 'none';
  if (item.concept.startsWith('crisis')) return 'crisis';
  return item.tier === 'same_day' ? 'same_day' : 'emergency';
}

const dev = loadSafetySet(join(root, 'test/eval/safety/dev.jsonl'));
const samples: Sample[] = dev.map((item) => ({
  text: item.type === 'conversation' ? item.turns.join('. ') : item.text,
  label: labelOf(item),
  writer: item.writer,
  nearMiss: item.type === 'near_miss' || (item.type === 'conversation' && item.tier === 'none'),
}));
// Ordinary questions from the development half of the blind question set (test/eval/blind), as
// negatives that take part in cross-validation: each is held out with one of the writers' folds, so
// the threshold is also chosen against false alarms on everyday questions ("my dad says…").
const devWriters = [...new Set(dev.map((d) => d.writer))];
readFileSync(join(root, 'test/eval/blind/dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .forEach((line, i) => {
    const q = JSON.parse(line) as { text: string };
    samples.push({ text: q.text, label: 'none', writer: devWriters[i % devWriters.length] ?? null, nearMiss: true });
  });
// Team-written questions that are not red flags, as extra negatives.
for (const line of readFileSync(join(root, 'test/eval/questions.jsonl'), 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const q = JSON.parse(line) as { text: string; category: string; urgency?: string };
  if (q.category === 'urgent') samples.push({ text: q.text, label: q.urgency === 'same_day' ? 'same_day' : 'emergency', writer: null, nearMiss: false });
  else samples.push({ text: q.text, label: 'none', writer: null, nearMiss: q.category === 'near_miss' });
}
// The entries' own example questions, in file order (as the loader reads them).
const { kb } = loadKnowledge(join(root, 'knowledge'));
for (const e of [...kb.entries].sort((x, y) => x.file.localeCompare(y.file))) {
  for (const q of e.questions) samples.push({ text: q.trim(), label: 'none', writer: null, nearMiss: false });
}

const features = (text: string) => assess(text, rules, {}).features;
const corpus = (xs: Sample[]) => xs.map((s) => ({ input: classifierInput(s.text, features(s.text)), output: { [s.label]: 1 } }));
const SETTINGS = { iterations: 400, log: false };

function train(xs: Sample[]) {
  const net = new NN(SETTINGS);
  net.train(corpus(xs));
  return net.toJSON();
}

// Leave one development writer out; record the scores the model gives that writer's messages.
const writers = [...new Set(dev.map((d) => d.writer))];
const held: { sample: Sample; best: number; none: number; ruleHit: boolean }[] = [];
for (const w of writers) {
  const model: SafetyModel = { version: 1, trainedOn: 'cv', threshold: 0, margin: 0, network: train(samples.filter((s) => s.writer !== w)) };
  const clf = new SafetyClassifier(model);
  for (const s of samples.filter((x) => x.writer === w)) {
    const v = clf.classify(s.text, features(s.text));
    const best = Math.max(...CLASSIFIER_LABELS.filter((l) => l !== 'none').map((l) => v.scores[l]));
    held.push({ sample: s, best, none: v.scores.none, ruleHit: assess(s.text, rules, {}).hit !== null });
  }
}
// Pick the threshold: the most urgent messages the rules missed caught, while the near-misses of
// left-out writers raised stay under MAX_FALSE_ALARM_RATE (the issue allows 2 % in all; the rules
// keep most of that budget).
const MAX_FALSE_ALARM_RATE = 0.005;
const nearMisses = held.filter((h) => h.sample.writer !== null && h.sample.label === 'none').length;
let choice = { threshold: 1, margin: 0.2, caught: 0, falseAlarms: 0 };
for (const margin of [0, 0.1, 0.2, 0.3]) {
  for (let t = 0.1; t <= 1.2; t += 0.05) {
    // Judged on every message of the left-out writer, not only the rules' misses: the rules were
    // written against these writers, so their misses here understate what unseen writers bring.
    const raised = held.filter((h) => h.best >= t && h.best - h.none >= margin);
    const falseAlarms = raised.filter((h) => h.sample.label === 'none').length;
    const caught = raised.filter((h) => h.sample.label !== 'none').length;
    if (process.env.VERBOSE) console.log(`threshold ${t.toFixed(2)} margin ${margin}: caught ${caught}, false alarms ${falseAlarms}`);
    if (falseAlarms <= MAX_FALSE_ALARM_RATE * nearMisses && caught > choice.caught) choice = { threshold: Number(t.toFixed(2)), margin, caught, falseAlarms };
  }
}
const missed = held.filter((h) => !h.ruleHit && h.sample.label !== 'none').length;
const urgentHeld = held.filter((h) => h.sample.label !== 'none').length;
console.log(`cross-validation by writer: the classifier alone at threshold ${choice.threshold}, margin ${choice.margin} raises ${choice.caught}/${urgentHeld} urgent messages with ${choice.falseAlarms}/${nearMisses} near-miss false alarms (the rules missed ${missed} of them in-sample)`);

/**
 * Drop inputs whose weights are near zero for every label, and round the rest: the file loads on
 * every `ask`, which must answer in under a second, and these inputs cannot move a verdict.
 */
function prune(json: NeuralJson, min = 0.02): NeuralJson {
  const features = json.features ?? [];
  const perceptrons = json.perceptrons ?? [];
  const keep = features.map((_, i) => perceptrons.some((w) => Math.abs(w[i] ?? 0) >= min));
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    ...json,
    features: features.filter((_, i) => keep[i]),
    perceptrons: perceptrons.map((w) => [...w.slice(0, features.length).filter((_, i) => keep[i]).map(round), round(w[features.length] ?? 0)]),
  };
}

const model: SafetyModel = {
  version: 1,
  trainedOn: `development half of test/eval/safety (writers ${writers.join(', ')}) plus team-written non-urgent questions; npm run train:safety`,
  threshold: choice.threshold,
  margin: choice.margin,
  network: prune(train(samples)),
};
writeFileSync(join(root, 'knowledge/safety-model.json'), JSON.stringify(model) + '\n');
console.log(`wrote knowledge/safety-model.json (${samples.length} samples)`);
