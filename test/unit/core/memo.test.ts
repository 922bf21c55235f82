import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../../src/core/assistant.js';
import { fixedClock } from '../../../src/common/clock.js';
import { Lru, memoIndex } from '../../../src/core/memo.js';
import { loadEval } from '../../eval/eval-lib.js';
import { loadSafetySet, type SafetyItem } from '../../eval/safety-lib.js';
import type { ChatRequest } from '../../../src/core/reply-schema.js';
import type { SearchIndex } from '../../../src/knowledge/index.js';

const file = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const clock = fixedClock('2026-11-26T10:00:00Z');
const textsOf = (i: SafetyItem) => (i.type === 'conversation' ? i.turns : [i.text]);

describe('Lru', () => {
  it('keeps at most max keys and forgets the least recently used first', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now the most recently used
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    expect(lru.size).toBe(2);
  });
});

describe('memo', () => {
  it('replies are the same with and without it: answer and safety eval texts, each asked fresh, again, within conversations and on another surface', async () => {
    // Every answer eval text, a third of the safety held-out half and an eightieth of the development half
    // (the whole corpus would take minutes on a 2-core machine, four times over, with and without the memo).
    const texts = [
      ...loadEval(file('../../eval/questions.jsonl')).map((i) => i.text),
      ...loadEval(file('../../eval/holdout.jsonl')).map((i) => i.text),
      ...loadSafetySet(file('../../eval/safety/holdout.jsonl')).filter((_, n) => n % 3 === 0).flatMap(textsOf),
      ...loadSafetySet(file('../../eval/safety/dev.jsonl')).filter((_, n) => n % 80 === 0).flatMap(textsOf),
    ];
    const plain = createAssistant({ clock, memo: false });
    const memo = createAssistant({ clock });
    const from = { workspace: 'T1', channel: 'C1', user: 'U1', direct: false };
    const requests: ChatRequest[] = [
      ...texts.map((text, n) => ({ text, conversation: `fresh-${n}`, platform: 'slack' as const, from })),
      // The same again: now every step is answered from memory.
      ...texts.map((text, n) => ({ text, conversation: `again-${n}`, platform: 'slack' as const })),
      // In conversations of five, so earlier features, offers and topics are part of each turn.
      ...texts.map((text, n) => ({ text, conversation: `thread-${Math.floor(n / 5)}`, platform: 'slack' as const, from })),
      // Another surface words urgent replies differently.
      ...texts.map((text, n) => ({ text, conversation: `cli-${n}`, platform: 'cli' as const })),
    ];
    const differences: string[] = [];
    for (const req of requests) {
      const [a, b] = [await plain.reply(req), await memo.reply(req)];
      if (JSON.stringify(a) !== JSON.stringify(b)) differences.push(`${req.conversation}: ${req.text}`);
    }
    expect(differences).toEqual([]);
  }, 900_000);

  it('remembered search results cannot be changed by a caller', () => {
    const a = createAssistant({ clock, memo: false });
    const index = memoIndex({ search: (q: string) => [{ entry: a.kb.entries[0]!, score: q.length, matched: ['back'] }], queryTerms: () => ['back'] } as unknown as SearchIndex);
    const first = index.search('my back');
    first.sort(() => 0);
    first.pop();
    expect(() => { (index.search('my back')[0]!.matched as string[]).push('x'); }).toThrow(TypeError);
    expect(index.search('my back')).toEqual([{ entry: a.kb.entries[0], score: 7, matched: ['back'] }]);
  });
});
