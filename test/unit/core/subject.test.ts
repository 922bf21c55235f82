import { describe, expect, it } from 'vitest';
import { subjectAsk } from '../../../src/core/subject.js';

describe('subjectAsk', () => {
  it.each(['is it safe with sciatica', 'is it suitable for older people', 'can i use it at work', 'could i take them before a run'])('reads "%s" as a safety question about the topic', (text) => {
    expect(subjectAsk(text)).toBe('safe');
  });
  it.each(['what about a hot water bottle instead', 'and a heat wrap?', 'or one of those lumbar rolls'])('reads "%s" as another thing to use', (text) => {
    expect(subjectAsk(text)).toBe('thing');
  });
  it('leaves a plain question alone', () => {
    expect(subjectAsk('how long do i hold it')).toBeNull();
  });
});
