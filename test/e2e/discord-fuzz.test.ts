// fast-check over the Discord adapter's inbound parsing, through the real discord.js client logged in
// to the fake Discord on loopback: slash commands with any names and option trees, button presses with
// any custom_id, autocomplete with any focused option, modal submits, and mentions and DMs with any
// content. Properties: our code never throws (no `*_failed` or `discord_unhandled` line with error
// `unexpected`), and every interaction is answered; a command or button it cannot read gets a private
// (ephemeral) reply saying so. The envelope itself stays well-formed: discord.js parses it before our
// code runs, and a gateway payload Discord would never send is discord.js's to reject.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNREADABLE_COMMAND } from '../../adapters/discord/interactions.js';
import { fixedClock } from '../../src/common/clock.js';
import { MemoryStore } from '../../src/store/memory.js';
import type { DiscordCall } from '../fakes/discord-server.js';
import { BOT, CHANNEL, startDiscordHarness, type DiscordHarness } from '../fakes/discord-harness.js';
import { testAssistant } from '../fakes/slack-test-assistant.js';

const NOW = new Date('2026-03-24T08:00:00Z');
const EPHEMERAL = 64;
const CHANNEL_MESSAGE = 4;
const DEFERRED = 5;
const AUTOCOMPLETE_RESULT = 8;
let h: DiscordHarness;

beforeAll(async () => {
  h = await startDiscordHarness({ assistant: testAssistant({ clock: fixedClock(NOW) }), store: new MemoryStore(fixedClock(NOW)), clock: fixedClock(NOW) });
});
afterAll(async () => h?.close());

const at = (path: string) => (c: DiscordCall) => c.path === path;
const name = fc.oneof(fc.constantFrom('backtip', 'backbuddy', 'ask', 'stretch', 'help', 'nudges', 'on', 'off', 'pause', 'resume', 'status', 'topic', 'question', 'every', 'hours', 'days', 'timezone', 'focus', 'for', 'channel'), fc.string({ maxLength: 40 }));
const value = fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.boolean(), fc.constantFrom('90m', '9-17', 'mon-fri', 'Europe/Berlin', 'Mars/Base', CHANNEL));
const leaf = fc.record({ type: fc.integer({ min: 3, max: 11 }), name, value }, { requiredKeys: ['type', 'name'] });
const option: fc.Arbitrary<any> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, fc.record({ type: fc.constantFrom(1, 2), name, options: fc.array(tie('node'), { maxLength: 4 }) })),
})).node;
const anyCommand = fc.record({ id: fc.constant('600000000000000001'), name, type: fc.constant(1), options: fc.array(option, { maxLength: 3 }) });
/** The registered commands' shape with option types and values drawn at random (a stale registration, a crafted payload). */
const leaves = fc.array(leaf, { maxLength: 4 });
const shaped = fc.oneof(
  leaves.map((options) => ({ name: 'backtip', options })),
  fc.record({ sub: fc.constantFrom('ask', 'stretch', 'help', 'nudges', 'other'), options: leaves })
    .map(({ sub, options }) => ({ name: 'backbuddy', options: [{ type: 1, name: sub, options }] })),
  fc.record({ sub: fc.constantFrom('on', 'off', 'pause', 'resume', 'status', 'other'), options: leaves, groupType: fc.constantFrom(1, 2) })
    .map(({ sub, options, groupType }) => ({ name: 'backbuddy', options: [{ type: groupType, name: 'nudges', options: [{ type: 1, name: sub, options }] }] })),
).map((c) => ({ id: '600000000000000001', type: 1, ...c }));
const command = fc.oneof(anyCommand, shaped, shaped);
const customId = fc.oneof(fc.string({ maxLength: 120 }), fc.constantFrom('feedback_helpful|', 'open_entry:1|', 'nudge_done|', 'nudge_snooze|', 'nudge_another|', 'share_tip|').chain((p) => fc.string({ maxLength: 90 }).map((s) => p + s)));
const focused = fc.record({ type: fc.constant(3), name, value: fc.string({ maxLength: 120 }), focused: fc.constant(true) });

const botMessage = (flags: number) => ({
  id: '700000000000000099', channel_id: CHANNEL, author: BOT, content: '', timestamp: NOW.toISOString(), edited_timestamp: null,
  tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0, flags, components: [],
});

