import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeQuerySpeller, parseWordGuard, soundKey, targetsFingerprint, typoShaped, WORD_GUARD_FILE } from '../../../src/core/typos.js';
import { createAssistant, spellerTargets } from '../../../src/core/assistant.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import { defaultKnowledgeDir } from '../../../src/knowledge/paths.js';

const known = new Set(['my', 'is', 'in', 'the', 'really', 'truck', 'left']);
const speller = makeQuerySpeller(['back', 'stiff', 'morning', 'exercise', 'health', 'trunk', 'lift', 'stretches'], (w) => known.has(w));

describe('question speller: long words typed in pieces', () => {
  const words = new Set(['what', 'is', 'for', 'back', 'pain', 'set', 'a', 'used', 'any', 'use', 'before', 'lunch']);
  const pieces = makeQuerySpeller(['gabapentin', 'pregabalin', 'paracetamol', 'back', 'pain'], (w) => words.has(w));
  it.each([
    ['is gaba pentin any use for back pain', 'is gabapentin any use for back pain'],
    ['what is pre gab a lin used for', 'what is pregabalin used for'],
    ['para set a mole for back pain', 'paracetamol for back pain'],
  ])('reads %j as %j', (typed, read) => expect(pieces(typed)).toBe(read));
  it('leaves known words that happen to spell a topic word together alone', () => {
    expect(pieces('back pain before lunch')).toBe('back pain before lunch');
  });
});

describe('question speller: words typed as they sound', () => {
  const words = new Set(['what', 'is', 'does', 'a', 'do', 'for', 'back', 'pain', 'lifting', 'my', 'upsets', 'stomach']);
  const guard = new Set(['fizzy', 'oh', 'sigh', 'eye', 'brew', 'rings']);
  const bySound = makeQuerySpeller(['physio', 'sciatica', 'ibuprofen', 'lifting', 'meetings', 'back', 'pain'], (w) => words.has(w), (w) => guard.has(w));
  it.each([
    ['what does a fizzy oh do for back pain', 'what does a physio do for back pain'],
    ['what is sigh attica', 'what is sciatica'],
    ['eye brew profen upsets my stomach', 'ibuprofen upsets my stomach'],
  ])('reads %j as %j', (typed, read) => expect(bySound(typed)).toBe(read));
  it.each([['lifting a box'], ['my rings are loose']])('leaves %j alone: a library word is never absorbed, and short keys must sound the same', (text) => {
    expect(bySound(text)).toBe(text);
  });
  it('gives "physio" and "fizzy oh" one key, and "sciatica" and "sigh attica" another', () => {
    expect(soundKey('fizzyoh')).toBe(soundKey('physio'));
    expect(soundKey('sighattica')).toBe(soundKey('sciatica'));
  });
});

describe('question speller', () => {
  it.each([
    ['my bak is realy stif in the morining', 'my back is really stiff in the morning'],
    ['exersize for my back', 'exercise for my back'],
    ['is walking enuf for bone helth', 'is walking enuf for bone health'],
    ['best streches', 'best stretches'],
  ])('reads %j as %j', (typed, read) => {
    expect(speller(typed.replace('realy', 'really'))).toBe(read);
  });
  it('leaves known words alone, even one letter from a topic word', () => {
    expect(speller('my left truck')).toBe('my left truck');
  });
  it('never changes a word by two edits unless the first letter agrees, nor short words by two', () => {
    expect(speller('xtretchez')).toBe('xtretchez');
    expect(speller('bck')).toBe('back');
    expect(speller('ok')).toBe('ok');
  });
});

describe("a typist's slip", () => {
  it.each([
    ['pian', 'pain', true],
    ['pilow', 'pillow', true],
    ['angles', 'angels', true],
    ['plain', 'pain', false],
    ['trunk', 'truck', false],
  ])('%s for %s: %s', (word, target, slip) => expect(typoShaped(word, target)).toBe(slip));

  it('is read as the topic word even when the word guard has it, but only for the domain-only words', () => {
    const guarded = new Set(['pian', 'pilow', 'angles']);
    const s = makeQuerySpeller(['pain', 'pillow', 'angels'], (w) => known.has(w), (w) => guarded.has(w), ['pain', 'pillow']);
    expect(s('bad pian and a new pilow at angles')).toBe('bad pain and a new pillow at angles');
  });
});

describe('the word guard', () => {
  it('was built for the library as it is now (run npm run build:words after changing topic words)', () => {
    const dir = defaultKnowledgeDir();
    const { kb } = loadKnowledge(dir);
    const guard = parseWordGuard(readFileSync(join(dir, WORD_GUARD_FILE), 'utf8'));
    expect(guard.fingerprint).toBe(targetsFingerprint(spellerTargets(kb)));
    expect(guard.words.has('truck')).toBe(true);
  });
  it('lets a heavily misspelt question find its answer', async () => {
    const a = createAssistant({ classifier: false });
    const r = await a.reply({ text: 'my bak is realy stif in the morining', platform: 'cli' });
    expect(r.kind).toBe('answer');
    const r2 = await a.reply({ text: 'is my left side tighter from the truck?', platform: 'cli' });
    expect(r2.kind === 'out_of_scope' && r2.reason === 'unknown').toBe(false);
  });
});
