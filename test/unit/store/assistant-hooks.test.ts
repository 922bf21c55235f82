import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../../src/core/assistant.js';
import type { ChatRequest } from '../../../src/core/reply-schema.js';
import { storeHooks } from '../../../src/store/assistant-hooks.js';
import { MemoryStore } from '../../../src/store/memory.js';
import { manualClock } from './contract.js';

const clock = manualClock('2026-03-23T10:00:00Z');
const store = new MemoryStore(clock);
const warnings: unknown[] = [];
const assistant = createAssistant({ clock, ...storeHooks(store, { warn: (o) => void warnings.push(o) }, clock) });
const from = (channel: string, direct = false) => ({ workspace: 'T1', channel, user: 'U_SECRET_PERSON', direct });
const ask = (text: string, f: ChatRequest['from'], conversation?: string) =>
  assistant.reply({ text, platform: 'slack', from: f, ...(conversation ? { conversation } : {}) });
// The hooks run after the reply is returned; a macrotask lets them finish.
const settle = () => new Promise((r) => setImmediate(r));

describe('what the assistant keeps in the store', () => {
  it('counts questions per channel by kind and tag, direct messages together, with no user id', async () => {
    await ask('why do my hips feel tight after sitting all day?', from('C1'), 'slack:T1:C1:1');
    await ask('what is the capital of France?', from('C1'));
    await ask('hello!', from('C1'));
    await ask('what helps tight hips?', from('D1', true));
    await ask('what helps tight hips?', from('D2', true));
    await ask("I can't feel the area between my legs and can't control my bladder", from('C2'));
    await settle();
    const stats = await store.channelStats({ fromDay: '2026-03-23', toDay: '2026-03-23' });
    expect(stats.map((s) => [s.channel, s.questions, s.answered])).toEqual([['(direct)', 2, 2], ['C1', 2, 1]]);
    expect(Object.keys(stats[1]!.byTag).length).toBeGreaterThan(0);
    const exported = JSON.stringify(await store.exportWorkspace('slack', 'T1'));
    expect(exported).not.toContain('U_SECRET_PERSON');
    expect(exported).toContain('slack:T1:C1:1');
    expect(warnings).toEqual([]);
  });

  it('keeps the scrubbed text of questions it nearly covered, with the workspace, and not off-topic ones', async () => {
    const hooks = storeHooks(store, { warn: (o) => void warnings.push(o) }, clock);
    const origin = { ...from('C1'), platform: 'slack' as const, direct: false };
    await hooks.onUnanswered!('<@U_OTHER> Does CUPPING help, call 07700 900123', 'low_confidence', 0.3, origin);
    await hooks.onUnanswered!('who won the football last night?', 'off_topic', 0, origin);
    await hooks.onUnanswered!('from the terminal', 'low_confidence', 0.2);
    const kept = await store.listUnanswered(10);
    expect(kept.map((q) => [q.text, q.platform, q.workspace])).toEqual([
      ['from the terminal', null, null],
      ['does cupping help, call', 'slack', 'T1'],
    ]);
  });
});
