// Personal nudges on the fake Discord: `/backbuddy nudges … target:me` (no Manage Channels needed) and
// the same words typed in a DM subscribe the person's DM, opened with POST /users/@me/channels; the real
// engine posts there; 50007 (cannot message this user) unsubscribes on the first try.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Assistant } from '../../src/core/assistant.js';
import { fixedClock } from '../../src/common/clock.js';
import { MemoryStore } from '../../src/store/memory.js';
import { createNudgeEngine } from '../../src/nudges/engine.js';
import { routineCatalogFromKnowledge } from '../../src/nudges/routines.js';
import { personalTarget } from '../../src/nudges/schedule.js';
import { DiscordNudgeSink } from '../../adapters/discord/sink.js';
import { DISCORD_DM_WORKSPACE } from '../../adapters/discord/dm.js';
import type { DiscordCall } from '../fakes/discord-server.js';
import { DM_CHANNEL, MEMBER, USER, startDiscordHarness, type DiscordHarness } from '../fakes/discord-harness.js';
import { testAssistant } from '../fakes/slack-test-assistant.js';

const NOW = new Date('2026-03-24T02:00:00Z'); // Tuesday, 07:30 in Kolkata
const PERSONAL_DM = '300000000000000077';
const ME = personalTarget('discord', DISCORD_DM_WORKSPACE, USER.id);
const postsTo = (channel: string) => (c: DiscordCall) => c.method === 'POST' && c.path === `/channels/${channel}/messages`;
const opensDm = (c: DiscordCall) => c.method === 'POST' && c.path === '/users/@me/channels';

let assistant: Assistant;
let store: MemoryStore;
let h: DiscordHarness;

const nudges = (sub: string, options: any[]) =>
  h.interact(2, { id: '600000000000000001', name: 'backbuddy', type: 1, options: [{ type: 2, name: 'nudges', options: [{ type: 1, name: sub, options }] }] },
    { member: { user: USER, roles: [], joined_at: NOW.toISOString(), deaf: false, mute: false, permissions: MEMBER, flags: 0 } });
const str = (name: string, value: string) => ({ type: 3, name, value });
const editOf = async (i: { webhook: string }, n = 1) => (await h.fake.waitFor((c) => c.method === 'PATCH' && c.path === `${i.webhook}/messages/@original`, n))[n - 1]!.body;

beforeAll(async () => {
  assistant = testAssistant({ clock: fixedClock(NOW) });
  store = new MemoryStore(fixedClock(NOW));
  h = await startDiscordHarness({ assistant, store, clock: fixedClock(NOW) });
  h.fake.on(/^POST \/users\/@me\/channels$/, (c) => ({ status: 200, body: { id: PERSONAL_DM, type: 1, recipients: [{ ...USER, id: c.body.recipient_id }] } }));
});
afterAll(async () => {
  await h?.close();
});

describe('Discord personal nudges', () => {
  it('target:me turns on the person\'s own nudges in their DM, without Manage Channels', async () => {
    const edit = await editOf(nudges('on', [str('target', 'me'), str('every', '2h'), str('timezone', 'Asia/Kolkata')]));
    expect(edit.content).toContain('Your nudges are on');
    expect(h.fake.calls.filter(opensDm).map((c) => c.body.recipient_id)).toEqual([USER.id]);
    expect(h.fake.calls.filter(postsTo(PERSONAL_DM))[0]!.body.content).toContain('Your own stretch nudges are on');
    const sub = await store.getSubscription(ME);
    expect(['Asia/Kolkata', 'Asia/Calcutta']).toContain(sub?.tz);
    expect(sub?.tzFromProfile).toBe(false);
    expect(sub?.nextSlot?.toISOString()).toBe('2026-03-24T03:30:00.000Z'); // 09:00 IST
  });

  it('status typed in the DM answers with the person\'s own nudges', async () => {
    const before = h.fake.calls.filter(postsTo(DM_CHANNEL)).length;
    h.message('message_dm', { content: 'nudges status me' });
    const reply = (await h.fake.waitFor(postsTo(DM_CHANNEL), before + 1))[before]!;
    expect(JSON.stringify(reply.body)).toContain('Your own nudges');
    expect(JSON.stringify(reply.body)).toContain('Done in the last 7 days: 0');
  });

  it('the engine posts in the DM, and 50007 unsubscribes on the first try', async () => {
    const engine = createNudgeEngine({ store, sinks: [new DiscordNudgeSink(h.client.rest, { svgPath: () => null, png: async () => null })], routines: routineCatalogFromKnowledge(assistant.kb), log: pino({ level: 'silent' }), clock: fixedClock(NOW), sleep: async () => {}, random: () => 0 });
    const sub = await store.getSubscription(ME);
    const before = h.fake.calls.filter(postsTo(PERSONAL_DM)).length;
    expect(await engine.tick(sub!.nextSlot!)).toMatchObject({ delivered: 1 });
    expect(h.fake.calls.filter(postsTo(PERSONAL_DM))).toHaveLength(before + 1);
    // Done and Snooze on the nudge in the DM act on the presser's own nudges.
    const nudge = h.fake.calls.filter(postsTo(PERSONAL_DM)).at(-1)!;
    const [doneId, snoozeId] = nudge.body.components[0].components.map((b: any) => b.custom_id);
    const dmPress = (customId: string) => h.interact(3, { custom_id: customId, component_type: 2 }, {
      guild_id: undefined, member: undefined, user: USER, channel_id: PERSONAL_DM, channel: { id: PERSONAL_DM, type: 1 }, context: 1,
      message: { id: '700000000000000098', channel_id: PERSONAL_DM, author: { id: '100000000000000001', username: 'backbuddy', discriminator: '0', global_name: null, avatar: null, bot: true }, content: '', timestamp: NOW.toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0, flags: 0, components: [] },
    });
    const callback = async (i: { callback: string }) => (await h.fake.waitFor((c) => c.path === i.callback))[0]!.body;
    expect((await callback(dmPress(doneId))).data.content).toContain('only you see your own count');
    expect((await callback(dmPress(snoozeId))).data.content).toContain('Snoozed: your nudges pause');
    expect((await store.getSubscription(ME))?.pausedUntil?.toISOString()).toBe(new Date(NOW.getTime() + 3_600_000).toISOString());
    expect((await store.doneCounts(ME, '2026-03-24', '2026-03-24'))[0]?.count).toBe(1);
    await store.resumeSubscription(ME);
    h.fake.on(new RegExp(`^POST /channels/${PERSONAL_DM}/messages$`), () => ({ status: 403, body: { message: 'Cannot send messages to this user', code: 50007 } }));
    // The store's clock is fixed, so resuming points back at the slot already delivered: the first tick
    // moves past it without posting, the second takes the next slot (11:00 IST).
    const later = new Date('2026-03-24T05:30:05Z');
    await engine.tick(later);
    expect(await engine.tick(later)).toMatchObject({ disabled: 1 });
    expect(await store.getSubscription(ME)).toBeNull();
  });
});
