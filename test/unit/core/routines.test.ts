// Stretch routines: the dose every answer shows, and "at my desk" requests that only ever get
// routines for the desk ("in my chair" ones that are done seated).
import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../../src/core/assistant.js';
import { emptyContext } from '../../../src/core/context.js';
import { doseLine } from '../../../src/core/dose.js';
import { deskNeed, detectRoutineRequest, pickStretch } from '../../../src/core/routines.js';
import { fixedClock } from '../../../src/common/clock.js';
import { isStretch, type StretchEntry } from '../../../src/knowledge/schema.js';

const assistant = createAssistant({ clock: fixedClock('2026-11-26T10:00:00Z') });
const kb = assistant.kb;
const stretches = kb.entries.filter(isStretch);
const byId = (id: string) => kb.byId.get(id) as StretchEntry;

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

describe('a stretch for one part of the body', () => {
  it.each([
    ['whats a good stretch for a tight lower back', ['lower-back']],
    ['best stretches for lower back pain', ['lower-back']],
    ['any stretches for my back', ['lower-back']],
    ['a stretch for my hips', ['hips']],
  ] as const)('reads %j as a routine request for %j', (text, targets) => {
    expect(detectRoutineRequest(text, emptyContext())).toMatchObject({ targets });
  });

  it('is not a question about stretching', () => {
    expect(detectRoutineRequest('does stretching help lower back pain', emptyContext())).toBeNull();
    expect(detectRoutineRequest('is stretching good for a stiff back', emptyContext())).toBeNull();
  });

  it('prefers a routine for that area alone: the upper back in a chair is the chair back extension, not shoulder rolls shared with the neck', () => {
    expect(pickStretch(kb, { deskOnly: 'seated', targets: ['upper-back'], preferTags: ['upper-back', 'sitting'], seed: 1000 })?.id).toBe('stretch-chair-back-extension');
    expect(pickStretch(kb, { deskOnly: 'seated', targets: ['upper-back', 'neck'], preferTags: ['upper-back'], seed: 1000 })?.id).toBe('stretch-shoulder-rolls');
  });

  it('gets a routine mainly for that area', () => {
    for (let seed = 0; seed < 20_000; seed += 1000) expect(pickStretch(kb, { targets: ['lower-back'], seed })?.targets[0]).toBe('lower-back');
  });
});

describe('desk requests', () => {
  it.each([
    ['any stretches i can do at my desk', true],
    ['desk stretches for my lower back', true],
    ['exercises i can do without getting on the floor', true],
    ['give me a seated stretch', 'seated'],
    ['any exercises in my chair for my neck', 'seated'],
    ['a stretch i can do sitting down', 'seated'],
    ['is there a version i can do sitting, im on calls all day', 'seated'],
    ['can i do any exercise for it while im sat here', 'seated'],
    ['any i can do on a stool at the till', 'seated'],
    ["any i can do while i'm actually sitting in the truck", 'seated'],
    ['could i do any of them without getting out of the car?', 'seated'],
    ['can i do it in a meeting without anyone noticing', 'seated'],
    ['could i do those on the train', 'seated'],
    ['why do my hips hurt', false],
  ] as const)('reads %j as %j', (text, need) => {
    expect(deskNeed(text)).toBe(need);
  });

  it('are routine requests that keep the setting', () => {
    expect(detectRoutineRequest('give me a seated stretch', emptyContext())).toMatchObject({ desk: 'seated' });
    expect(detectRoutineRequest('any stretches i can do at my desk?', emptyContext())).toMatchObject({ desk: true });
    expect(detectRoutineRequest('a stretch for my hips in my chair', emptyContext())).toMatchObject({ desk: 'seated', targets: ['hips'] });
  });

  it('never get a floor routine, whatever the body area, tags or exclusions', () => {
    const areas = [...new Set(stretches.flatMap((e) => e.targets))];
    for (const target of areas) {
      for (let seed = 0; seed < 20_000; seed += 1000) {
        const desk = pickStretch(kb, { deskOnly: true, targets: [target], preferTags: ['core'], seed });
        expect(desk?.desk_friendly, `${target} at the desk got ${desk?.id}`).toBe(true);
        const seated = pickStretch(kb, { deskOnly: 'seated', targets: [target], seed });
        expect(seated?.seated, `${target} seated got ${seated?.id}`).toBe(true);
      }
    }
    // With every desk routine excluded there is nothing to give, rather than a floor routine.
    expect(pickStretch(kb, { deskOnly: true, exclude: stretches.filter((e) => e.desk_friendly).map((e) => e.id) })).toBeNull();
  });

  it.each([
    'any stretches I can do at my desk?',
    'desk stretches for my lower back',
    'any core exercises at my desk',
    'give me a seated stretch',
    'any exercises in my chair for my neck',
    'exercises I can do at work without getting on the floor',
  ])('"%s" is answered with a desk routine, also after a floor routine', async (text) => {
    for (const before of [null, 'show me the bird dog', 'show me the glute bridge']) {
      const conversation = `desk-${before}-${text}`;
      if (before) await assistant.reply({ text: before, conversation });
      const r = await assistant.reply({ text, conversation });
      if (r.kind !== 'answer') throw new Error(`expected an answer, got ${r.kind}`);
      const e = byId(r.entry.entryId);
      expect(e.kind).toBe('stretch');
      expect(e.desk_friendly).toBe(true);
      if (/seated|chair|sitting/.test(text)) expect(e.seated).toBe(true);
    }
  });

  it('"any I can do at my desk?" after a floor routine gives a desk routine', async () => {
    await assistant.reply({ text: 'show me the bird dog', conversation: 'desk-follow' });
    const r = await assistant.reply({ text: 'any I can do at my desk?', conversation: 'desk-follow' });
    expect(r.kind === 'answer' && byId(r.entry.entryId).desk_friendly).toBe(true);
  });

  it('the assistant\'s stretch() keeps a desk request even when its exclusions leave nothing', () => {
    const allDesk = stretches.filter((e) => e.desk_friendly).map((e) => e.id);
    const r = assistant.stretch({ deskOnly: true, exclude: allDesk });
    expect(byId(r.entry.entryId).desk_friendly).toBe(true);
  });
});
