// Block Kit rendering: Slack's limits and the layout rules for each reply kind. Every real entry is
// rendered too, so a long entry cannot break a post.
import { describe, expect, it } from 'vitest';
import { renderReply, renderRoutine, renderTip } from '../../adapters/slack/render.js';
import type { AnswerReply, Reply } from '../../src/core/reply-schema.js';
import { escapeMrkdwn, truncate } from '../../adapters/slack/mrkdwn.js';
import { stripMention, isFromPerson, conversationId } from '../../adapters/slack/translate.js';
import { testAssistant } from '../fakes/slack-test-assistant.js';

const answer = (over: Partial<AnswerReply> = {}): AnswerReply => ({
  kind: 'answer', text: 'Plain text of the answer.', confidence: 0.8, notes: [],
  entry: { entryId: 'hips', title: 'Tight hips', tags: ['hip-flexors'], kind: 'faq' },
  summary: 'Moving often helps.', steps: [], cautions: [], durationS: null, dose: null,
  sources: [{ title: 'Low back pain and sciatica', publisher: 'NICE', url: 'https://www.nice.org.uk/guidance/ng59', year: 2020 }],
  related: [], followUps: [], medical: true, ...over,
});

/** Every text a block carries, and the checks Slack would make on it. */
function checkLimits(blocks: any[], maxBlocks = 50) {
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  for (const b of blocks) {
    if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(3000);
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(150);
    if (b.type === 'context') for (const e of b.elements) expect(e.text.length).toBeLessThanOrEqual(3000);
    if (b.type === 'actions') {
      const ids = b.elements.map((e: any) => e.action_id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const e of b.elements) {
        expect(e.text.text.length).toBeLessThanOrEqual(75);
        expect(e.value.length).toBeLessThanOrEqual(2000);
      }
    }
  }
}

describe('renderReply', () => {
  it('an answer has title, summary, sources as links, the medical line and feedback buttons', () => {
    const { blocks } = renderReply(answer({ related: [{ entryId: 'sitting', title: 'Sitting all day', tags: ['sitting'], kind: 'faq' }] }));
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Tight hips' } });
    const json = JSON.stringify(blocks);
    expect(json).toContain('<https://www.nice.org.uk/guidance/ng59|Low back pain and sciatica>');
    expect(json).toContain('Education, not medical advice.');
    const buttons = (blocks.at(-1) as any).elements.map((e: any) => [e.action_id, e.value]);
    expect(buttons).toEqual([['feedback_helpful', 'hips'], ['feedback_not_helpful', 'hips'], ['open_entry:0', 'sitting']]);
  });

  it('a non-medical answer has no medical line', () => {
    expect(JSON.stringify(renderReply(answer({ medical: false })).blocks)).not.toContain('not medical advice');
  });

  it('a routine lists its steps in order, its dose, its duration and its cautions', () => {
    const dose = 'Dose: hold 20–30 s, 2 times each side, a few times a day. Can be done seated, in work clothes.';
    const json = JSON.stringify(renderRoutine(answer({ steps: ['Stand up', 'Lunge'], cautions: ['Sharp pain'], durationS: 120, dose, medical: false }), '7').blocks);
    expect(json).toContain('1. Stand up\\n2. Lunge');
    expect(json).toContain(dose);
    expect(json.indexOf(dose)).toBeGreaterThan(json.indexOf('2. Lunge'));
    expect(json).toContain('About 2 min'); // one duration wording for every front end (src/core/present.ts)
    expect(json).toContain('Sharp pain');
    expect(json).toContain('"value":"hips|7"');
  });

  it('clarify options become buttons with the entry ids', () => {
    const reply: Reply = { kind: 'clarify', text: 'Which one?', confidence: 0.4, notes: [], options: [
      { entryId: 'a', title: 'A', tags: [], kind: 'faq' }, { entryId: 'b', title: 'B', tags: [], kind: 'faq' }] };
    const actions = renderReply(reply).blocks.find((b) => b.type === 'actions') as any;
    expect(actions.elements.map((e: any) => [e.action_id, e.value])).toEqual([['clarify_option:0', 'a'], ['clarify_option:1', 'b']]);
  });

  it('an urgent reply is plain: a header and the text, nothing playful', () => {
    const reply: Reply = { kind: 'urgent', text: 'Call 112 now.', confidence: 1, notes: ['a note'], urgency: 'emergency', ruleId: 'r', crisis: false };
    const { blocks } = renderReply(reply);
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section']);
  });

  it('an urgent reply leads with the core\'s own headline, once', () => {
    const text = 'Please get urgent medical help now.\nCall 999 or go to A&E now.';
    const reply: Reply = { kind: 'urgent', text, confidence: 1, notes: [], urgency: 'emergency', ruleId: 'r', crisis: false };
    const { blocks } = renderReply(reply) as { blocks: any[] };
    expect(blocks[0].text.text).toBe('Please get urgent medical help now.');
    expect(blocks[1].text.text).toBe('Call 999 or go to A&amp;E now.');
  });

  it('escapes &, < and > in text from the core, so echoed text cannot ping or link', () => {
    const reply: Reply = { kind: 'out_of_scope', text: 'You asked about <!channel> & <@U1>', confidence: 0, notes: [], reason: 'off_topic', suggestions: [] };
    const json = JSON.stringify(renderReply(reply));
    expect(json).toContain('&lt;!channel&gt; &amp; &lt;@U1&gt;');
    expect(json).not.toContain('<!channel>');
  });

  it('keeps huge texts within 3000 characters per section and 50 blocks', () => {
    const long = 'x&'.repeat(5000);
    const { blocks } = renderReply(answer({ summary: long, steps: Array(40).fill(long), notes: [long], text: long }));
    checkLimits(blocks);
  });

  it('truncate never cuts an escape in half', () => {
    expect(truncate(escapeMrkdwn('ab&'), 5)).toBe('ab…');
  });

  it('a tip whose topic fell back shows the note once, with the Share button first', () => {
    const a = testAssistant();
    const tip = a.tip('swimming');
    expect(tip.fellBack).toBe(true);
    const { blocks } = renderTip(tip);
    expect(JSON.stringify(blocks).split('No tips filed under').length - 1).toBe(1);
    expect((blocks.at(-1) as any).elements[0].action_id).toBe('share_tip');
  });

  it('renders every entry of the knowledge base within Slack\'s limits', () => {
    const a = testAssistant();
    expect(a.kb.entries.length).toBeGreaterThan(0);
    for (const e of a.kb.entries) {
      const reply = a.entry(e.id)!;
      checkLimits(renderReply(reply).blocks);
      checkLimits(renderRoutine(reply, '123').blocks);
    }
  });
});

