import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assistantFrom } from '../../../src/core/assistant.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import { CLASSIFIER_LABELS, SafetyClassifier, classifierInput, loadSafetyModel, type SafetyModel } from '../../../src/core/safety-classifier.js';
import { predictSparse, seededRandom, trainSoftmax, type SparseSample } from '../../../src/core/softmax.js';
import { loadSafetyRules } from '../../../src/core/triage.js';
import { readCompactModel } from '../../../src/core/model-cache.js';

const knowledge = fileURLToPath(new URL('../../../knowledge', import.meta.url));

describe('softmax regression', () => {
  // Two inputs, three classes: class = which input is on (2 when neither).
  const toy: SparseSample[] = [];
  const random = seededRandom(3);
  for (let i = 0; i < 300; i++) {
    const r = random();
    const label = r < 0.33 ? 0 : r < 0.66 ? 1 : 2;
    const on = label === 2 ? [] : [label];
    toy.push({ ids: Int32Array.from([...on, 2]), values: Float32Array.from([...on.map(() => 1), 1]), label, weight: 1 });
  }

  it('learns a separable problem and gives probabilities that sum to 1', () => {
    const m = trainSoftmax(toy, { classes: 3, inputs: 3, epochs: 5 });
    for (const [on, label] of [[[0], 0], [[1], 1], [[], 2]] as const) {
      const p = predictSparse(m, Int32Array.from([...on, 2]), Float32Array.from([...on.map(() => 1), 1]));
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      expect(p.indexOf(Math.max(...p))).toBe(label);
      expect(p[label]!).toBeGreaterThan(0.8);
    }
  });

  it('is repeatable with the same seed', () => {
    const a = trainSoftmax(toy, { classes: 3, inputs: 3, epochs: 2, seed: 5 });
    const b = trainSoftmax(toy, { classes: 3, inputs: 3, epochs: 2, seed: 5 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
  });

  it('weights a class up when its examples count more', () => {
    // The same input seen as class 0 and class 1 equally often: the heavier class wins.
    const tie: SparseSample[] = Array.from({ length: 100 }, (_, i) => ({ ids: Int32Array.from([0]), values: Float32Array.from([1]), label: i % 2, weight: i % 2 ? 3 : 1 }));
    const p = predictSparse(trainSoftmax(tie, { classes: 2, inputs: 1, epochs: 5 }), Int32Array.from([0]), Float32Array.from([1]));
    expect(p[1]!).toBeGreaterThan(0.65);
  });
});

describe('classifierInput', () => {
  const keys = (text: string, features: string[] = []) => [...classifierInput(text, features).keys()];

  it('reads stems, pairs, character n-grams and triage features', () => {
    const k = keys('Numbness in my legs', ['numbness']);
    expect(k).toEqual(expect.arrayContaining(['w:numb', 'w:leg', 'b:numb_in', 'c:<nu', 'c:numbn', 'c:ess>', 'f:numbness']));
  });

  it('marks words inside a denial, until punctuation or "but"', () => {
    expect(keys('no numbness')).toContain('w:!numb');
    expect(keys('no numbness')).not.toContain('w:numb');
    expect(keys("I don't have a fever, numbness in my legs")).toEqual(expect.arrayContaining(['w:!fever', 'w:numb']));
    expect(keys('no fever but numbness')).toEqual(expect.arrayContaining(['w:!fever', 'w:numb']));
    // The reach of a denial is a few words at most.
    expect(keys('no idea why but whatever the case my legs went numb')).toContain('w:numb');
    expect(keys('never had this before and now both legs are numb')).toContain('w:numb');
  });

  it('reads typing variants alike where it can (accents, apostrophes, digits)', () => {
    expect(keys('fièvre')).toContain('c:<fi');
    expect(keys("can't pee")).toEqual(keys('cant pee'));
    expect(keys('3 days')).toEqual(keys('7 days'));
  });

  it('scales each group to length 1; triage features count in full', () => {
    const input = classifierInput('my legs went numb today', ['numbness']);
    for (const prefix of ['w:', 'b:', 'c:']) {
      const norm = Math.sqrt([...input].filter(([k]) => k.startsWith(prefix)).reduce((a, [, v]) => a + v * v, 0));
      expect(norm).toBeCloseTo(1, 6);
    }
    expect(input.get('f:numbness')).toBe(1);
  });

  it('gives nothing for an empty message', () => {
    expect(classifierInput('').size).toBe(0);
  });
});

/** A hand-made model: "numb" points to emergency, "sad" to crisis, "fever" to same-day. */
function tinyModel(threshold: number): SafetyModel {
  return {
    version: 2,
    trainedOn: 'test',
    threshold,
    labels: [...CLASSIFIER_LABELS],
    bias: [2, 0, 0, 0],
    inputs: ['w:numb', 'w:sad', 'w:fever', 'f:cauda'],
    weights: [-3, 3, 0, 0, -3, 0, 0, 3, -3, 0, 3, 0, -3, 3, 0, 0],
  };
}

describe('SafetyClassifier', () => {
  it('raises only above the threshold, to the likeliest urgent label', () => {
    const clf = new SafetyClassifier(tinyModel(0.5));
    expect(clf.classify('numb').label).toBe('emergency');
    expect(clf.classify('feeling sad').label).toBe('crisis');
    expect(clf.classify('a fever').label).toBe('same_day');
    expect(clf.classify('my back hurts').label).toBe('none');
    expect(clf.classify('numb', ['cauda']).score).toBeGreaterThan(clf.classify('numb').score);
    expect(new SafetyClassifier(tinyModel(0.999)).classify('numb').label).toBe('none');
  });

  it('raises crisis alone, tentatively, at the lower crisis bar under the main threshold', () => {
    const clf = new SafetyClassifier({ ...tinyModel(0.999), crisisThreshold: 0.5 });
    const sad = clf.classify('feeling sad');
    expect(sad.label).toBe('crisis');
    expect(sad.tentative).toBe(true);
    expect(clf.classify('numb').label).toBe('none'); // the bar is for crisis only
    expect(clf.classify('my back hurts').label).toBe('none');
    // Over the main threshold the verdict is the usual one, not tentative.
    expect(new SafetyClassifier({ ...tinyModel(0.5), crisisThreshold: 0.1 }).classify('feeling sad').tentative).toBeUndefined();
  });

  it('gives probabilities for every label that sum to 1, and score = 1 − P(none)', () => {
    const v = new SafetyClassifier(tinyModel(0.5)).classify('numb and sad');
    expect(Object.keys(v.scores).sort()).toEqual([...CLASSIFIER_LABELS].sort());
    expect(Object.values(v.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(v.score).toBeCloseTo(1 - v.scores.none, 9);
  });
});

describe('loadSafetyModel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'safety-model-'));
  const write = (name: string, body: string) => {
    const file = join(dir, name);
    writeFileSync(file, body);
    return file;
  };

  it('loads a valid model and refuses broken ones with the reason', () => {
    expect(loadSafetyModel(write('ok.json', JSON.stringify(tinyModel(0.5)))).ok).toBe(true);
    const short = loadSafetyModel(write('short.json', JSON.stringify({ ...tinyModel(0.5), weights: [1, 2, 3] })));
    expect(short.ok ? '' : short.error).toMatch(/one weight per label/);
    const notNumber = loadSafetyModel(write('nan.json', JSON.stringify({ ...tinyModel(0.5), weights: tinyModel(0.5).weights.map(String) })));
    expect(notNumber.ok).toBe(false);
    const v1 = loadSafetyModel(write('v1.json', JSON.stringify({ ...tinyModel(0.5), version: 1 })));
    expect(v1.ok).toBe(false);
    expect(loadSafetyModel(write('bad.json', '{')).ok).toBe(false);
    const missing = loadSafetyModel(join(dir, 'missing.json'));
    expect(missing.ok ? '' : missing.error).toMatch(/could not be read/);
  });

  it('the shipped model loads, is small, and leaves ordinary back pain alone', () => {
    const file = join(knowledge, 'safety-model.json');
    expect(statSync(file).size).toBeLessThan(1_000_000);
    const m = loadSafetyModel(file);
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.value.classify('my back hurts').label).toBe('none');
    expect(m.value.classify('what stretches help a stiff lower back after sitting all day?').label).toBe('none');
  });

  it('keeps a compact copy of the shipped model that holds exactly its numbers', () => {
    const file = join(knowledge, 'safety-model.json');
    expect(loadSafetyModel(file).ok).toBe(true); // writes the copy when there is none
    const json = JSON.parse(readFileSync(file, 'utf8')) as SafetyModel;
    const compact = readCompactModel(createHash('sha1').update(readFileSync(file)).digest('base64url'));
    expect(compact && { ...compact, weights: Array.from(compact.weights) }).toEqual({ threshold: json.threshold, crisisThreshold: json.crisisThreshold, bias: json.bias, inputs: json.inputs, weights: json.weights });
  });
});

describe('the reply path', () => {
  const { kb, problems } = loadKnowledge(knowledge);
  const rules = loadSafetyRules(join(knowledge, 'safety.yaml'));
  if (!rules.ok) throw new Error('safety rules');
  // A classifier that would raise everything: only what the reply path lets it see is raised.
  const always = new SafetyClassifier({ ...tinyModel(0), bias: [0, 5, 0, 0] });
  const assistant = assistantFrom(kb, problems, rules.value, { safetyClassifier: always });
  const ask = (text: string) => assistant.reply({ text, conversation: `clf-${text}`, platform: 'cli' });

  it('never asks the classifier about an education question on red flags', async () => {
    const r = await ask('what is cauda equina syndrome? asking generally');
    expect(r.kind).not.toBe('urgent');
  });

  it('lets it raise an ordinary message, marked as the classifier', async () => {
    const r = await ask('my back hurts');
    expect(r.kind).toBe('urgent');
    expect(r.kind === 'urgent' && r.source).toBe('classifier');
  });

  it('words a crisis raised by the crisis bar alone as a question, with the crisis line, and keeps the crisis in context', async () => {
    const tentative = new SafetyClassifier({ ...tinyModel(0.999), crisisThreshold: 0.3 });
    const a = assistantFrom(kb, problems, rules.value, { safetyClassifier: tentative });
    const r = await a.reply({ text: 'feeling sad about my back lately', conversation: 'clf-tentative', platform: 'cli' });
    expect(r.kind).toBe('urgent');
    if (r.kind !== 'urgent') return;
    expect(r.crisis).toBe(true);
    expect(r.ruleId).toBe('classifier-crisis-tentative');
    expect(r.text).toMatch(/I may be reading too much into this/);
    expect(r.text).toMatch(/Samaritans|116 123/);
  });

  it('adds the crisis reply to a rule\'s reply when the shipped model reads the message as a crisis', async () => {
    const a = assistantFrom(kb, problems, rules.value, { safetyClassifier: shipped() });
    const r = await a.reply({ text: "crashed the car last month, back's wrecked, and tbh I've been looking at the bridge on my way home every night", conversation: 'clf-both', platform: 'cli' });
    expect(r.kind).toBe('urgent');
    if (r.kind !== 'urgent') return;
    expect(r.crisis).toBe(true);
    expect(r.ruleId).toBe('high-energy-injury+classifier-crisis');
    expect(r.text).toMatch(/Samaritans|116 123/); // the crisis line first…
    expect(r.text).toMatch(/Please get urgent medical help now/); // …and the injury's reply kept
    // An ordinary red flag gets no crisis line.
    const plain = await a.reply({ text: 'came off my motorbike this morning and my back really hurts', conversation: 'clf-plain', platform: 'cli' });
    expect(plain.kind === 'urgent' && plain.crisis).toBe(false);
  });
});

function shipped(): SafetyClassifier {
  const m = loadSafetyModel(join(knowledge, 'safety-model.json'));
  if (!m.ok) throw new Error(m.error);
  return m.value;
}
