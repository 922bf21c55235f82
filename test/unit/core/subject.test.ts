import { describe, expect, it } from 'vitest';
import { somethingElse, subjectAsk } from '../../../src/core/subject.js';
import { loadForAssistant } from '../../../src/core/assistant.js';
import type { Entry } from '../../../src/knowledge/schema.js';

describe('subjectAsk', () => {
  it.each(['is it safe with sciatica', 'is it suitable for older people', 'can i use it at work', 'could i take them before a run'])('reads "%s" as a safety question about the topic', (text) => {
    expect(subjectAsk(text)).toBe('safe');
  });
  it.each(['what about a hot water bottle instead', 'and a heat wrap?', 'or one of those lumbar rolls'])('reads "%s" as another thing to use', (text) => {
    expect(subjectAsk(text)).toBe('thing');
  });
  it.each(['what if i sat on a wobble cushion instead', 'what if we used a kneeling stool instead of the office chair'])('reads "%s", "instead" without asking if it is safe, as another thing to use', (text) => {
    expect(subjectAsk(text)).toBe('thing');
  });
  it('still reads "what if … instead" that asks whether it is safe as a safety question', () => {
    expect(subjectAsk('what if i used a heat pad instead, is that safe')).toBe('safe');
  });
  it('leaves a plain question alone', () => {
    expect(subjectAsk('how long do i hold it')).toBeNull();
  });
});

describe('somethingElse', () => {
  const { kb, index } = loadForAssistant();
  const deps = { index, generic: new Set(['back', 'pain']) };
  const related = (e: Entry) => e.related.flatMap((id) => kb.byId.get(id) ?? []);
  it.each(['already tried that, any other ideas', 'ok and besides that', 'any further suggestions apart from those'])('reads no subject into the words of %j, which only ask for something else', (text) => {
    for (const e of kb.entries) expect(somethingElse(text, e, related(e), deps)?.id).toBe(somethingElse('what', e, related(e), deps)?.id);
  });
  it('does not offer a tip that only restates the last entry (its tags are all the entry\'s)', () => {
    const last = kb.byId.get('paracetamol-trial-evidence')!;
    const next = somethingElse('what else', last, related(last), deps)!;
    expect(next.kind === 'tip' && next.tags.every((t) => last.tags.includes(t))).toBe(false);
  });
});
