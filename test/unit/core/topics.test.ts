import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../../src/core/assistant.js';
import { fixedClock } from '../../../src/common/clock.js';
import { topicMeaning, topicWordTags, WHOLE_BACK } from '../../../src/core/topic-words.js';

const assistant = createAssistant({ clock: fixedClock('2026-11-26T10:00:00Z') });

describe('tip topics in everyday words', () => {
  it.each([
    ['neck', 'upper-back'],
    ['shoulders', 'upper-back'],
    ['upper back', 'upper-back'],
    ['my sore neck', 'upper-back'],
    ['hips', 'hip-flexors'],
    ['tight hips', 'hip-flexors'],
    ['hammies', 'hamstrings'],
    ['hammies after running', 'hamstrings'],
    ['back of my thighs', 'hamstrings'],
    ['bum', 'glutes'],
    ['quads', 'quadriceps'],
    ['abs', 'core'],
    ['desk', 'desk-setup'],
    ['heat', 'heat-cold'],
    ['ice', 'heat-cold'],
    ['yoga', 'yoga-pilates'],
    ['gym', 'strength-training'],
    ['painkillers', 'pain-relief'],
    ['physio', 'physical-therapy'],
    ['lower back stretches', 'stretching'],
  ])('gives a tip tagged with what %j means (%s), without a "closest" note', (topic, tag) => {
    const t = assistant.tip(topic);
    expect(t).toMatchObject({ matchedTag: tag, fellBack: false, note: null });
    expect(t.reply.entry.tags).toContain(tag);
  });

  it.each(['lower back', 'low back', 'Lower Back', 'lumbar', 'back', 'back pain'])('reads %j as the whole back: any tip, no note', (topic) => {
    const t = assistant.tip(topic);
    expect(t).toMatchObject({ matchedTag: null, fellBack: false, note: null });
    expect(t.reply.text).not.toMatch(/closest/);
  });

  it('still falls back to the closest tag, and says so, for a topic it has no words for', () => {
    const t = assistant.tip('swimming');
    expect(t).toMatchObject({ matchedTag: 'exercise', fellBack: true });
    expect(t.note).toBe('No tips filed under "swimming" exactly, so here is the closest: exercise.');
  });

  it('prefers a part of the body over the back as a whole, and the longest phrase', () => {
    expect(topicMeaning('lower back')).toBe(WHOLE_BACK);
    expect(topicMeaning('upper back')).toBe('upper-back');
    expect(topicMeaning('back and hips')).toBe('hip-flexors');
    expect(topicMeaning('lifting weights')).toBe('strength-training');
    expect(topicMeaning('lifting boxes')).toBe('lifting');
    expect(topicMeaning('banana')).toBeNull();
  });

  it('only points at tags of the taxonomy, each with at least one tip', () => {
    for (const tag of topicWordTags()) {
      expect(assistant.kb.tags.has(tag), tag).toBe(true);
      expect(assistant.topics(), tag).toContain(tag);
    }
  });
});
