// The Slack adapter end to end over HTTP: signed requests into the real Bolt receiver, replies recorded
// by the fake Web API and the fake response_url. No nock in this file (it breaks loopback fetch POSTs).
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Assistant } from '../../src/core/assistant.js';
import { MemoryContextStore } from '../../src/core/context.js';
import { MemoryStore } from '../../src/store/memory.js';
import { fixedClock } from '../../src/common/clock.js';
import { parseJsonArg, type SlackApiCall } from '../fakes/slack-api.js';
import { FORM_TYPE, JSON_TYPE, form, postSigned } from '../fakes/slack-sign.js';
import { BOT_TOKEN, SECRET, actionFrom, eventFrom, startSlackHarness, type SlackHarness } from '../fakes/slack-harness.js';
import { testAssistant } from '../fakes/slack-test-assistant.js';

const NOW = new Date('2026-03-24T08:00:00Z'); // a Tuesday, 09:00 in Berlin
let assistant: Assistant;
let contexts: MemoryContextStore;
let store: MemoryStore;
let h: SlackHarness;

const posts = (channel?: string) => (c: SlackApiCall) => c.method === 'chat.postMessage' && (!channel || c.args.channel === channel);
const responseTo = (id: string) => (c: SlackApiCall) => c.method === 'response_url' && c.path === id;
const blocksOf = (c: SlackApiCall): any[] => parseJsonArg(c.args.blocks) ?? [];
const actionIds = (blocks: any[]) => blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements.map((e: any) => e.action_id));
const allText = (blocks: any[]) => JSON.stringify(blocks);

beforeAll(() => {
  contexts = new MemoryContextStore();
  assistant = testAssistant({ contextStore: contexts, clock: fixedClock(NOW) });
});
beforeEach(async () => {
  store = new MemoryStore(fixedClock(NOW));
  h = await startSlackHarness({ assistant, store, clock: fixedClock(NOW) });
});
afterEach(async () => {
  await h.close();
});

describe('mentions and direct messages', () => {
  it('answers a channel mention in a thread under the message', async () => {
    const ev = eventFrom('app_mention');
    const res = await h.postEvent(ev);
    expect(res.status).toBe(200);
    const [post] = await h.api.waitFor(posts('C_GENERAL'));
    expect(post!.args.thread_ts).toBe(ev.event.ts);
    expect(post!.auth).toBe(`Bearer ${BOT_TOKEN}`);
    const blocks = blocksOf(post!);
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(typeof post!.args.text).toBe('string');
  });

  it('keeps context for a follow-up mention in the same thread', async () => {
    const first = eventFrom('app_mention');
    await h.postEvent(first);
    await h.api.waitFor(posts('C_GENERAL'));
    await h.postEvent(eventFrom('app_mention', { text: '<@U_BOT> how long should I hold it?', thread_ts: first.event.ts }));
    const replies = await h.api.waitFor(posts('C_GENERAL'), 2);
    expect(replies.map((c) => c.args.thread_ts)).toEqual([first.event.ts, first.event.ts]);
    const ctx = await contexts.get(`slack:T1:C_GENERAL:${first.event.ts}`, NOW);
    expect(ctx?.turns).toBe(2);
  });

  it('answers a direct message in the DM, not in a thread, and keeps the DM as one conversation', async () => {
    await h.postEvent(eventFrom('message_im'));
    const [post] = await h.api.waitFor(posts('D_ALICE'));
    expect(post!.args.thread_ts).toBeUndefined();
    await h.postEvent(eventFrom('message_im', { text: 'and for how long?' }));
    await h.api.waitFor(posts('D_ALICE'), 2);
    expect((await contexts.get('slack:T1:D_ALICE', NOW))?.turns).toBe(2);
  });

  it('ignores bots, edits and its own posts', async () => {
    await h.postEvent(eventFrom('message_im_bot'));
    await h.postEvent(eventFrom('message_im_changed'));
    await h.postEvent(eventFrom('message_im', { user: 'U_BOT', bot_id: 'B_BOT', text: 'my own answer' }));
    await h.postEvent(eventFrom('app_mention', { edited: { user: 'U_ALICE', ts: '1700000999.000000' } }));
    // A real question afterwards is the barrier: the ignored events did no I/O, so they are done by now.
    await h.postEvent(eventFrom('message_im', { channel: 'D_BARRIER' }));
    await h.api.waitFor(posts('D_BARRIER'));
    expect(h.api.calls.filter(posts())).toHaveLength(1);
  });

  it('renders an urgent reply plainly: a header and text, no buttons', async () => {
    const text = 'I suddenly cannot control my bladder and my saddle area is numb';
    expect((await assistant.reply({ text, conversation: 'probe-urgent' })).kind).toBe('urgent');
    await h.postEvent(eventFrom('app_mention', { text: `<@U_BOT> ${text}`, channel: 'C_URGENT' }));
    const blocks = blocksOf((await h.api.waitFor(posts('C_URGENT')))[0]!);
    expect(blocks[0].type).toBe('header');
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    // Slack has the command, so the reply may offer it; the terminal's wording never does.
    expect(allText(blocks)).toContain('/backbuddy nudges pause');
  });

  it('escapes text that could ping or link when it is echoed', async () => {
    await h.postEvent(eventFrom('message_im', { text: '<!channel> <@U_EVE> <https://evil.example|click> my back hurts &', channel: 'D_ESC' }));
    const post = (await h.api.waitFor(posts('D_ESC')))[0]!;
    const json = allText(blocksOf(post)) + String(post.args.text);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U_EVE>');
  });
});

