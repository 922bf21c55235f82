// The Discord adapter end to end: the real discord.js client logged in to a fake Discord on loopback
// (REST + gateway). Interactions and messages go in over the gateway; replies are what the fake REST
// server recorded. No nock in this file.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Assistant } from '../../src/core/assistant.js';
import { MemoryContextStore } from '../../src/core/context.js';
import { fixedClock } from '../../src/common/clock.js';
import { MemoryStore } from '../../src/store/memory.js';
import { createNudgeEngine } from '../../src/nudges/engine.js';
import { routineCatalogFromKnowledge } from '../../src/nudges/routines.js';
import { DiscordNudgeSink } from '../../adapters/discord/sink.js';
import { INTENTS } from '../../adapters/discord/client.js';
import type { DiscordCall } from '../fakes/discord-server.js';
import { APP_ID, BOT, CHANNEL, DM_CHANNEL, GUILD, MANAGER, MEMBER, OTHER_CHANNEL, TOKEN, USER, startDiscordHarness, type DiscordHarness } from '../fakes/discord-harness.js';
import { testAssistant } from '../fakes/slack-test-assistant.js';
import pino from 'pino';

const NOW = new Date('2026-03-24T08:00:00Z'); // a Tuesday, 09:00 in Berlin
let assistant: Assistant;
let contexts: MemoryContextStore;
let store: MemoryStore;
let h: DiscordHarness;

const APPLICATION_COMMAND = 2;
const COMPONENT = 3;
const AUTOCOMPLETE = 4;

const at = (path: string) => (c: DiscordCall) => c.path === path;
const postsTo = (channel: string) => (c: DiscordCall) => c.method === 'POST' && c.path === `/channels/${channel}/messages`;
const buttonsOf = (body: any): string[] => (body?.components ?? []).flatMap((r: any) => r.components.map((b: any) => b.custom_id));
const EPHEMERAL = 64;

const command = (name: string, options: any[] = [], over: Record<string, unknown> = {}) =>
  h.interact(APPLICATION_COMMAND, { id: '600000000000000001', name, type: 1, options }, over);
const nudges = (sub: string, options: any[] = [], over: Record<string, unknown> = {}) =>
  command('backbuddy', [{ type: 2, name: 'nudges', options: [{ type: 1, name: sub, options }] }], over);
const str = (name: string, value: string) => ({ type: 3, name, value });
const botMessage = (components: any[] = [], flags = 0) => ({
  id: '700000000000000099', channel_id: CHANNEL, author: BOT, content: '', timestamp: NOW.toISOString(), edited_timestamp: null,
  tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0, flags, components,
});
const press = (customId: string, flags = 0) => h.interact(COMPONENT, { custom_id: customId, component_type: 2 }, { message: botMessage([], flags) });
/** The interaction's first callback body. */
const callbackOf = async (i: { callback: string }) => (await h.fake.waitFor(at(i.callback)))[0]!.body;
/** The edit of a deferred reply. */
const editOf = async (i: { webhook: string }) => (await h.fake.waitFor((c) => c.method === 'PATCH' && c.path === `${i.webhook}/messages/@original`))[0]!.body;

beforeAll(async () => {
  contexts = new MemoryContextStore();
  assistant = testAssistant({ contextStore: contexts, clock: fixedClock(NOW) });
  store = new MemoryStore(fixedClock(NOW));
  h = await startDiscordHarness({ assistant, store, clock: fixedClock(NOW) });
});
afterAll(async () => {
  await h?.close();
});

describe('connecting', () => {
  it('identifies with the least intents: no Message Content, no members or presences', async () => {
    const identify = await h.fake.identified;
    expect(identify.intents).toBe(INTENTS.reduce((a, b) => a | b, 0));
    expect(identify.intents & (1 << 15)).toBe(0); // MessageContent
    expect(identify.intents & (1 << 1)).toBe(0); // GuildMembers
    expect(h.fake.calls.find(at('/gateway/bot'))?.auth).toBe(`Bot ${TOKEN}`);
  });

  it('records the server it is in', async () => {
    expect(await store.getInstallation('discord', GUILD)).toMatchObject({ name: 'Test server', botUserId: BOT.id });
  });
});

