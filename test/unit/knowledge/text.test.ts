import { describe, expect, it } from 'vitest';
import { buildSynonymMap, normalise } from '../../../src/knowledge/text.js';

describe('synonyms', () => {
  it('match phrases written with hyphens or apostrophes, as the text is read without them', () => {
    const syn = buildSynonymMap([
      ['mri', 'x-ray', 'scans'],
      ['nsaids', 'anti-inflammatories'],
      ['overweight', "i'm heavy"],
    ]);
    expect(normalise('my X-ray and scans were fine', syn)).toBe('my mri and mri were fine');
    expect(normalise('do anti-inflammatories help', syn)).toBe('do nsaids help');
    expect(normalise("I'm heavy, does it matter", syn)).toBe('overweight, does it matter');
  });
});
