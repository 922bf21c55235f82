import { describe, expect, it } from 'vitest';
import { detectFollowUp, pickOffered } from '../../../src/core/follow-up.js';
import type { Entry } from '../../../src/knowledge/schema.js';

const stretch = { id: 'stretch-x', kind: 'stretch', tags: ['hip-flexors'] } as unknown as Entry;
const faq = { id: 'faq-x', kind: 'faq', tags: ['sitting'] } as unknown as Entry;

describe('detectFollowUp', () => {
  it('repeats a routine when asked how long to hold it', () => {
    expect(detectFollowUp('how long should i hold it?', stretch)?.kind).toBe('same_entry');
  });
  it('reads "tell me more" as more of the same entry', () => {
    expect(detectFollowUp('tell me more', faq)).toEqual({ kind: 'more' });
  });
  it('reads a short pronoun question as leaning on the topic', () => {
    expect(detectFollowUp('any stretches for that?', faq)).toMatchObject({ kind: 'topic', stretchOnly: true });
    expect(detectFollowUp('what about at night?', faq)).toMatchObject({ kind: 'topic' });
  });
  it('leaves a new, full question alone', () => {
    expect(detectFollowUp('do i need an mri for sciatica', faq)).toBeNull();
  });
});

describe('pickOffered', () => {
  const offered = ['a', 'b', 'c'];
  it.each([
    ['1', 'a'],
    ['2', 'b'],
    ['the second one', 'b'],
    ['option 3', 'c'],
    ['last', 'c'],
  ])('picks %j as %s', (text, id) => expect(pickOffered(text, offered)).toBe(id));
  it('ignores numbers beyond the options and when nothing was offered', () => {
    expect(pickOffered('4', offered)).toBeNull();
    expect(pickOffered('1', [])).toBeNull();
  });
});

describe('short follow-up questions', () => {
  it.each(['how often?', 'how long for', 'what else?', 'any others'])('reads "%s" against the last topic', (text) => {
    expect(detectFollowUp(text, faq)).toMatchObject({ kind: 'topic' });
  });
});
