// Discord rendering: the limits Discord enforces, and the layout rules for each reply kind. Every real
// entry is rendered too, so a long entry cannot break a post.
import { describe, expect, it } from 'vitest';
import { parseCustomId } from '../../../adapters/discord/custom-ids.js';
import { renderReply, renderRoutine, renderTip, type DiscordMessage } from '../../../adapters/discord/render.js';
import { conversationId, isForUs, stripMention, toChatRequest } from '../../../adapters/discord/translate.js';
import { conversationPrefix } from '../../../src/store/store.js';
import { ChatRequestSchema, type AnswerReply, type Reply } from '../../../src/core/reply-schema.js';
import { createAssistant } from '../../../src/core/assistant.js';

const answer = (over: Partial<AnswerReply> = {}): AnswerReply => ({
  kind: 'answer', text: 'Plain text of the answer.', confidence: 0.8, notes: [],
  entry: { entryId: 'hips', title: 'Tight hips', tags: ['hip-flexors'], kind: 'faq' },
  summary: 'Moving often helps.', steps: [], cautions: [], durationS: null, dose: null,
  sources: [{ title: 'Low back pain and sciatica', publisher: 'NICE', url: 'https://www.nice.org.uk/guidance/ng59', year: 2020 }],
  related: [], followUps: [], medical: true, ...over,
});

function checkLimits(m: DiscordMessage) {
  expect((m.content ?? '').length).toBeLessThanOrEqual(2000);
  for (const e of m.embeds ?? []) {
    const total = (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(e.title!.length).toBeLessThanOrEqual(256);
    expect(e.description!.length).toBeLessThanOrEqual(4096);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(25);
    for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(1024);
  }
  expect((m.components ?? []).length).toBeLessThanOrEqual(5);
  for (const row of m.components ?? []) {
    expect(row.components.length).toBeLessThanOrEqual(5);
    for (const b of row.components) {
      const id = (b as { custom_id: string }).custom_id;
      expect(id.length).toBeLessThanOrEqual(100);
      expect(parseCustomId(id)).not.toBeNull();
      expect((b as { label: string }).label.length).toBeLessThanOrEqual(80);
    }
  }
}

describe('renderReply (Discord)', () => {
  it('an answer is an embed: title, summary, sources as links, the medical line in the footer, feedback buttons', () => {
    const m = renderReply(answer({ related: [{ entryId: 'sitting', title: 'Sitting all day', tags: [], kind: 'faq' }] }));
    const e = m.embeds![0]!;
    expect(e.title).toBe('Tight hips');
    expect(e.fields!.at(-1)!.value).toContain('[Low back pain and sciatica](https://www.nice.org.uk/guidance/ng59)');
    expect(e.footer!.text).toContain('Education, not medical advice.');
    expect(m.components![0]!.components.map((b: any) => b.custom_id)).toEqual(['feedback_helpful|hips', 'feedback_not_helpful|hips', 'open_entry:0|sitting']);
  });

  it('a non-medical answer has no medical line', () => {
    expect(renderReply(answer({ medical: false })).embeds![0]!.footer).toBeUndefined();
  });

  it('an urgent reply is plain content with a heading: no embed, no buttons, no pings', () => {
    const r: Reply = { kind: 'urgent', text: 'Please get urgent medical help now.\nCall 999 or go to A&E now.', confidence: 1, notes: ['a note'], urgency: 'emergency', ruleId: 'r', crisis: false };
    const m = renderReply(r);
    expect(m.content).toBe('## Please get urgent medical help now.\nCall 999 or go to A&E now.');
    expect(m.embeds).toEqual([]);
    expect(m.components).toEqual([]);
    expect(m.allowedMentions.parse).toEqual([]);
  });

  it('escapes markdown echoed from people', () => {
    const r: Reply = { kind: 'out_of_scope', text: 'You asked about **bold** and @everyone', confidence: 0, notes: [], reason: 'off_topic', suggestions: [] };
    expect(renderReply(r).content).toContain('\\*\\*bold\\*\\*');
  });

  it('keeps huge texts within Discord\'s limits', () => {
    const long = 'x*'.repeat(5000);
    checkLimits(renderReply(answer({ summary: long, steps: Array(40).fill(long), cautions: Array(10).fill(long), notes: [long], text: long, followUps: [long] })));
  });

  it('renders every entry of the knowledge base within Discord\'s limits', () => {
    const a = createAssistant();
    for (const e of a.kb.entries) {
      const reply = a.entry(e.id)!;
      checkLimits(renderReply(reply));
      checkLimits(renderRoutine(reply, '12345678901234567890'));
    }
    checkLimits(renderTip(a.tip('swimming')));
  });
});

describe('translate (Discord)', () => {
  const m = { authorId: 'U1', authorIsBot: false, content: '<@B1> hi <@!B1> there', channelId: 'C1', guildId: 'G1', inThread: false, mentionsBot: true };
  it('strips the bot mention, old and new forms', () => expect(stripMention(m.content, 'B1')).toBe('hi there'));
  it('answers DMs and mentions, never bots or itself', () => {
    expect(isForUs(m, 'B1')).toBe('mention');
    expect(isForUs({ ...m, guildId: null, mentionsBot: false }, 'B1')).toBe('dm');
    expect(isForUs({ ...m, mentionsBot: false }, 'B1')).toBeNull();
    expect(isForUs({ ...m, authorIsBot: true }, 'B1')).toBeNull();
    expect(isForUs({ ...m, authorId: 'B1' }, 'B1')).toBeNull();
  });
  it('one conversation per DM, per thread, and per person in a channel', () => {
    expect(conversationId({ ...m, guildId: null })).toBe('discord:dm:C1');
    expect(conversationId({ ...m, inThread: true })).toBe('discord:G1:C1');
    expect(conversationId(m)).toBe('discord:G1:C1:U1');
  });
  it('names the server as the workspace, so question limits apply and data export --guild finds the context', () => {
    const req = toChatRequest(m, 'B1');
    expect(req.from).toEqual({ workspace: 'G1', channel: 'C1', user: 'U1', direct: false });
    expect(req.conversation!.startsWith(conversationPrefix('discord', 'G1'))).toBe(true);
    expect(ChatRequestSchema.safeParse(req).success).toBe(true);
    expect(toChatRequest({ ...m, guildId: null }, 'B1').from).toEqual({ workspace: 'dm', channel: 'C1', user: 'U1', direct: true });
  });
});
