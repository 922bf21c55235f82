import { describe, expect, it } from 'vitest';
import { formatDuration, MEDICAL_NOTE, presentReply, presentRoutine, presentTip } from '../../../src/core/present.js';
import { actionOf, decodeNudgeValue, encodeNudgeValue } from '../../../src/core/reply-actions.js';
import type { AnswerReply, Reply } from '../../../src/core/reply-schema.js';

const answer = (over: Partial<AnswerReply> = {}): AnswerReply => ({
  kind: 'answer', text: 'Plain.', confidence: 0.8, notes: [],
  entry: { entryId: 'hips', title: 'Tight hips', tags: ['hip-flexors'], kind: 'faq' },
  summary: 'Moving often helps.', steps: [], cautions: [], durationS: null, dose: null,
  sources: [{ title: 'NG59', publisher: 'NICE', url: 'https://www.nice.org.uk/guidance/ng59', year: 2020 }],
  related: [], followUps: [], medical: true, ...over,
});

describe('presentReply', () => {
  it('gives an answer the medical line, feedback first, then related entries with indexed ids', () => {
    const v = presentReply(answer({ related: [{ entryId: 'sitting', title: 'Sitting', tags: [], kind: 'faq' }] }));
    expect(v.kind).toBe('answer');
    if (v.kind !== 'answer') return;
    expect(v.medicalNote).toBe(MEDICAL_NOTE);
    expect(v.actions.map((a) => [a.id, a.value])).toEqual([['feedback_helpful', 'hips'], ['feedback_not_helpful', 'hips'], ['open_entry:0', 'sitting']]);
  });

  it('leaves the medical line off a non-medical answer', () => {
    expect(presentReply(answer({ medical: false }))).toMatchObject({ medicalNote: null });
  });

  it('presents an urgent reply as a heading and the core\'s words, with nothing to press', () => {
    const r: Reply = { kind: 'urgent', text: 'Please get urgent medical help now.\nCall 999.', confidence: 1, notes: ['n'], urgency: 'emergency', ruleId: 'r', crisis: false };
    expect(presentReply(r)).toEqual({ kind: 'urgent', urgency: 'emergency', heading: 'Please get urgent medical help now.', body: 'Call 999.', fallback: r.text });
  });

  it('keeps a one-line urgent reply whole under a generic heading', () => {
    const r: Reply = { kind: 'urgent', text: 'See a doctor today.', confidence: 1, notes: [], urgency: 'same_day', ruleId: 'r', crisis: false };
    expect(presentReply(r)).toMatchObject({ heading: 'Please see a doctor today', body: 'See a doctor today.' });
  });

  it('drops suggestions the text already names', () => {
    const r: Reply = { kind: 'out_of_scope', text: 'Try "tight hips".', confidence: 0, notes: [], reason: 'unknown', suggestions: ['tight hips', 'sitting'] };
    expect(presentReply(r)).toMatchObject({ kind: 'plain', suggestions: ['sitting'] });
  });
});

describe('tips and routines', () => {
  it('puts Share first on a tip and shows a fallback note once', () => {
    const v = presentTip({ reply: answer({ notes: ['closest'] }), note: 'closest' });
    expect(v.notes).toEqual(['closest']);
    expect(v.actions[0]).toMatchObject({ id: 'share_tip', style: 'primary' });
  });

  it('gives a routine Done / Snooze 1 h / Another one carrying the subscription, and its length', () => {
    const v = presentRoutine(answer({ durationS: 150 }), '42');
    expect(v.actions.map((a) => [a.label, a.value])).toEqual([['Done', 'hips|42'], ['Snooze 1 h', 'hips|42'], ['Another one', 'hips|42']]);
    expect(v.duration).toBe('About 2 min 30 s');
  });

  it.each([[45, '45 s'], [120, '2 min'], [150, '2 min 30 s']])('writes %i seconds as "%s"', (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });
});

describe('action ids and values', () => {
  it.each([['feedback_helpful', 'feedback_helpful'], ['open_entry:3', 'open_entry'], ['open_entry', null], ['share_tip:1', null], ['frobnicate', null]])('reads %s as %s', (id, action) => {
    expect(actionOf(id)).toBe(action);
  });

  it('round-trips a nudge value and refuses malformed ones', () => {
    expect(decodeNudgeValue(encodeNudgeValue({ entryId: 'cat-cow', subscriptionId: '7' }))).toEqual({ entryId: 'cat-cow', subscriptionId: '7' });
    expect(decodeNudgeValue('cat-cow|')).toEqual({ entryId: 'cat-cow', subscriptionId: null });
    expect(decodeNudgeValue('%%%not|an|id')).toBeNull();
    expect(decodeNudgeValue('')).toBeNull();
  });
});
