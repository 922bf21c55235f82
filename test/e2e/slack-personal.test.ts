// Personal nudges end to end on the fake Slack Web API: `/backbuddy nudges on me` (and the same words
// in a DM) reads the person's zone with users.info, opens their DM with conversations.open, and the
// real nudge engine posts there; a zone change is picked up after a day; cannot_dm_bot unsubscribes.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Assistant } from '../../src/core/assistant.js';
import { isStretch } from '../../src/knowledge/schema.js';
import { createNudgeEngine } from '../../src/nudges/engine.js';
import { routineCatalog, type RoutineCatalog } from '../../src/nudges/routines.js';
import { personalTarget } from '../../src/nudges/schedule.js';
import { MemoryStore } from '../../src/store/memory.js';
import { parseJsonArg, type SlackApiCall } from '../fakes/slack-api.js';
import { actionFrom, eventFrom, startSlackHarness, type SlackHarness } from '../fakes/slack-harness.js';
import { testAssistant } from '../fakes/slack-test-assistant.js';
import { manualClock, type ManualClock } from '../unit/store/contract.js';

const START = '2026-03-26T06:00:00Z'; // Thursday, 07:00 in Paris
const ME = personalTarget('slack', 'T1', 'U_ALICE');
const posts = (channel: string) => (c: SlackApiCall) => c.method === 'chat.postMessage' && c.args.channel === channel;
const responseTo = (id: string) => (c: SlackApiCall) => c.method === 'response_url' && c.path === id;
const calls = (method: string) => h.api.calls.filter((c) => c.method === method);
const textOf = (c: SlackApiCall | undefined) => JSON.stringify(parseJsonArg<unknown[]>(c?.args.blocks) ?? c?.args.text ?? '');

let assistant: Assistant;
let routines: RoutineCatalog;
let clock: ManualClock;
let store: MemoryStore;
let h: SlackHarness;
/** What the fake users.info says the person's profile zone is. */
let profileTz: string;

beforeAll(() => {
  assistant = testAssistant({ clock: manualClock(START) });
  routines = routineCatalog(assistant.kb.entries.filter(isStretch), (e) => assistant.entry(e.id)!);
});
beforeEach(async () => {
  clock = manualClock(START);
  store = new MemoryStore(clock);
  profileTz = 'Europe/Paris';
  h = await startSlackHarness({
    assistant, store, clock,
    handlers: {
      'users.info': (args) => ({ user: { id: args.user, name: 'not-logged', deleted: false, tz: profileTz, tz_offset: 3600 } }),
      'conversations.open': (args) => ({ channel: { id: `D_${String(args.users).slice(2)}` } }),
    },
  });
});
afterEach(async () => {
  await h.close();
});

const engine = () => createNudgeEngine({ store, sinks: [h.slack.sink], routines, log: h.log, clock, sleep: async () => {}, random: () => 0 });
async function tickAt(iso: string) {
  clock.set(iso);
  return engine().tick(clock.now());
}
async function command(text: string) {
  const res = await h.postCommand({ command: '/backbuddy', text, channel_id: 'C_GENERAL', user_id: 'U_ALICE' });
  const [reply] = await h.api.waitFor(responseTo(res.responseId));
  return textOf(reply);
}

describe('/backbuddy nudges on me', () => {
  it('reads the zone from users.info, announces in the DM opened with conversations.open, and subscribes the DM', async () => {
    const reply = await command('nudges on me every 90m hours 9-17 days mon-fri');
    expect(calls('users.info').map((c) => c.args.user)).toEqual(['U_ALICE']);
    expect(calls('conversations.open').map((c) => c.args.users)).toEqual(['U_ALICE']);
    expect(textOf(calls('chat.postMessage').find(posts('D_ALICE')))).toContain('every 90m hours 9-17 days mon-fri tz Europe/Paris');
    expect(calls('chat.postMessage').filter(posts('C_GENERAL'))).toEqual([]);
    expect(reply).toContain('Europe/Paris');
    expect(reply).toContain('your Slack profile');
    const sub = await store.getSubscription(ME);
    expect(sub).toMatchObject({ tz: 'Europe/Paris', tzFromProfile: true, createdBy: 'U_ALICE' });
    expect(sub?.nextSlot?.toISOString()).toBe('2026-03-26T08:00:00.000Z');
  });

  it('takes a given tz without reading the profile', async () => {
    await command('nudges on me every 2h tz Asia/Tokyo');
    expect(calls('users.info')).toEqual([]);
    expect(await store.getSubscription(ME)).toMatchObject({ tz: 'Asia/Tokyo', tzFromProfile: false });
  });

  it('says how to allow DMs and stores nothing when the person blocked the bot', async () => {
    h.api.on('conversations.open', () => ({ error: 'cannot_dm_bot' }));
    expect(await command('nudges on me')).toContain('cannot send you direct messages');
    expect(await store.getSubscription(ME)).toBeNull();
  });

  it('status me, pause me 2h and off me work on the person\'s own nudges, not the channel\'s', async () => {
    await command('nudges on me');
    expect(await command('nudges status me')).toContain('Your own nudges');
    expect(await command('nudges status')).toContain('off in this channel');
    await command('nudges pause me 2h');
    expect((await store.getSubscription(ME))?.pausedUntil?.toISOString()).toBe('2026-03-26T08:00:00.000Z');
    expect(await command('nudges off me')).toContain('Your own nudges are off');
    expect(await store.getSubscription(ME)).toBeNull();
  });
});

