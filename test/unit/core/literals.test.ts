import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requiredLiterals } from '../../../src/core/literals.js';
import { Pattern } from '../../../src/core/patterns.js';
import { expandPattern } from '../../../src/core/safety-schema.js';
import { loadSafetyRules, normaliseText, type SafetyRules } from '../../../src/core/triage.js';

/** Whether the literals allow `text` (no literals: every text). */
const allows = (literals: string[] | null, text: string) => !literals || literals.some((l) => text.includes(l));

describe('required literals of a pattern', () => {
  it.each([
    ['back pain', ['back pain']],
    ['\\b(?:cant|cannot) pee\\b', ['cant pee', 'cannot pee']],
    ['\\bnumb+(?:ness)?\\b', ['numb']],
    ['legs?', ['leg']],
    ['l[345]', ['l3', 'l4', 'l5']],
    ['(?<!no )fever(?! free)', ['fever']],
    ['tingl\\w*', ['tingl']],
    ['\\d+ miles', [' miles']],
    ['(?<who>dad|mum) is', ['dad is', 'mum is']],
    ['^(?:so )?back\\b', ['back']],
    ['a{b', ['a{b']],
    ['\\.\\.\\.', ['...']],
    ['x[^.!?]{0,30}yz', ['yz']],
    ['(?:burpees?|press ?ups?)', ['burpee', 'pressup', 'press up']],
    ['[a-z]at', ['at']],
  ])('%s needs one of %j', (source, expected) => {
    expect(requiredLiterals(source)).toEqual(expected);
  });

  it.each([
    ['[^.!?]{0,30}', 'no literal at all'],
    ['a|b*', 'an alternative that may match nothing'],
    ['(?:foo)?', 'an optional group'],
    ['(a)\\1', 'a backreference (not modelled)'],
    ['\\w+', 'a class'],
  ])('%s needs none (%s)', (source) => {
    expect(requiredLiterals(source)).toBeNull();
  });

  it('never rules out a text the pattern matches (random patterns and texts)', () => {
    const char = fc.constantFrom('a', 'b', 'c', ' ');
    const atom: fc.Arbitrary<string> = fc.letrec<{ re: string }>((tie) => ({
      re: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        char,
        fc.constantFrom('.', '\\w', '\\s', '\\d', '[ab]', '[^a]', '[a-c]', '[a\\-]', '\\.', '\\b', '\\B', '^', '$'),
        fc.tuple(tie('re'), tie('re')).map(([a, b]) => a + b),
        fc.tuple(tie('re'), tie('re')).map(([a, b]) => `(?:${a}|${b})`),
        fc.tuple(tie('re'), fc.constantFrom('(', '(?:', '(?<n>', '(?=', '(?!', '(?<=', '(?<!')).map(([a, open]) => `${open}${a})`),
        fc.tuple(char, fc.constantFrom('?', '*', '+', '{2}', '{0,2}', '{1,}', '??', '+?')).map(([a, q]) => a + q),
        fc.tuple(tie('re'), fc.constantFrom('?', '*', '+', '{2}', '{0,2}', '{1,3}')).map(([a, q]) => `(?:${a})${q}`),
      ),
    })).re;
    const pattern = atom.filter((s) => {
      try {
        new RegExp(s);
        // Named groups may appear once.
        return s.split('(?<n>').length <= 2;
      } catch {
        return false;
      }
    });
    fc.assert(
      fc.property(pattern, fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', '.'), maxLength: 12 }), { minLength: 20, maxLength: 20 }), (source, texts) => {
        const literals = requiredLiterals(source);
        const re = new RegExp(source);
        for (const t of texts) if (re.test(t)) expect(allows(literals, t), `${source} matches ${JSON.stringify(t)}; literals ${JSON.stringify(literals)}`).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

function safetySources(rules: SafetyRules): string[] {
  const raw = [
    ...rules.rules.flatMap((r) => [...r.patterns, ...r.unless]),
    ...Object.values(rules.features).flatMap((f) => [...f.patterns, ...f.unless]),
    ...rules.negation.cues, ...rules.negation.boundaries,
    ...rules.education.questions, ...rules.education.first_person, ...rules.education.general,
    ...rules.person.others, ...rules.person.self, ...rules.alarm,
  ];
  return raw.map((s) => {
    const e = expandPattern(s, rules.fragments);
    if (!e.ok) throw new Error(e.message);
    return e.source;
  });
}

describe('the safety rules', () => {
  const loaded = loadSafetyRules(fileURLToPath(new URL('../../../knowledge/safety.yaml', import.meta.url)));
  if (!loaded.ok) throw new Error('safety.yaml does not load');
  const sources = safetySources(loaded.value);
  // Messages as triage reads them: the public questions and the first part of the safety corpus (urgent and near misses).
  const lines = (file: string, n: number) => readFileSync(fileURLToPath(new URL(file, import.meta.url)), 'utf8').split('\n').filter(Boolean).slice(0, n);
  const texts = [...lines('../../eval/questions.jsonl', 500), ...lines('../../eval/safety/dev.jsonl', 1500)].flatMap((l) => {
    const item = JSON.parse(l) as { text?: string; turns?: string[] };
    return [item.text ?? '', ...(item.turns ?? [])].filter(Boolean).map(normaliseText);
  });

  it('have literals for nearly every pattern, and none that rules out a message the pattern matches', () => {
    const literals = sources.map(requiredLiterals);
    expect(literals.filter(Boolean).length).toBeGreaterThan(sources.length * 0.95);
    const missed: string[] = [];
    sources.forEach((source, i) => {
      const re = new RegExp(source, 'g');
      for (const t of texts) if (!allows(literals[i]!, t) && t.search(re) !== -1) missed.push(`${source.slice(0, 80)} on ${t}`);
    });
    expect(missed).toEqual([]);
  });

  it('give the same matches through Pattern as through the plain regex', () => {
    const patterns = sources.map((s) => new Pattern(s));
    Pattern.prepare(patterns);
    patterns.forEach((p, i) => {
      const re = new RegExp(sources[i]!, 'g');
      for (const t of texts.slice(0, 100)) {
        expect([...p.matchAll(t)].map((m) => [m.index, m[0]])).toEqual([...t.matchAll(re)].map((m) => [m.index, m[0]]));
        expect(p.test(t)).toBe(t.search(re) !== -1);
      }
    });
  });

  it('give the same matches through Pattern as through the plain regex on long messages (looked up by trigram)', () => {
    const patterns = sources.map((s) => new Pattern(s));
    Pattern.prepare(patterns);
    // Messages run together up to 2,000 characters, and the repetitive kinds the triage bench uses.
    const long: string[] = [];
    for (let i = 0; i < texts.length && long.length < 12; i += 25) long.push(texts.slice(i, i + 25).join(' ').slice(0, 2000));
    long.push('no numb bum '.repeat(170), 'my back hurts both legs and i feel numb in my bum when sitting '.repeat(32), 'i want to end it '.repeat(117));
    expect(long.every((t) => t.length >= 256)).toBe(true);
    patterns.forEach((p, i) => {
      const re = new RegExp(sources[i]!, 'g');
      for (const t of long) {
        expect([...p.matchAll(t)].map((m) => [m.index, m[0]])).toEqual([...t.matchAll(re)].map((m) => [m.index, m[0]]));
        expect(p.test(t)).toBe(t.search(re) !== -1);
      }
    });
  });
});
