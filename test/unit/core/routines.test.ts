// Stretch routines: the dose every answer shows.
import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../../src/core/assistant.js';
import { doseLine } from '../../../src/core/dose.js';
import { fixedClock } from '../../../src/common/clock.js';
import { isStretch, type StretchEntry } from '../../../src/knowledge/schema.js';

const assistant = createAssistant({ clock: fixedClock('2026-11-26T10:00:00Z') });
const kb = assistant.kb;
const stretches = kb.entries.filter(isStretch);

describe('the dose line', () => {
  it.each([
    [{ hold_s: [20, 30], reps: 2, each_side: true, per_day: 'a few times a day' }, true, true, 'Dose: hold 20–30 s, 2 times each side, a few times a day. Can be done seated, in work clothes.'],
    [{ hold_s: [2, 3], reps: [5, 10], sets: [1, 2], each_side: false, per_day: 'once or twice a day' }, false, false, 'Dose: hold 2–3 s, 5–10 times, 1–2 sets, once or twice a day. Best done away from your desk (not a seated one).'],
    [{ for_s: [120, 300], each_side: false, per_day: 'every 30 to 60 minutes of sitting' }, false, true, 'Dose: 2–5 min, every 30 to 60 minutes of sitting. Done on your feet, in work clothes; not a seated one.'],
    [{ hold_s: 3, reps: [5, 10], each_side: false, per_day: 'a few times a day' }, true, true, 'Dose: hold 3 s, 5–10 times, a few times a day. Can be done seated, in work clothes.'],
  ] as const)('says %j plainly', (dose, seated, desk, line) => {
    expect(doseLine({ dose: dose as StretchEntry['dose'], seated, desk_friendly: desk })).toBe(line);
  });

  it('comes with every real routine, in the reply and in its text', () => {
    expect(stretches.length).toBeGreaterThanOrEqual(6);
    for (const e of stretches) {
      const r = assistant.entry(e.id)!;
      expect(r.dose).toMatch(/^Dose: .+\. (Can be done seated|Done on your feet|Best done away from your desk)/);
      expect(r.text).toContain(r.dose!);
    }
  });

  it('is not given for other entries', () => {
    expect(assistant.entry('heat-or-ice')!.dose).toBeNull();
  });

  it('answers "how long should I hold it?"', async () => {
    await assistant.reply({ text: 'show me the standing hip flexor stretch', conversation: 'dose-1' });
    const r = await assistant.reply({ text: 'how long should I hold it?', conversation: 'dose-1' });
    expect(r.kind === 'answer' && r.dose).toBe('Dose: hold 20–30 s, 2 times each side, a few times a day. Done on your feet, in work clothes; not a seated one.');
  });
});
