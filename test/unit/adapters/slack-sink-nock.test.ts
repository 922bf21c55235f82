import { singleWorkspace } from '../../../adapters/slack/clients.js';
// The nudge sink against Slack's real Web API address (no SLACK_API_URL override), with nock standing
// in for slack.com: single HTTP calls, so nock fits here (loopback fakes cover the rest; the two are
// kept in separate files because nock breaks fetch POST pass-through to loopback).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import nock from 'nock';
import { webApi } from '@slack/bolt';
import pino from 'pino';
import { SlackNudgeSink } from '../../../adapters/slack/sink.js';
import { SlackImages } from '../../../adapters/slack/images.js';
import { createAssistant } from '../../../src/core/assistant.js';
import type { Nudge } from '../../../src/nudges/sink.js';

const assistant = createAssistant();
const nudge: Nudge = {
  subscriptionId: '7',
  slot: '2026-03-24T08:00:00.000Z',
  target: { platform: 'slack', workspace: 'T1', channel: 'C1' },
  routine: assistant.stretch(),
};
const client = new webApi.WebClient('xoxb-test', { rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
// No illustrations here (the loopback tests cover uploads): a routine whose picture is not available is posted without it.
const noImages = { images: { svgPath: () => null, png: async () => null }, uploads: { get: async () => null, save: async () => {}, forget: async () => {} } };
const sink = new SlackNudgeSink(client, new SlackImages(singleWorkspace(client), noImages, pino({ level: 'silent' })));

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('SlackNudgeSink on the real API address', () => {
  it('posts the routine and returns the message ts', async () => {
    let body = '';
    nock('https://slack.com').post('/api/chat.postMessage', (b) => ((body = JSON.stringify(b)), true)).reply(200, { ok: true, ts: '171.5', channel: 'C1' });
    expect(await sink.post(nudge)).toEqual({ ok: true, messageRef: '171.5' });
    expect(body).toContain('C1');
  });

  it('turns a 429 into rate_limited with the retry-after wait', async () => {
    nock('https://slack.com').post('/api/chat.postMessage').reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '7' });
    expect(await sink.post(nudge)).toEqual({ ok: false, failure: { kind: 'rate_limited', retryAfterMs: 7000 } });
  });

  it('turns channel_not_found into a permanent failure', async () => {
    nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: false, error: 'channel_not_found' });
    expect(await sink.post(nudge)).toMatchObject({ ok: false, failure: { kind: 'permanent', code: 'channel_not_found' } });
  });

  it('turns a 500 into a transient failure', async () => {
    nock('https://slack.com').post('/api/chat.postMessage').reply(500, 'oops');
    expect(await sink.post(nudge)).toMatchObject({ ok: false, failure: { kind: 'transient' } });
  });
});
