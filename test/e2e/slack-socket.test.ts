// The Slack adapter in Socket Mode: the same app, connected to a fake Socket Mode server; envelopes in,
// acks and Web API calls out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assistant } from '../../src/core/assistant.js';
import { fixedClock } from '../../src/common/clock.js';
import { MemoryStore } from '../../src/store/memory.js';
import { parseJsonArg } from '../fakes/slack-api.js';
import { APP_TOKEN, actionFrom, eventFrom, fixture, startSlackHarness, type SlackHarness } from '../fakes/slack-harness.js';
import { testAssistant } from '../fakes/slack-test-assistant.js';

const NOW = new Date('2026-03-24T08:00:00Z');
let assistant: Assistant;
let store: MemoryStore;
let h: SlackHarness;

beforeAll(async () => {
  assistant = testAssistant({ clock: fixedClock(NOW) });
  store = new MemoryStore(fixedClock(NOW));
  h = await startSlackHarness({ assistant, store, clock: fixedClock(NOW), mode: 'socket' });
});
afterAll(async () => {
  await h.close();
});

describe('Socket Mode', () => {
  it('opens the connection with the app token', () => {
    const open = h.api.calls.find((c) => c.method === 'apps.connections.open');
    expect(open?.auth).toBe(`Bearer ${APP_TOKEN}`);
    expect(h.slack.mode).toBe('socket');
  });

  it('acks a mention and answers in its thread', async () => {
    const ev = eventFrom('app_mention', { channel: 'C_SOCK' });
    const ack = await h.socket!.send('events_api', ev);
    expect(ack.envelope_id).toMatch(/^env-/);
    const [post] = await h.api.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C_SOCK');
    expect(post!.args.thread_ts).toBe(ev.event.ts);
  });

  it('drops a redelivered envelope of an event it already answered', async () => {
    const ev = eventFrom('message_im', { channel: 'D_SOCK' });
    await h.socket!.send('events_api', ev);
    await h.api.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'D_SOCK');
    await h.socket!.send('events_api', ev, 1);
    await h.waitForLog('slack_retry_dropped');
    expect(h.api.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'D_SOCK')).toHaveLength(1);
  });

  it('answers /backtip in the ack payload', async () => {
    const ack = await h.socket!.send('slash_commands', { ...fixture<Record<string, string>>('slash_command'), command: '/backtip', text: 'sitting' });
    const payload = ack.payload as { response_type: string; blocks: any[] };
    expect(payload.response_type).toBe('ephemeral');
    expect(JSON.stringify(payload.blocks)).toContain('share_tip');
  });

  it('handles a button press', async () => {
    const id = assistant.tip().reply.entry.entryId;
    await h.socket!.send('interactive', { ...actionFrom('block_actions', 'open_entry:0', id), channel: { id: 'C_SOCKBTN', name: 'x' }, container: { type: 'message', channel_id: 'C_SOCKBTN', message_ts: '1.2', is_ephemeral: false }, message: { ts: '1.2', type: 'message' } });
    const [post] = await h.api.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C_SOCKBTN');
    expect(post!.args.thread_ts).toBe('1.2');
    expect(parseJsonArg<any[]>(post!.args.blocks).some((b) => b.type === 'header')).toBe(true);
  });
});