describe('mentions and direct messages', () => {
  it('answers a mention as a reply to the message, with an embed and buttons, pinging nobody else', async () => {
    const id = h.message('message_mention');
    const [post] = await h.fake.waitFor(postsTo(CHANNEL));
    expect(post!.body.message_reference.message_id).toBe(id);
    expect(post!.body.embeds[0].title).toBeTruthy();
    expect(post!.body.embeds[0].fields.at(-1).value).toMatch(/\]\(https?:\/\//);
    expect(post!.body.allowed_mentions.parse).toEqual([]);
    expect(buttonsOf(post!.body)).toContain(`feedback_helpful|${assistant.entry(buttonsOf(post!.body)[0]!.split('|')[1]!)?.entry.entryId}`);
  });

  it('keeps context for a follow-up in the same channel and a DM as one conversation', async () => {
    h.message('message_mention', { channel_id: OTHER_CHANNEL });
    await h.fake.waitFor(postsTo(OTHER_CHANNEL));
    h.message('message_mention', { channel_id: OTHER_CHANNEL, content: `<@${BOT.id}> how long should I hold it?` });
    await h.fake.waitFor(postsTo(OTHER_CHANNEL), 2);
    expect((await contexts.get(`discord:${GUILD}:${OTHER_CHANNEL}:${USER.id}`, NOW))?.turns).toBe(2);

    h.message('message_dm');
    await h.fake.waitFor(postsTo(DM_CHANNEL));
    h.message('message_dm', { content: 'and for how long?' });
    await h.fake.waitFor(postsTo(DM_CHANNEL), 2);
    expect((await contexts.get(`discord:dm:${DM_CHANNEL}`, NOW))?.turns).toBe(2);
  });
});

describe('messages that are not questions for the bot', () => {
  it('ignores other bots, its own messages and channel messages that do not mention it', async () => {
    h.message('message_mention', { channel_id: OTHER_CHANNEL, author: { ...USER, id: '400000000000000077', bot: true } });
    h.message('message_mention', { channel_id: OTHER_CHANNEL, author: BOT });
    h.message('message_mention', { channel_id: OTHER_CHANNEL, content: 'talking among ourselves', mentions: [] });
    const before = h.fake.calls.filter(postsTo(OTHER_CHANNEL)).length;
    // A real question afterwards is the barrier: the ignored messages did no I/O, so they are done by now.
    h.message('message_dm', { content: 'barrier: what helps tight hips?' });
    const dmBefore = h.fake.calls.filter(postsTo(DM_CHANNEL)).length;
    await h.fake.waitFor(postsTo(DM_CHANNEL), dmBefore + 1);
    expect(h.fake.calls.filter(postsTo(OTHER_CHANNEL))).toHaveLength(before);
  });

  it('renders an urgent reply plainly: a heading and the text, no embed, no buttons', async () => {
    const text = 'I suddenly cannot control my bladder and my saddle area is numb';
    expect((await assistant.reply({ text, conversation: 'probe-urgent' })).kind).toBe('urgent');
    const n = h.fake.calls.filter(postsTo(DM_CHANNEL)).length;
    h.message('message_dm', { content: text });
    const post = (await h.fake.waitFor(postsTo(DM_CHANNEL), n + 1))[n]!;
    expect(post.body.content).toMatch(/^## /);
    expect(post.body.embeds ?? []).toEqual([]);
    expect(post.body.components ?? []).toEqual([]);
  });
});

describe('/backtip', () => {
  it('answers at once with a private tip and Share, Helpful, Not helpful', async () => {
    const i = command('backtip');
    const body = await callbackOf(i);
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(EPHEMERAL);
    expect(buttonsOf(body.data).map((id) => id.split('|')[0])).toEqual(['share_tip', 'feedback_helpful', 'feedback_not_helpful']);
  });

  it('suggests tags and tip titles while typing the topic', async () => {
    const i = h.interact(AUTOCOMPLETE, { id: '600000000000000001', name: 'backtip', type: 1, options: [{ type: 3, name: 'topic', value: 'ham', focused: true }] });
    const body = await callbackOf(i);
    expect(body.type).toBe(8);
    expect(body.data.choices.length).toBeGreaterThan(0);
    expect(body.data.choices.length).toBeLessThanOrEqual(25);
    expect(body.data.choices.some((c: any) => c.value === 'hamstrings')).toBe(true);
  });

  it('shows the exact tip picked by title', async () => {
    const tip = assistant.kb.entries.find((e) => e.kind === 'tip')!;
    const body = await callbackOf(command('backtip', [str('topic', `entry:${tip.id}`)]));
    expect(body.data.embeds[0].title).toBe(tip.title);
  });

  it('Share posts the tip for everyone and turns the private one into a note', async () => {
    const id = assistant.tip().reply.entry.entryId;
    const i = press(`share_tip|${id}`, EPHEMERAL);
    const update = await callbackOf(i);
    expect(update.type).toBe(7);
    const [shared] = await h.fake.waitFor((c) => c.method === 'POST' && c.path === i.webhook);
    expect(shared!.body.flags ?? 0).toBe(0);
    expect(shared!.body.content).toContain(`<@${USER.id}>`);
    expect(buttonsOf(shared!.body).some((b) => b.startsWith('share_tip'))).toBe(false);
  });
});

describe('/backbuddy', () => {
  it('ask: defers at once, then edits in a private answer', async () => {
    const i = command('backbuddy', [{ type: 1, name: 'ask', options: [str('question', 'is sitting bad for my back?')] }]);
    const first = await callbackOf(i);
    expect(first).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const edit = await editOf(i);
    expect(edit.embeds?.length ?? 0).toBeGreaterThan(0);
  });

  it('stretch: a private routine with Done / Snooze 1 h / Another one, its illustration attached as the embed image', async () => {
    const i = command('backbuddy', [{ type: 1, name: 'stretch' }]);
    const [call] = await h.fake.waitFor(at(i.callback));
    const body = call!.body;
    expect(body.data.flags).toBe(EPHEMERAL);
    expect(buttonsOf(body.data).map((id) => id.split('|')[0])).toEqual(['nudge_done', 'nudge_snooze', 'nudge_another']);
    const entryId = buttonsOf(body.data)[0]!.split('|')[1]!;
    expect(body.data.embeds[0].image).toEqual({ url: `attachment://${entryId}.png` });
    // discord.js names the attachment by index; the file part carries the name.
    expect(body.data.attachments).toEqual([{ id: '0', description: assistant.entry(entryId)?.steps[0] }]);
    expect(call!.files.map((f) => [f.name, f.png])).toEqual([[`${entryId}.png`, true]]);
  });

  it('help lists the commands and topics', async () => {
    const body = await callbackOf(command('backbuddy', [{ type: 1, name: 'help' }]));
    expect(body.data.content).toContain('/backtip');
    expect(body.data.content).toContain(assistant.topics()[0]);
  });

  it('nudges on: announces in the channel, subscribes, and confirms with the next slot', async () => {
    const i = nudges('on', [str('every', '2h'), str('timezone', 'Europe/Berlin')]);
    const edit = await editOf(i);
    expect(edit.content).toContain('every 2h');
    expect(edit.content).toMatch(/<t:\d+:f>/);
    const announce = h.fake.calls.filter(postsTo(CHANNEL)).at(-1)!;
    expect(announce.body.content).toContain('turned on stretch nudges');
    expect(await store.getSubscription({ platform: 'discord', workspace: GUILD, channel: CHANNEL })).toMatchObject({ tz: 'Europe/Berlin', cadence: { kind: 'every', minutes: 120 }, createdBy: USER.id });
  });

  it('nudges status, pause, resume and off work on the channel', async () => {
    const target = { platform: 'discord' as const, workspace: GUILD, channel: OTHER_CHANNEL };
    const runIn = async (sub: string, options: any[] = []) => {
      const i = h.interact(APPLICATION_COMMAND, { id: '600000000000000001', name: 'backbuddy', type: 1, options: [{ type: 2, name: 'nudges', options: [{ type: 1, name: sub, options }] }] }, { channel_id: OTHER_CHANNEL, channel: { id: OTHER_CHANNEL, type: 0, guild_id: GUILD, name: 'stretch', permissions: MANAGER } });
      return (await editOf(i)).content as string;
    };
    expect(await runIn('status')).toContain('off in this channel');
    await runIn('on');
    expect(await runIn('status')).toContain('every 90m');
    expect(await runIn('pause', [str('for', '2h')])).toContain('paused until');
    expect((await store.getSubscription(target))?.pausedUntil?.toISOString()).toBe('2026-03-24T10:00:00.000Z');
    expect(await runIn('resume')).toContain('back on');
    expect(await runIn('off')).toContain('off in this channel');
    expect(await store.getSubscription(target)).toBeNull();
  });

  it('suggests time zones while typing', async () => {
    const i = h.interact(AUTOCOMPLETE, { id: '600000000000000001', name: 'backbuddy', type: 1, options: [{ type: 2, name: 'nudges', options: [{ type: 1, name: 'on', options: [{ type: 3, name: 'timezone', value: 'berl', focused: true }] }] }] });
    const body = await callbackOf(i);
    expect(body.data.choices[0]).toEqual({ name: 'Europe/Berlin', value: 'Europe/Berlin' });
  });

  it('a malformed option gets a reply naming it and the form', async () => {
    const edit = await editOf(nudges('on', [str('every', '10m'), { type: 7, name: 'channel', value: OTHER_CHANNEL }]));
    expect(edit.content).toContain('every');
    expect(edit.content).toContain('/backbuddy nudges on every:90m');
  });

  it('refuses to manage nudges without Manage Channels, and stores nothing', async () => {
    const member = { ...(await import('../fixtures/payloads/discord/interaction_guild.json', { with: { type: 'json' } })).default.member, permissions: MEMBER };
    const edit = await editOf(nudges('on', [], { member, channel_id: '300000000000000003', channel: { id: '300000000000000003', type: 0, guild_id: GUILD, name: 'x', permissions: MEMBER } }));
    expect(edit.content).toContain('Manage Channels');
    expect(await store.getSubscription({ platform: 'discord', workspace: GUILD, channel: '300000000000000003' })).toBeNull();
  });

  it('does not turn nudges on where the bot may not post (403, Missing Permissions)', async () => {
    const CH = '300000000000000004';
    h.fake.on(new RegExp(`POST /channels/${CH}/messages`), () => ({ status: 403, body: { message: 'Missing Permissions', code: 50013 } }));
    const edit = await editOf(nudges('on', [], { channel_id: CH, channel: { id: CH, type: 0, guild_id: GUILD, name: 'locked', permissions: MANAGER } }));
    expect(edit.content).toContain('Send Messages');
    expect(await store.getSubscription({ platform: 'discord', workspace: GUILD, channel: CH })).toBeNull();
  });

  it('an unknown command gets a clear private error', async () => {
    const body = await callbackOf(command('frobnicate'));
    expect(body.data.flags).toBe(EPHEMERAL);
    expect(body.data.content).toContain('discord:register');
  });
});

describe('buttons', () => {
  const subscribe = (channel: string) => store.upsertSubscription({ platform: 'discord', workspace: GUILD, channel, cadence: { kind: 'every', minutes: 90 }, tz: 'Europe/Berlin', days: ['tue'], startMinute: 540, endMinute: 1020, focusTags: [], createdBy: USER.id });

  it('Helpful and Not helpful are stored as feedback and thanked privately', async () => {
    const id = assistant.kb.entries.find((e) => e.kind === 'faq')?.id ?? assistant.tip().reply.entry.entryId;
    const a = await callbackOf(press(`feedback_helpful|${id}`));
    const b = await callbackOf(press(`feedback_not_helpful|${id}`));
    expect([a.data.flags, b.data.flags]).toEqual([EPHEMERAL, EPHEMERAL]);
    expect((await store.feedbackCounts()).find((f) => f.entryId === id)).toEqual({ entryId: id, helpful: 1, notHelpful: 1 });
  });

  it('a related entry opens for everyone under a public answer, and privately under a private one', async () => {
    const id = assistant.tip().reply.entry.entryId;
    const pub = await callbackOf(press(`open_entry:0|${id}`));
    expect(pub.data.flags ?? 0).toBe(0);
    expect(pub.data.embeds[0].title).toBe(assistant.entry(id)!.entry.title);
    const priv = await callbackOf(press(`clarify_option:1|${id}`, EPHEMERAL));
    expect(priv.data.flags).toBe(EPHEMERAL);
  });

  it('an entry that no longer exists gets a polite note', async () => {
    expect((await callbackOf(press('open_entry:0|no-such-entry'))).data.content).toContain('no longer available');
  });

  it('Done counts a done for the channel and day', async () => {
    const CH = '300000000000000005';
    const sub = await subscribe(CH);
    await callbackOf(press(`nudge_done|${assistant.stretch().entry.entryId}|${sub.id}`));
    expect(await store.doneCounts({ platform: 'discord', workspace: GUILD, channel: CH }, '2026-03-24', '2026-03-24')).toEqual([expect.objectContaining({ count: 1 })]);
  });

  it('Snooze 1 h pauses the channel for an hour; without nudges it says there is nothing to snooze', async () => {
    const sub = await subscribe('300000000000000006');
    const body = await callbackOf(press(`nudge_snooze|${assistant.stretch().entry.entryId}|${sub.id}`));
    expect(body.data.content).toMatch(/<t:\d+:t>/);
    expect((await store.getSubscriptionById(sub.id))?.pausedUntil?.toISOString()).toBe('2026-03-24T09:00:00.000Z');
    const none = await callbackOf(h.interact(COMPONENT, { custom_id: `nudge_snooze|${assistant.stretch().entry.entryId}|`, component_type: 2 }, { message: botMessage(), channel_id: '300000000000000007', channel: { id: '300000000000000007', type: 0, guild_id: GUILD, name: 'quiet', permissions: MEMBER } }));
    expect(none.data.content).toContain('no nudges in this channel to snooze');
  });

  it('Another one replaces a private routine with a different one', async () => {
    const shown = assistant.stretch().entry.entryId;
    const body = await callbackOf(press(`nudge_another|${shown}|`, EPHEMERAL));
    expect(body.type).toBe(7);
    expect(buttonsOf(body.data)[0]!.split('|')[1]).not.toBe(shown);
  });

  it('a malformed button gets a clear private error and nothing else happens', async () => {
    for (const id of ['nudge_done|%%%not|an|id', 'frobnicate|x', 'no-bar-at-all']) {
      const body = await callbackOf(press(id));
      expect(body.data.flags).toBe(EPHEMERAL);
      expect(body.data.content).toContain('did not carry what I expected');
    }
    await h.waitForLog('discord_action_malformed', 3);
  });

  it('an interaction of a kind it does not handle (a modal submit) gets a private note', async () => {
    const body = await callbackOf(h.interact(5, { custom_id: 'whatever', components: [] }));
    expect(body.data.flags).toBe(EPHEMERAL);
  });
});

describe('channel nudges', () => {
  const routines = () => routineCatalogFromKnowledge(assistant.kb);
  const engine = () => createNudgeEngine({
    store, sinks: [new DiscordNudgeSink(h.client.rest, h.services.images)], routines: routines(), log: pino({ level: 'silent' }), clock: fixedClock(NOW), sleep: async () => {}, random: () => 0,
  });
  const subscribe = (channel: string) => store.upsertSubscription({ platform: 'discord', workspace: GUILD, channel, cadence: { kind: 'every', minutes: 90 }, tz: 'Europe/Berlin', days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: 540, endMinute: 1020, focusTags: [], createdBy: USER.id });

  it('posts a due nudge with Done / Snooze 1 h / Another one carrying the subscription', async () => {
    const CH = '300000000000000010';
    const sub = await subscribe(CH);
    const report = await engine().tick(sub.nextSlot!);
    expect(report.delivered).toBeGreaterThanOrEqual(1);
    const [post, ...more] = h.fake.calls.filter(postsTo(CH));
    expect(more).toEqual([]);
    expect(buttonsOf(post!.body).map((b) => b.split('|')[0])).toEqual(['nudge_done', 'nudge_snooze', 'nudge_another']);
    expect(buttonsOf(post!.body)[0]).toMatch(new RegExp(`\\|${sub.id}$`));
    const entryId = buttonsOf(post!.body)[0]!.split('|')[1]!;
    expect(post!.body.embeds[0].image).toEqual({ url: `attachment://${entryId}.png` });
    expect(post!.body.attachments).toEqual([{ id: 0, filename: `${entryId}.png`, description: assistant.entry(entryId)?.steps[0] }]);
    expect(post!.files.map((f) => [f.name, f.type, f.png])).toEqual([[`${entryId}.png`, 'image/png', true]]);
  });

  it('stops a channel whose permission was taken away, and status shows why', async () => {
    const CH = '300000000000000011';
    const sub = await subscribe(CH);
    h.fake.on(new RegExp(`POST /channels/${CH}/messages`), () => ({ status: 403, body: { message: 'Missing Permissions', code: 50013 } }));
    await engine().tick(sub.nextSlot!);
    expect((await store.getSubscriptionById(sub.id))?.disabled?.code).toBe('missing_permissions');
    const i = h.interact(APPLICATION_COMMAND, { id: '600000000000000001', name: 'backbuddy', type: 1, options: [{ type: 2, name: 'nudges', options: [{ type: 1, name: 'status', options: [] }] }] }, { channel_id: CH, channel: { id: CH, type: 0, guild_id: GUILD, name: 'gone', permissions: MEMBER } });
    const edit = await editOf(i);
    expect(edit.content).toContain('stopped, Discord said `missing_permissions`');
  });
});

describe('rate limits and failures', () => {
  // Guild messages are only delivered for channels the client knows (GUILD_CREATE), so these use OTHER_CHANNEL.
  const CH = OTHER_CHANNEL;
  afterEach(() => h.fake.on(new RegExp(`POST /channels/${CH}/messages`), undefined));

  it('honours a 429 on a reply: waits retry_after, then posts once more', async () => {
    let first = true;
    h.fake.on(new RegExp(`POST /channels/${CH}/messages`), () => {
      if (!first) return undefined;
      first = false;
      return { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.2, global: false }, headers: { 'retry-after': '1', 'x-ratelimit-scope': 'user' } };
    });
    const n = h.fake.calls.filter(postsTo(CH)).length;
    h.message('message_mention', { channel_id: CH });
    const [limited, sent] = (await h.fake.waitFor(postsTo(CH), n + 2)).slice(n);
    expect(limited!.body).toEqual(sent!.body);
    // It waited at least retry_after (0.2 s in the body; the header says 1 s) before trying again.
    expect(sent!.at - limited!.at).toBeGreaterThanOrEqual(200);
    await h.waitForLog('discord_rate_limited');
  });

  it('logs codes, never message text, user names or the token', async () => {
    h.fake.on(new RegExp(`POST /channels/${CH}/messages`), () => ({ status: 404, body: { message: 'Unknown Channel', code: 10003 } }));
    h.message('message_mention', { channel_id: CH, content: `<@${BOT.id}> my secret sciatica question zebra` });
    const [line] = await h.waitForLog('discord_answer_mention_failed');
    expect(line!.discordError).toBe('unknown_channel');
    expect(h.rawLogs()).not.toContain('zebra');
    expect(h.rawLogs()).not.toContain('alice');
    expect(h.rawLogs()).not.toContain(TOKEN);
  });
});
