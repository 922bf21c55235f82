import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { editDistance, makeSpeller } from '../../../src/core/spelling.js';

describe('editDistance', () => {
  it.each([
    ['bladder', 'bladder', 0],
    ['bladdar', 'bladder', 1],
    ['numbenss', 'numbness', 1],
    ['preganant', 'pregnant', 1],
    ['ladder', 'bladder', 1],
    ['kitten', 'sitting', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b, 5)).toBe(d);
  });
  it('stops early and reports more than the cap', () => {
    expect(editDistance('completely', 'different', 1)).toBe(2);
  });
  it('is symmetric and zero only for equal words', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(editDistance(a, b, 20)).toBe(editDistance(b, a, 20));
        expect(editDistance(a, b, 20) === 0).toBe(a === b);
      }),
    );
  });
});

describe('makeSpeller', () => {
  const spell = makeSpeller(['numbness', 'bladder', 'pregnant', 'bleeding', 'shaking'], ['ladder', 'soaking', 'breeding']);
  it('repairs a red-flag keyword one edit away', () => {
    expect(spell('numbnes round my bum and my bladdar feels weird')).toBe('numbness round my bum and my bladder feels weird');
  });
  it('allows two edits in long words', () => {
    expect(spell('preganent')).toBe('pregnant');
  });
  it('never changes a real word listed to leave, a short word, or a word with digits', () => {
    expect(spell('fell off a ladder, soaking in the bath, breeding dogs, numb, 38c')).toBe('fell off a ladder, soaking in the bath, breeding dogs, numb, 38c');
  });
});
