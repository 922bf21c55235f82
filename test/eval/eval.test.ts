import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/core/assistant.js';
import { fixedClock } from '../../src/common/clock.js';
import { loadEval, runEval, score, formatScores } from './eval-lib.js';

// The public eval set: thresholds from the knowledge-library issue (#4).
const items = loadEval(join(import.meta.dirname, 'questions.jsonl'));

describe('public eval set', () => {
  it('has at least 250 labelled questions covering every category', () => {
    expect(items.length).toBeGreaterThanOrEqual(250);
    const cats = new Set(items.map((i) => i.category));
    for (const c of ['answer', 'urgent', 'near_miss', 'out_of_scope', 'smalltalk', 'follow_up', 'red_flag_education']) expect(cats).toContain(c);
  });

  it('covers every tag with an answer question', () => {
    const assistant = createAssistant();
    const tagged = new Set(items.flatMap((i) => [i.expect, ...(i.accept ?? [])]).flatMap((id) => (id ? (assistant.kb.byId.get(id)?.tags ?? []) : [])));
    expect([...assistant.kb.tags.keys()].filter((t) => !tagged.has(t))).toEqual([]);
  });

  it('meets the thresholds: top-1 >= 90%, urgent recall 100%, near-miss alarms <= 1, out-of-scope >= 90%', async () => {
    const assistant = createAssistant({ clock: fixedClock('2026-11-26T10:00:00Z') });
    const s = score(await runEval(assistant, items));
    console.log(formatScores(s, items.length));
    expect(s.answerTop1).toBeGreaterThanOrEqual(0.9);
    expect(s.urgentRecall).toBe(1);
    expect(s.nearMissFalseAlarms).toBeLessThanOrEqual(1);
    expect(s.outOfScope).toBeGreaterThanOrEqual(0.9);
    expect(s.byCategory.smalltalk?.rate ?? 1).toBeGreaterThanOrEqual(0.9);
    expect(s.byCategory.red_flag_education?.rate ?? 1).toBe(1);
  });
});