const interaction = fc.oneof(
  command.map((data) => ({ type: 2, data, over: {} })),
  fc.record({ custom_id: customId, component_type: fc.constant(2) }).chain((data) => fc.constantFrom(0, EPHEMERAL).map((flags) => ({ type: 3, data, over: { message: botMessage(flags) } }))),
  fc.record({ id: fc.constant('600000000000000001'), name, type: fc.constant(1), options: fc.tuple(focused).map((o) => [...o]) }).map((data) => ({ type: 4, data, over: {} })),
  fc.record({ custom_id: fc.string({ maxLength: 100 }), components: fc.constant([]) }).map((data) => ({ type: 5, data, over: {} })),
).chain((i) => fc.boolean().map((dm) => ({ ...i, over: { ...i.over, ...(dm ? { guild_id: null } : {}) } })));

/** Lines that say our own code threw (a platform refusing a post would carry its error name instead). */
const ourFailures = (from: number) => h.logs.slice(from).filter((l) => l.code === 'discord_unhandled' || (typeof l.code === 'string' && l.code.endsWith('_failed') && l.discordError === 'unexpected'));

describe('Discord interactions with any data (properties)', () => {
  it('answers every one, privately when it cannot read it, and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(interaction, async ({ type, data, over }) => {
        const from = h.logs.length;
        const i = h.interact(type, data, over);
        const [callback] = await h.fake.waitFor(at(i.callback), 1, 30_000);
        const body = callback!.body;
        if (type === 4) expect(body.type).toBe(AUTOCOMPLETE_RESULT);
        else if (body.type === CHANNEL_MESSAGE || body.type === DEFERRED) {
          // Public replies are only the ones meant for everyone: an entry opened under a public answer.
          if (!(type === 3 && String((data as { custom_id?: unknown }).custom_id).startsWith('open_entry'))) expect(body.data?.flags & EPHEMERAL).toBe(EPHEMERAL);
        }
        if (body.type === DEFERRED) await h.fake.waitFor((c) => c.method === 'PATCH' && c.path === `${i.webhook}/messages/@original`, 1, 30_000);
        expect(ourFailures(from)).toEqual([]);
      }),
      {
        numRuns: 60,
        // Options of the wrong type (a stale registration or a crafted payload): discord.js's getters throw on them.
        examples: [
          [{ type: 2, data: { id: '600000000000000001', type: 1, name: 'backtip', options: [{ type: 4, name: 'topic', value: 5 }] }, over: {} }],
          [{ type: 2, data: { id: '600000000000000001', type: 1, name: 'backbuddy', options: [{ type: 3, name: 'ask', value: 'x' }] }, over: {} }],
          [{ type: 2, data: { id: '600000000000000001', type: 1, name: 'backbuddy', options: [{ type: 2, name: 'nudges', options: [{ type: 1, name: 'on', options: [{ type: 7, name: 'channel', value: 'nope' }] }] }] }, over: {} }],
          [{ type: 4, data: { id: '600000000000000001', type: 1, name: 'backtip', options: [] }, over: {} }],
        ],
      },
    );
  }, 240_000);
});

describe('a command whose options do not match its registration', () => {
  it('gets a private note to re-register the commands, not the generic apology', async () => {
    const i = h.interact(2, { id: '600000000000000001', type: 1, name: 'backbuddy', options: [{ type: 1, name: 'ask', options: [{ type: 4, name: 'question', value: 7 }] }] });
    const [callback] = await h.fake.waitFor(at(i.callback), 1, 30_000);
    const text = callback!.body.type === DEFERRED
      ? (await h.fake.waitFor((c) => c.method === 'PATCH' && c.path === `${i.webhook}/messages/@original`, 1, 30_000))[0]!.body.content
      : callback!.body.data.content;
    expect(callback!.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(text).toBe(UNREADABLE_COMMAND);
  });
});

describe('Discord messages with any content (properties)', () => {
  it('answers every mention and DM with a reply, never throwing', async () => {
    const content = fc.oneof(fc.string({ maxLength: 2000 }), fc.string({ unit: 'binary', maxLength: 500 }), fc.constantFrom('', ' ', `<@${BOT.id}>`, '@everyone', '```', '> quote'));
    await fc.assert(
      fc.asyncProperty(content, fc.constantFrom('message_mention', 'message_dm') as fc.Arbitrary<'message_mention' | 'message_dm'>, async (text, kind) => {
        const from = h.logs.length;
        const before = h.fake.calls.filter((c) => c.method === 'POST' && /\/channels\/\d+\/messages$/.test(c.path)).length;
        h.message(kind, { content: kind === 'message_mention' ? `<@${BOT.id}> ${text}` : text });
        await h.fake.waitFor((c) => c.method === 'POST' && /\/channels\/\d+\/messages$/.test(c.path), before + 1, 30_000);
        expect(ourFailures(from)).toEqual([]);
      }),
      { numRuns: 20 },
    );
  }, 240_000);
});
