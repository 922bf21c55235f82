import { describe, expect, it } from 'vitest';
import { withoutCourtesy } from '../../../src/core/courtesy.js';

describe('withoutCourtesy', () => {
  it('takes greetings, sign-offs and a name after them off a question', () => {
    expect(withoutCourtesy('good afternoon, when should i book a gp appointment? regards, d. patel')).toBe('when should i book a gp appointment?');
    expect(withoutCourtesy('dear team, can sciatica get better on its own? many thanks.')).toBe('can sciatica get better on its own?');
    expect(withoutCourtesy('hello, my lower back hurts. kindly advise what to do. thank you')).toBe('my lower back hurts. what to do.');
  });
  it('keeps the words when they are part of the question, or all there is', () => {
    expect(withoutCourtesy('my back hurts after running, thanks to my new shoes')).toBe('my back hurts after running, thanks to my new shoes');
    expect(withoutCourtesy('how do i thank my physio')).toBe('how do i thank my physio');
    expect(withoutCourtesy('morning stiffness in my lower back')).toBe('morning stiffness in my lower back');
    expect(withoutCourtesy('thanks')).toBe('thanks');
  });
});
