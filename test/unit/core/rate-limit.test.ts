import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../../src/core/assistant.js';
import { RateLimiter, rateLimitedText, type Asker } from '../../../src/core/rate-limit.js';
import { ReplySchema, type ChatRequest } from '../../../src/core/reply-schema.js';
import type { Clock } from '../../../src/common/clock.js';

/** A clock the test moves by hand: no test sleeps. */
const manualClock = (start: string) => {
  let t = new Date(start).getTime();
  const clock: Clock = { now: () => new Date(t) };
  return { clock, advance: (ms: number) => void (t += ms) };
};

const alice: Asker = { platform: 'slack', workspace: 'T1', channel: 'C1', user: 'U_ALICE' };
const bob: Asker = { ...alice, user: 'U_BOB' };

describe('RateLimiter', () => {
  it('lets the limit through in a window, refuses the next, and frees a place when the oldest leaves the window', () => {
    const { clock, advance } = manualClock('2026-03-02T10:00:00Z');
    const limiter = new RateLimiter({ perUser: 3, perChannel: 0, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      expect(limiter.take(alice, clock.now())).toEqual({ limited: false });
      advance(10_000);
    }
    // Now 30 s after the first; it leaves the window 30 s from now.
    expect(limiter.take(alice, clock.now())).toEqual({ limited: true, by: 'user', retryAfterMs: 30_000 });
    advance(29_999);
    expect(limiter.take(alice, clock.now()).limited).toBe(true);
    advance(1);
    expect(limiter.take(alice, clock.now())).toEqual({ limited: false });
  });

  it('counts people apart, and a channel across its people', () => {
    const { clock } = manualClock('2026-03-02T10:00:00Z');
    const limiter = new RateLimiter({ perUser: 2, perChannel: 3, windowMs: 60_000 });
    expect(limiter.take(alice, clock.now()).limited).toBe(false);
    expect(limiter.take(alice, clock.now()).limited).toBe(false);
    expect(limiter.take(alice, clock.now())).toMatchObject({ limited: true, by: 'user' });
    expect(limiter.take(bob, clock.now()).limited).toBe(false);
    expect(limiter.take(bob, clock.now())).toMatchObject({ limited: true, by: 'channel' });
    // The same people in another channel, and the same ids in another workspace, are counted apart.
    expect(limiter.take({ ...bob, channel: 'C2' }, clock.now()).limited).toBe(false);
    expect(limiter.take({ ...alice, workspace: 'T2' }, clock.now()).limited).toBe(false);
  });

  it('does not count a refused question, and 0 turns a limit off', () => {
    const { clock, advance } = manualClock('2026-03-02T10:00:00Z');
    const limiter = new RateLimiter({ perUser: 1, perChannel: 0, windowMs: 60_000 });
    limiter.take(alice, clock.now());
    for (let i = 0; i < 5; i++) {
      advance(10_000);
      expect(limiter.take(alice, clock.now()).limited).toBe(true);
    }
    advance(10_000);
    expect(limiter.take(alice, clock.now()).limited).toBe(false);
    const open = new RateLimiter({ perUser: 0, perChannel: 0, windowMs: 60_000 });
    for (let i = 0; i < 100; i++) expect(open.take(alice, clock.now()).limited).toBe(false);
  });

  it('keeps a bounded number of ids however many people ask', () => {
    const { clock } = manualClock('2026-03-02T10:00:00Z');
    const limiter = new RateLimiter({ perUser: 5, perChannel: 5, windowMs: 60_000 }, 100);
    for (let i = 0; i < 1000; i++) limiter.take({ ...alice, user: `U${i}`, channel: `C${i}` }, clock.now());
    expect(limiter.size).toBeLessThanOrEqual(100);
  });

  it('words the reply for a person or a channel, with the wait', () => {
    expect(rateLimitedText({ limited: true, by: 'user', retryAfterMs: 12_300 })).toMatch(/^You've asked a lot of questions.*about 13 seconds/);
    expect(rateLimitedText({ limited: true, by: 'channel', retryAfterMs: 400 })).toMatch(/^This conversation has had.*in a second\./);
  });
});

describe('question limits in the assistant', () => {
  const { clock, advance } = manualClock('2026-03-02T10:00:00Z');
  const assistant = createAssistant({ clock, rateLimits: { perUser: 10, perChannel: 10, windowMs: 60_000 } });
  const ask = (text: string, from: Asker, conversation = 'slack:T1:C1:1') =>
    assistant.reply({ text, conversation, platform: 'slack', from: { workspace: from.workspace, channel: from.channel, user: from.user } } as ChatRequest);

  it('answers ten questions a minute, then replies kindly with a kind the adapters already render', async () => {
    const me = { ...alice, user: 'U_TEN', channel: 'C_TEN' };
    for (let i = 0; i < 10; i++) expect((await ask('what helps tight hips?', me)).kind).toBe('answer');
    const r = await ask('what helps tight hips?', me);
    expect(ReplySchema.parse(r)).toMatchObject({ kind: 'out_of_scope', reason: 'rate_limited', suggestions: [] });
    expect(r.text).toMatch(/a lot of questions in the last minute.*ask again in about 60 seconds/);
    advance(60_000);
    expect((await ask('what helps tight hips?', me)).kind).toBe('answer');
  });

  it('never holds back an urgent reply, and the red flag still counts in the conversation', async () => {
    const me = { ...alice, user: 'U_URGENT', channel: 'C_URGENT' };
    for (let i = 0; i < 10; i++) await ask('what helps tight hips?', me, 'slack:T1:C_URGENT:9');
    expect((await ask('what helps tight hips?', me, 'slack:T1:C_URGENT:9')).kind).toBe('out_of_scope');
    const r = await ask("I can't feel the area between my legs and can't control my bladder since my back went", me, 'slack:T1:C_URGENT:9');
    expect(r).toMatchObject({ kind: 'urgent', urgency: 'emergency' });
  });

  it('does not limit requests that do not say who asked (the CLI)', async () => {
    for (let i = 0; i < 15; i++) expect((await assistant.reply({ text: 'what helps tight hips?' })).kind).toBe('answer');
  });

  it('ignores ids it cannot read instead of dropping the conversation', async () => {
    const r = await assistant.reply({ text: 'what helps tight hips?', conversation: 'c-bad', platform: 'slack', from: { workspace: '', channel: 'C', user: 'U' } } as ChatRequest);
    expect(r.kind).toBe('answer');
  });
});
