// fast-check over the `ask --jsonl` request parser (docs/cli.md, "A line that cannot be read"): any line
// gives either a request or one of the documented errors, never an exception.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { askJsonl, parseRequestLine } from '../../../src/cli/ask.js';
import { ConfigSchema } from '../../../src/config/schema.js';
import { createAssistant } from '../../../src/core/assistant.js';

const DOCUMENTED = /^(malformed JSON: .+|expected a JSON object like \{"id":"q1","text":"\.\.\."\}|text: expected a string|conversation: expected a string)$/s;

/** Request-shaped objects with every field sometimes right, sometimes any JSON value, plus extras. */
const requestish = fc.record(
  {
    id: fc.oneof(fc.string(), fc.integer(), fc.jsonValue()),
    text: fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.jsonValue()),
    conversation: fc.oneof(fc.string({ maxLength: 400 }), fc.integer(), fc.constant(null), fc.jsonValue()),
    extra: fc.jsonValue(),
  },
  { requiredKeys: [] },
);
const line = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  requestish.map((o) => JSON.stringify(o)),
  requestish.map((o) => JSON.stringify(o).slice(0, -1)),
);

describe('ask --jsonl request lines (properties)', () => {
  it('any line is a request or a documented error, and never throws', () => {
    fc.assert(fc.property(line, (l) => {
      const p = parseRequestLine(l);
      expect(p.id === null || typeof p.id === 'string' || typeof p.id === 'number').toBe(true);
      if (!p.ok) {
        expect(p.error).toMatch(DOCUMENTED);
        return;
      }
      expect(typeof p.text).toBe('string');
      if (p.conversation !== undefined) {
        expect(typeof p.conversation).toBe('string');
        expect(p.conversation.length).toBeGreaterThan(0);
        expect(p.conversation.length).toBeLessThanOrEqual(300);
      }
    }), { numRuns: 500 });
  });

  it('a well-formed request keeps its id, text and conversation', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.integer()), fc.string(), fc.string({ minLength: 1, maxLength: 300 }), (id, text, conversation) => {
      expect(parseRequestLine(JSON.stringify({ id, text, conversation }))).toEqual({ ok: true, id, text, conversation });
    }));
  });

  it('a batch of any lines gets one JSON line per non-empty input line, in order', async () => {
    const assistant = createAssistant();
    const config = ConfigSchema.parse({});
    // Lines as readline splits them: no line breaks inside.
    const oneLine = line.map((l) => l.replace(/[\r\n]/g, ' '));
    await fc.assert(fc.asyncProperty(fc.array(oneLine, { maxLength: 6 }), async (lines) => {
      const out: string[] = [];
      const code = await askJsonl(assistant, Readable.from(lines.map((l) => `${l}\n`)), { out: (s) => out.push(s), err: () => {}, config });
      expect(code).toBe(0);
      const expected = lines.filter((l) => l.trim());
      expect(out).toHaveLength(expected.length);
      out.forEach((o, i) => {
        const j = JSON.parse(o) as Record<string, unknown>;
        expect(j.id).toEqual(parseRequestLine(expected[i]!).id);
        if ('error' in j) expect(j.error).toMatch(DOCUMENTED);
        else expect(['answer', 'clarify', 'urgent', 'out_of_scope', 'smalltalk']).toContain(j.kind);
      });
    }), { numRuns: 40 });
  });
});