describe('translate', () => {
  it('strips the bot mention and keeps other text', () => {
    expect(stripMention('<@U_BOT> hi <@U_BOT|bb> there', 'U_BOT')).toBe('hi there');
  });
  it('strips each bot its own mention, the same on every call (the pattern is made once per bot)', () => {
    for (let i = 0; i < 3; i++) {
      expect(stripMention('<@U_BOT> hi <@U_OTHER> there', 'U_BOT')).toBe('hi <@U_OTHER> there');
      expect(stripMention('<@U_BOT> hi <@U_OTHER> there', 'U_OTHER')).toBe('<@U_BOT> hi there');
    }
  });
  it('counts only people: no bots, edits or subtypes', () => {
    const base = { type: 'message', ts: '1', channel: 'D1', user: 'U1', text: 'hi' };
    expect(isFromPerson(base, 'U_BOT')).toBe(true);
    expect(isFromPerson({ ...base, bot_id: 'B1' }, 'U_BOT')).toBe(false);
    expect(isFromPerson({ ...base, subtype: 'message_changed' }, 'U_BOT')).toBe(false);
    expect(isFromPerson({ ...base, user: 'U_BOT' }, 'U_BOT')).toBe(false);
    expect(isFromPerson({ ...base, edited: {} }, 'U_BOT')).toBe(false);
  });
  it('one conversation per channel thread, one per DM', () => {
    expect(conversationId('T1', { type: 'app_mention', ts: '2', thread_ts: '1', channel: 'C1' })).toBe('slack:T1:C1:1');
    expect(conversationId('T1', { type: 'app_mention', ts: '2', channel: 'C1' })).toBe('slack:T1:C1:2');
    expect(conversationId('T1', { type: 'message', ts: '2', channel: 'D1', channel_type: 'im' })).toBe('slack:T1:D1');
  });
});
