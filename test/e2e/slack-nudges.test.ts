// Channel nudges through the Slack sink: the real nudge engine posts to the fake Web API, and Slack's
// errors come back as the failure kinds the engine retries, waits on, or disables for.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Assistant } from '../../src/core/assistant.js';
import { isStretch } from '../../src/knowledge/schema.js';
import { createNudgeEngine } from '../../src/nudges/engine.js';
import { routineCatalog, type RoutineCatalog } from '../../src/nudges/routines.js';
import type { Nudge } from '../../src/nudges/sink.js';
import { fixedClock } from '../../src/common/clock.js';
import { MemoryStore } from '../../src/store/memory.js';
import { parseJsonArg } from '../fakes/slack-api.js';
import { startSlackHarness, type SlackHarness } from '../fakes/slack-harness.js';
import { testAssistant } from '../fakes/slack-test-assistant.js';

const NOW = new Date('2026-03-24T08:00:00Z'); // Tuesday 09:00 Berlin
let assistant: Assistant;
let routines: RoutineCatalog;
let store: MemoryStore;
let h: SlackHarness;

const target = { platform: 'slack' as const, workspace: 'T1', channel: 'C_NUDGE' };
const nudge = (): Nudge => ({ subscriptionId: '42', slot: NOW.toISOString(), target, routine: assistant.stretch() });

beforeAll(() => {
  assistant = testAssistant({ clock: fixedClock(NOW) });
  routines = routineCatalog(assistant.kb.entries.filter(isStretch), (e) => assistant.entry(e.id)!);
});
beforeEach(async () => {
  store = new MemoryStore(fixedClock(NOW));
  h = await startSlackHarness({ assistant, store, clock: fixedClock(NOW) });
});
afterEach(async () => {
  await h.close();
});

describe('SlackNudgeSink', () => {
  it('posts the routine with Done / Snooze 1 h / Another one and returns the message ts', async () => {
    const result = await h.slack.sink.post(nudge());
    expect(result).toMatchObject({ ok: true, messageRef: expect.any(String) });
    const [post] = await h.api.waitFor((c) => c.method === 'chat.postMessage');
    expect(post!.args.channel).toBe('C_NUDGE');
    const actions = parseJsonArg<any[]>(post!.args.blocks).find((b) => b.type === 'actions');
    expect(actions.elements.map((e: any) => e.action_id)).toEqual(['nudge_done', 'nudge_snooze', 'nudge_another']);
    expect(actions.elements[0].value).toMatch(/\|42$/);
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'invalid_auth', 'token_revoked'])(
    '%s is permanent', async (error) => {
      h.api.on('chat.postMessage', () => ({ error }));
      expect(await h.slack.sink.post(nudge())).toMatchObject({ ok: false, failure: { kind: 'permanent', code: error } });
    });

  it('HTTP 429 is rate_limited with retry-after in ms', async () => {
    h.api.on('chat.postMessage', () => ({ httpStatus: 429, headers: { 'retry-after': '7' } }));
    expect(await h.slack.sink.post(nudge())).toEqual({ ok: false, failure: { kind: 'rate_limited', retryAfterMs: 7000 } });
  });

  it.each([
    ['internal_error', () => ({ error: 'internal_error' })],
    ['HTTP 503', () => ({ httpStatus: 503, body: 'unavailable' })],
  ])('%s is transient', async (_name, handler) => {
    h.api.on('chat.postMessage', handler);
    expect(await h.slack.sink.post(nudge())).toMatchObject({ ok: false, failure: { kind: 'transient' } });
  });
});

describe('the nudge engine with the Slack sink', () => {
  const engine = () => createNudgeEngine({
    store, sinks: [h.slack.sink], routines, log: pino({ level: 'silent' }), clock: fixedClock(NOW), sleep: async () => {}, random: () => 0,
  });
  const subscribe = () => store.upsertSubscription({
    ...target, cadence: { kind: 'every', minutes: 90 }, tz: 'Europe/Berlin', days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    startMinute: 540, endMinute: 1020, focusTags: [], createdBy: 'U_ALICE',
  });

  it('delivers a due nudge to the channel', async () => {
    const sub = await subscribe();
    const report = await engine().tick(sub.nextSlot!);
    expect(report.delivered).toBe(1);
    expect(h.api.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'C_NUDGE')).toHaveLength(1);
  });

  it('disables the subscription when Slack says the bot is not in the channel', async () => {
    const sub = await subscribe();
    h.api.on('chat.postMessage', () => ({ error: 'not_in_channel' }));
    const report = await engine().tick(sub.nextSlot!);
    expect(report.disabled).toBe(1);
    expect((await store.getSubscriptionById(sub.id))?.disabled?.code).toBe('not_in_channel');
  });

  it('retries a transient error and then delivers', async () => {
    const sub = await subscribe();
    let calls = 0;
    h.api.on('chat.postMessage', () => (++calls === 1 ? { error: 'internal_error' } : undefined));
    const report = await engine().tick(sub.nextSlot!);
    expect(report.delivered).toBe(1);
    expect(calls).toBe(2);
  });
});
