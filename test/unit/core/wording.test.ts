import { describe, expect, it } from 'vitest';
import { plainWording } from '../../../src/core/wording.js';
import { detectFollowUp } from '../../../src/core/follow-up.js';
import type { Entry } from '../../../src/knowledge/schema.js';

const faq = { id: 'faq-x', kind: 'faq', tags: ['sitting'], title: 'Sitting all day' } as unknown as Entry;

describe('plainWording', () => {
  it('drops sentence particles and a closing "or not"', () => {
    expect(plainWording('why ah?')).toBe('why?');
    expect(plainWording('anything else? already tried all that lah')).toBe('anything else? already tried all that');
    expect(plainWording('is there a link between smoking and back pain or not?')).toBe('is there a link between smoking and back pain?');
  });
  it('reads "got" opening a question as "is there", and leaves "got it" alone', () => {
    expect(plainWording('got version i can do sitting at my desk?')).toBe('is there a version i can do sitting at my desk?');
    expect(plainWording('got it')).toBe('got it');
  });
  it('gives a question with no "I" its subject, and a bare verb its object', () => {
    expect(plainWording('can do while sitting in office chair or not')).toBe('can i do it while sitting in office chair');
    expect(plainWording('how long must hold')).toBe('how long must i hold');
    expect(plainWording('can still run with back pain ah?')).toBe('can i still run with back pain?');
    expect(plainWording('what else can do?')).toBe('what else can i do?');
  });
  it('leaves ordinary sentences alone', () => {
    expect(plainWording('kids can run around all day')).toBe('kids can run around all day');
    expect(plainWording('what can i do')).toBe('what can i do');
    expect(plainWording('every how often ah? 1 hr?')).toBe('how often? 1 hr?');
  });
});

describe('follow-ups asking why or how', () => {
  it('reads "why would that be?", "how does that cause pain exactly?" and a bare "how?" as more of the same entry', () => {
    expect(detectFollowUp('why would that be? seems backwards', faq)).toEqual({ kind: 'more' });
    expect(detectFollowUp('how does that cause pain exactly?', faq)).toEqual({ kind: 'more' });
    expect(detectFollowUp('how? tell me more', faq)).toEqual({ kind: 'more' });
  });
  it('reads a first sentence that asks why over a whole that only leans on "that"', () => {
    expect(detectFollowUp("how does that actually work though? like what's the mechanism", faq)).toEqual({ kind: 'more' });
  });
});

describe('a bare "safe at …?" (fourth follow-up round)', () => {
  it.each([['safe at 65?', 'is it safe at 65?'], ['ok in the third trimester?', 'is it ok in the third trimester?'], ['fine after surgery?', 'is it fine after surgery?']])('reads %j as %j', (text, plain) => {
    expect(plainWording(text)).toBe(plain);
  });
});

describe('a question in the order of a statement (fourth follow-up round)', () => {
  it.each([
    ['the pain will go by itself or i must see doctor?', 'will the pain go by itself or i must see doctor?'],
    ['this will help with sciatica?', 'will this help with sciatica?'],
  ])('reads %j as %j', (text, plain) => {
    expect(plainWording(text)).toBe(plain);
  });
  it.each(['it will be fine, thanks', 'my back is sore after gym what to do', 'it is safe?'])('leaves %j alone', (text) => {
    expect(plainWording(text)).toBe(text);
  });
});