describe('Slack retries and bad requests', () => {
  it('answers once when Slack retries an event it already delivered', async () => {
    const ev = eventFrom('app_mention', { channel: 'C_RETRY' });
    await h.postEvent(ev);
    await h.api.waitFor(posts('C_RETRY'));
    const retry = await h.postEvent(ev, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await h.waitForLog('slack_retry_dropped');
    expect(h.api.calls.filter(posts('C_RETRY'))).toHaveLength(1);
  });

  it('answers once when the retry reaches another replica sharing the store', async () => {
    const other = await startSlackHarness({ assistant, store, clock: fixedClock(NOW) });
    try {
      const ev = eventFrom('app_mention', { channel: 'C_REPLICA' });
      await h.postEvent(ev);
      await h.api.waitFor(posts('C_REPLICA'));
      const retry = await other.postEvent(ev, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
      expect(retry.status).toBe(200);
      await other.waitForLog('slack_retry_dropped');
      expect(other.api.calls.filter(posts('C_REPLICA'))).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('answers a retry whose first delivery never arrived', async () => {
    await h.postEvent(eventFrom('app_mention', { channel: 'C_LOST' }), { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } });
    await h.api.waitFor(posts('C_LOST'));
  });

  it('rejects a bad signature with 401 and does nothing', async () => {
    const body = JSON.stringify(eventFrom('app_mention'));
    const res = await postSigned(h.url, 'not-the-secret-at-all', body, JSON_TYPE);
    expect(res.status).toBe(401);
    expect(res.text).toBe('');
    expect(h.api.calls).toHaveLength(1); // only auth.test at start-up
  });

  it('rejects a correctly signed but stale request (over 5 minutes old) with 401', async () => {
    const body = form({ command: '/backtip', text: '', team_id: 'T1', channel_id: 'C1', user_id: 'U1', response_url: `${h.api.responseBase}stale`, trigger_id: 't' });
    const res = await postSigned(h.url, SECRET, body, FORM_TYPE, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    expect(h.api.calls).toHaveLength(1);
  });

  it('answers a signed body that is not JSON with 400', async () => {
    const res = await postSigned(h.url, SECRET, '{"type":"event_callback", oops', JSON_TYPE);
    expect(res.status).toBe(400);
    expect(h.api.calls).toHaveLength(1);
  });

  it('tells the person politely when a button carries a malformed value', async () => {
    const res = await h.postAction(actionFrom('block_actions', 'nudge_done', '%%%not|an|id'));
    expect(res.status).toBe(200);
    const [reply] = await h.api.waitFor(responseTo(res.responseId));
    expect(reply!.args.response_type).toBe('ephemeral');
    expect(allText(reply!.args.blocks as any[])).toContain('did not carry what I expected');
    await h.waitForLog('slack_action_malformed');
  });

  it('keeps answering other conversations while one reply is rate limited (429)', async () => {
    h.api.on('chat.postMessage', (args) => (args.channel === 'C_BUSY' ? { httpStatus: 429, headers: { 'retry-after': '10' } } : undefined));
    await h.postEvent(eventFrom('app_mention', { channel: 'C_BUSY' }));
    await h.api.waitFor(posts('C_BUSY'));
    await h.postEvent(eventFrom('app_mention', { channel: 'C_CALM' }));
    // WebClient's default would pause every call for retry-after (10 s, the longest a reply waits); the
    // other answer must come before that, and while the busy one still waits for its retry. Half of
    // retry-after leaves a cold machine seconds for one answer without letting a paused queue pass.
    await h.api.waitFor(posts('C_CALM'), 1, 5000);
    expect(h.api.calls.filter(posts('C_BUSY'))).toHaveLength(1);
    await h.waitForLog('slack_reply_rate_limited');
  });

  it('retries a rate-limited reply once after retry-after', async () => {
    let first = true;
    h.api.on('chat.postMessage', () => {
      if (!first) return undefined;
      first = false;
      return { httpStatus: 429, headers: { 'retry-after': '0' } };
    });
    await h.postEvent(eventFrom('app_mention', { channel: 'C_SOON' }));
    await h.api.waitFor(posts('C_SOON'), 2);
  });

  it('logs codes, never the message text or the token', async () => {
    await h.postEvent(eventFrom('app_mention', { text: '<@U_BOT> my secret sciatica question zebra', channel: 'C_LOG' }));
    h.api.on('chat.postMessage', () => ({ error: 'channel_not_found' }));
    await h.waitForLog('slack_answer_mention_failed');
    expect(h.rawLogs()).not.toContain('zebra');
    expect(h.rawLogs()).not.toContain(BOT_TOKEN);
    expect(h.logs.find((l) => l.code === 'slack_answer_mention_failed')?.slackError).toBe('channel_not_found');
  });
});

describe('/backtip', () => {
  it('answers on the ack with an ephemeral tip and a Share in channel button', async () => {
    const res = await h.postCommand({ command: '/backtip', text: '' });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text);
    expect(body.response_type).toBe('ephemeral');
    expect(actionIds(body.blocks)).toEqual(expect.arrayContaining(['share_tip', 'feedback_helpful', 'feedback_not_helpful']));
  });

  it('falls back to the closest tag for an unknown topic and says so', async () => {
    const tip = assistant.tip('swimming');
    expect(tip.fellBack).toBe(true);
    const res = await h.postCommand({ command: '/backtip', text: 'swimming' });
    const body = JSON.parse(res.text);
    const notes = body.blocks.filter((b: any) => b.type === 'context').map((b: any) => b.elements[0].text);
    expect(notes.some((t: string) => t.includes('swimming'))).toBe(true);
  });

  it('shares the tip in the channel through response_url and removes the ephemeral one', async () => {
    const tipId = assistant.tip().reply.entry.entryId;
    const res = await h.postAction(actionFrom('block_actions_ephemeral', 'share_tip', tipId));
    const [shared, removed] = await h.api.waitFor(responseTo(res.responseId), 2);
    expect(shared!.args.response_type).toBe('in_channel');
    expect(actionIds(shared!.args.blocks as any[])).not.toContain('share_tip');
    expect(removed!.args.delete_original).toBe(true);
  });
});

describe('/backbuddy', () => {
  it('ask: acks at once, then answers ephemerally through response_url', async () => {
    const res = await h.postCommand({ command: '/backbuddy', text: 'ask is sitting bad for my back?' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const [reply] = await h.api.waitFor(responseTo(res.responseId));
    expect(reply!.args.response_type).toBe('ephemeral');
    expect((reply!.args.blocks as any[]).length).toBeGreaterThan(0);
  });

  it('ask without a question shows the form', async () => {
    const body = JSON.parse((await h.postCommand({ command: '/backbuddy', text: 'ask' })).text);
    expect(allText(body.blocks)).toContain('/backbuddy ask &lt;question&gt;');
  });

  it('stretch: a routine now with Done / Snooze 1 h / Another one', async () => {
    const body = JSON.parse((await h.postCommand({ command: '/backbuddy', text: 'stretch' })).text);
    expect(body.response_type).toBe('ephemeral');
    expect(actionIds(body.blocks)).toEqual(['nudge_done', 'nudge_snooze', 'nudge_another']);
  });

  it.each(['help', '', 'frobnicate'])('help for "%s" lists the commands and topics', async (text) => {
    const body = JSON.parse((await h.postCommand({ command: '/backbuddy', text })).text);
    const all = allText(body.blocks);
    expect(all).toContain('/backtip');
    expect(all).toContain('/backbuddy nudges on');
    expect(all).toContain(assistant.topics()[0]!);
    if (text === 'frobnicate') expect(all).toContain('frobnicate');
  });

  it('nudges on: announces in the channel, subscribes, and confirms with the next slot', async () => {
    const res = await h.postCommand({ command: '/backbuddy', text: 'nudges on every 90m hours 9-17 days mon-fri tz Europe/Berlin', channel_id: 'C_TEAM' });
    expect(res.text).toBe('');
    const [confirm] = await h.api.waitFor(responseTo(res.responseId));
    expect(h.api.calls.filter(posts('C_TEAM'))).toHaveLength(1);
    const sub = await store.getSubscription({ platform: 'slack', workspace: 'T1', channel: 'C_TEAM' });
    expect(sub).toMatchObject({ tz: 'Europe/Berlin', startMinute: 540, endMinute: 1020, cadence: { kind: 'every', minutes: 90 }, createdBy: 'U_ALICE' });
    expect(allText(confirm!.args.blocks as any[])).toContain('every 90m hours 9-17 days mon-fri tz Europe/Berlin');
  });

  it('nudges on where the bot is not a member: asks to be invited and does not subscribe', async () => {
    h.api.on('chat.postMessage', () => ({ error: 'not_in_channel' }));
    const res = await h.postCommand({ command: '/backbuddy', text: 'nudges on', channel_id: 'C_PRIVATE' });
    const [reply] = await h.api.waitFor(responseTo(res.responseId));
    expect(allText(reply!.args.blocks as any[])).toContain('/invite');
    expect(await store.getSubscription({ platform: 'slack', workspace: 'T1', channel: 'C_PRIVATE' })).toBeNull();
  });

  it.each([
    ['nudges on every 10m', 'every'],
    ['nudges on hours 18-9', 'hours'],
    ['nudges on tz Mars/Olympus', 'tz'],
    ['nudges on sometimes', 'sometimes'],
    ['nudges on focus banana', 'unknown focus'],
    ['nudges pause soon', 'pause'],
    ['nudges snooze', 'snooze'],
  ])('"%s" gets a reply naming %s and showing the right form', async (text, named) => {
    const res = await h.postCommand({ command: '/backbuddy', text, channel_id: 'C_FORM' });
    const body = res.text ? JSON.parse(res.text) : (await h.api.waitFor(responseTo(res.responseId)))[0]!.args;
    const all = allText(body.blocks as any[]);
    expect(all).toContain(named);
    expect(all).toContain('/backbuddy nudges on every 90m hours 9-17 days mon-fri tz Europe/Berlin');
    expect(await store.getSubscription({ platform: 'slack', workspace: 'T1', channel: 'C_FORM' })).toBeNull();
  });

  it('nudges status, pause 2h, resume and off work on the channel', async () => {
    const target = { platform: 'slack' as const, workspace: 'T1', channel: 'C_CYCLE' };
    const run = async (text: string) => {
      const res = await h.postCommand({ command: '/backbuddy', text, channel_id: 'C_CYCLE' });
      return allText((await h.api.waitFor(responseTo(res.responseId)))[0]!.args.blocks as any[]);
    };
    expect(await run('nudges status')).toContain('off in this channel');
    await run('nudges on every 2h');
    expect(await run('nudges status')).toContain('every 2h');
    await run('nudges pause 2h');
    expect((await store.getSubscription(target))?.pausedUntil?.toISOString()).toBe('2026-03-24T10:00:00.000Z');
    expect(await run('nudges status')).toContain('paused until');
    await run('nudges resume');
    expect((await store.getSubscription(target))?.pausedUntil).toBeNull();
    expect(await run('nudges off')).toContain('off in this channel');
    expect(await store.getSubscription(target)).toBeNull();
  });
});

describe('buttons', () => {
  it('Helpful and Not helpful are stored as feedback', async () => {
    const id = assistant.tip().reply.entry.entryId;
    const a = await h.postAction(actionFrom('block_actions', 'feedback_helpful', id));
    const b = await h.postAction(actionFrom('block_actions', 'feedback_not_helpful', id));
    await h.api.waitFor(responseTo(a.responseId));
    await h.api.waitFor(responseTo(b.responseId));
    expect(await store.feedbackCounts()).toEqual([{ entryId: id, helpful: 1, notHelpful: 1 }]);
  });

  it('a related entry opens in the thread of the channel answer', async () => {
    const id = assistant.tip().reply.entry.entryId;
    await h.postAction(actionFrom('block_actions', 'open_entry:0', id));
    const [post] = await h.api.waitFor(posts('C_GENERAL'));
    expect(post!.args.thread_ts).toBe('1700000100.000100');
    expect(actionIds(blocksOf(post!))).toContain('feedback_helpful');
  });

  it('a clarify option on an ephemeral answer is shown to the presser only', async () => {
    const id = assistant.tip().reply.entry.entryId;
    const res = await h.postAction(actionFrom('block_actions_ephemeral', 'clarify_option:1', id));
    const [reply] = await h.api.waitFor(responseTo(res.responseId));
    expect(reply!.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(h.api.calls.filter(posts())).toHaveLength(0);
  });

  it('an entry that no longer exists gets a polite note', async () => {
    const res = await h.postAction(actionFrom('block_actions', 'open_entry:0', 'no-such-entry'));
    const [reply] = await h.api.waitFor(responseTo(res.responseId));
    expect(allText(reply!.args.blocks as any[])).toContain('no longer available');
  });

  it('nudge Done counts a done for the channel and day', async () => {
    const sub = await store.upsertSubscription({ platform: 'slack', workspace: 'T1', channel: 'C_GENERAL', cadence: { kind: 'every', minutes: 90 }, tz: 'Europe/Berlin', days: ['mon'], startMinute: 540, endMinute: 1020, focusTags: [], createdBy: 'U_ALICE' });
    const res = await h.postAction(actionFrom('block_actions', 'nudge_done', `${assistant.stretch().entry.entryId}|${sub.id}`));
    await h.api.waitFor(responseTo(res.responseId));
    expect(await store.doneCounts({ platform: 'slack', workspace: 'T1', channel: 'C_GENERAL' }, '2026-03-24', '2026-03-24'))
      .toEqual([expect.objectContaining({ day: '2026-03-24', count: 1 })]);
  });

  it('nudge Snooze 1 h pauses the subscription for an hour', async () => {
    const sub = await store.upsertSubscription({ platform: 'slack', workspace: 'T1', channel: 'C_GENERAL', cadence: { kind: 'every', minutes: 90 }, tz: 'Europe/Berlin', days: ['mon'], startMinute: 540, endMinute: 1020, focusTags: [], createdBy: 'U_ALICE' });
    const res = await h.postAction(actionFrom('block_actions', 'nudge_snooze', `${assistant.stretch().entry.entryId}|${sub.id}`));
    await h.api.waitFor(responseTo(res.responseId));
    expect((await store.getSubscriptionById(sub.id))?.pausedUntil?.toISOString()).toBe('2026-03-24T09:00:00.000Z');
  });

  it('nudge Snooze without nudges in the channel says there is nothing to snooze', async () => {
    const res = await h.postAction(actionFrom('block_actions_ephemeral', 'nudge_snooze', `${assistant.stretch().entry.entryId}|`));
    const [reply] = await h.api.waitFor(responseTo(res.responseId));
    expect(allText(reply!.args.blocks as any[])).toContain('no nudges in this channel to snooze');
  });

  it('nudge Another one replaces a personal routine with a different one', async () => {
    const shown = assistant.stretch().entry.entryId;
    const res = await h.postAction(actionFrom('block_actions_ephemeral', 'nudge_another', `${shown}|`));
    const [reply] = await h.api.waitFor(responseTo(res.responseId));
    expect(reply!.args.replace_original).toBe(true);
    const value = (reply!.args.blocks as any[]).find((b) => b.type === 'actions').elements[0].value as string;
    expect(value.split('|')[0]).not.toBe(shown);
  });
});

describe('App Home', () => {
  it('publishes what the bot does, quick tips and the nudge status of the person\'s channels', async () => {
    await store.upsertSubscription({ platform: 'slack', workspace: 'T1', channel: 'C_MINE', cadence: { kind: 'every', minutes: 90 }, tz: 'Europe/Berlin', days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: 540, endMinute: 1020, focusTags: [], createdBy: 'U_ALICE' });
    await store.upsertSubscription({ platform: 'slack', workspace: 'T1', channel: 'C_THEIRS', cadence: { kind: 'every', minutes: 90 }, tz: 'Europe/Berlin', days: ['mon'], startMinute: 540, endMinute: 1020, focusTags: [], createdBy: 'U_BOB' });
    await h.postEvent(eventFrom('app_home_opened'));
    const [call] = await h.api.waitFor((c) => c.method === 'views.publish');
    expect(call!.args.user_id).toBe('U_ALICE');
    const view = parseJsonArg(call!.args.view);
    expect(view.type).toBe('home');
    const all = allText(view.blocks);
    expect(all).toContain('Quick tips');
    expect(all).toContain('<#C_MINE>');
    expect(all).not.toContain('C_THEIRS');
  });

  it('does not publish for the Messages tab', async () => {
    await h.postEvent(eventFrom('app_home_opened', { tab: 'messages' }));
    await h.postEvent(eventFrom('message_im', { channel: 'D_BARRIER2' }));
    await h.api.waitFor(posts('D_BARRIER2'));
    expect(h.api.calls.filter((c) => c.method === 'views.publish')).toHaveLength(0);
  });
});