describe('App Home', () => {
  it('shows the person\'s own nudges with their Done count, to them alone', async () => {
    await command('nudges on me');
    await h.postEvent(eventFrom('app_home_opened', { user: 'U_ALICE' }));
    const [publish] = await h.api.waitFor((c) => c.method === 'views.publish');
    expect(publish!.args.user_id).toBe('U_ALICE');
    const view = JSON.stringify(publish!.args.view);
    expect(view).toContain('Your own nudges');
    expect(view).toContain('Done in the last 7 days: 0');
  });
});

describe('the same words in a DM with the bot', () => {
  it('turns on and reports the person\'s own nudges, answering in the DM', async () => {
    await h.postEvent(eventFrom('message_im', { text: 'nudges on me every 2h', channel: 'D_ALICE' }));
    await h.api.waitFor(posts('D_ALICE'), 2); // the announcement and the confirmation
    expect(await store.getSubscription(ME)).toMatchObject({ tz: 'Europe/Paris', cadence: { kind: 'every', minutes: 120 } });
    await h.postEvent(eventFrom('message_im', { text: 'nudges status', channel: 'D_ALICE' }));
    const [, , status] = await h.api.waitFor(posts('D_ALICE'), 3);
    expect(textOf(status)).toContain('Done in the last 7 days: 0');
  });
});

describe('the engine posting personal nudges', () => {
  it('posts in the DM, and Done there counts for the person only', async () => {
    await command('nudges on me');
    expect(await tickAt('2026-03-26T08:00:05Z')).toMatchObject({ delivered: 1 });
    const nudge = calls('chat.postMessage').filter(posts('D_ALICE')).at(-1)!;
    const done = parseJsonArg<any[]>(nudge.args.blocks).find((b) => b.type === 'actions').elements[0];
    const res = await h.postAction(actionFrom('block_actions', 'nudge_done', done.value, { channel: { id: 'D_ALICE', name: 'directmessage' }, user: { id: 'U_ALICE', team_id: 'T1' } }));
    expect(textOf((await h.api.waitFor(responseTo(res.responseId)))[0])).toContain('only you see your own count');
    expect(await command('nudges status me')).toContain('Done in the last 7 days: 1');
    expect(await store.channelStats({ fromDay: '2026-03-01', toDay: '2026-03-31' })).toEqual([]);
  });

  it('picks up a profile zone change after a day, not before', async () => {
    await command('nudges on me every 90m hours 9-17');
    await tickAt('2026-03-26T08:00:05Z');
    profileTz = 'America/New_York';
    await tickAt('2026-03-26T09:30:05Z'); // same day: the zone read at turn-on still counts
    expect(calls('users.info')).toHaveLength(1);
    expect((await store.getSubscription(ME))?.tz).toBe('Europe/Paris');
    await tickAt('2026-03-27T08:00:05Z'); // a day later: read again, moved
    expect(calls('users.info')).toHaveLength(2);
    const sub = await store.getSubscription(ME);
    expect(sub?.tz).toBe('America/New_York');
    expect(sub?.nextSlot?.toISOString()).toBe('2026-03-27T13:00:00.000Z'); // 09:00 in New York
    expect(calls('chat.postMessage').filter(posts('D_ALICE'))).toHaveLength(3); // announcement + two Paris nudges
    await tickAt('2026-03-27T13:00:05Z');
    expect(calls('chat.postMessage').filter(posts('D_ALICE'))).toHaveLength(4);
  });

  it('unsubscribes on cannot_dm_bot, the first permanent error, with a code in the log and no names', async () => {
    await command('nudges on me');
    h.api.on('chat.postMessage', () => ({ error: 'cannot_dm_bot' }));
    expect(await tickAt('2026-03-26T08:00:05Z')).toMatchObject({ disabled: 1 });
    expect(await store.getSubscription(ME)).toBeNull();
    const [line] = await h.waitForLog('nudge_unsubscribed');
    expect(line).toMatchObject({ platformError: 'cannot_dm_bot' });
    expect(h.rawLogs()).not.toContain('not-logged');
  });

  it.each(['user_not_found', 'account_inactive'])('unsubscribes a person users.info reports as %s', async (error) => {
    await command('nudges on me');
    h.api.on('users.info', () => ({ error }));
    expect(await tickAt('2026-03-27T08:00:05Z')).toMatchObject({ disabled: 1, delivered: 0 });
    expect(await store.getSubscription(ME)).toBeNull();
  });
});
