// Logs never hold message text, user names or tokens, and every line carries a code. This plants a
// secret word in messages, a person's name in the payloads and in a message, runs the representative
// flows through the real Slack adapter with the app's own logger at trace level (answers, a direct
// message, the question limit, slash commands, buttons, a failed post, nudges failing and retention),
// and greps everything that was logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/core/assistant.js';
import { createNudgeEngine } from '../../src/nudges/engine.js';
import { routineCatalogFromKnowledge } from '../../src/nudges/routines.js';
import { fixedClock } from '../../src/common/clock.js';
import { storeHooks } from '../../src/store/assistant-hooks.js';
import { MemoryStore } from '../../src/store/memory.js';
import type { SlackApiCall } from '../fakes/slack-api.js';
import { APP_TOKEN, BOT_TOKEN, SECRET, actionFrom, eventFrom, startSlackHarness, type SlackHarness } from '../fakes/slack-harness.js';

const NOW = new Date('2026-03-24T08:00:00Z'); // a Tuesday, 09:00 in Berlin
const WORD = 'xylophonequandary';
const NAME = 'Zebediah Quux';
const HANDLE = 'zebediah.quux';
const posts = (channel: string) => (c: SlackApiCall) => c.method === 'chat.postMessage' && c.args.channel === channel;

let h: SlackHarness;
let store: MemoryStore;
beforeAll(async () => {
  const clock = fixedClock(NOW);
  store = new MemoryStore(clock);
  const log = { warn: () => {} };
  const assistant = createAssistant({ clock, ...storeHooks(store, log, clock), rateLimits: { perUser: 3, perChannel: 100, windowMs: 60_000 } });
  h = await startSlackHarness({ assistant, store, clock, appLogger: true });
});
afterAll(async () => h?.close());

describe('logs', () => {
  it('carry a code on every line and none of the planted text, names or tokens', async () => {
    const user = { id: 'U_ZEB', username: HANDLE, name: HANDLE, team_id: 'T1' };
    // Answers in a channel and in a direct message, with the secret word and the name in the text.
    await h.postEvent(eventFrom('app_mention', { user: 'U_ZEB', channel: 'C_PRIV', text: `<@U_BOT> I'm ${NAME}, does ${WORD} help my lower back?` }));
    await h.postEvent(eventFrom('message_im', { user: 'U_ZEB', text: `${WORD} ${NAME} why do my hips ache after sitting?` }));
    await h.api.waitFor(posts('C_PRIV'), 1);
    // The question limit (3 a minute here): the fourth and fifth get the friendly reply.
    for (let i = 0; i < 3; i++) await h.postEvent(eventFrom('app_mention', { user: 'U_ZEB', channel: 'C_PRIV', text: `<@U_BOT> ${WORD} stretch ${i}` }));
    await h.api.waitFor(posts('C_PRIV'), 4);
    // Slash commands and buttons carry the person's name in the payload.
    await h.postCommand({ command: '/backbuddy', text: `ask ${WORD} is sitting bad for my back?`, user_name: HANDLE, user_id: 'U_ZEB' });
    await h.postCommand({ command: '/backtip', text: WORD, user_name: HANDLE, user_id: 'U_ZEB' });
    await h.postAction(actionFrom('block_actions', 'helpful', 'heat-or-ice', { user }));
    await h.postAction(actionFrom('block_actions', 'nudge_done', `${WORD}|not|an|id`, { user }));
    // A post that fails.
    h.api.on('chat.postMessage', () => ({ error: 'channel_not_found' }));
    await h.postEvent(eventFrom('app_mention', { user: 'U_OTHER', channel: 'C_GONE', text: `<@U_BOT> ${WORD} ${NAME} help` }));
    await h.waitForLog('slack_answer_mention_failed');
    // Nudges that fail for good and a retention run, through the engine with the same logger.
    h.api.on('chat.postMessage', () => ({ error: 'not_in_channel' }));
    const sub = await store.upsertSubscription({
      platform: 'slack', workspace: 'T1', channel: 'C_NUDGE', cadence: { kind: 'every', minutes: 90 }, tz: 'Europe/Berlin',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: 540, endMinute: 1020, focusTags: [], createdBy: 'U_ZEB',
    });
    await store.contexts.set(`slack:T1:C_OLD:1`, { lastEntryId: null, lastTags: [], offered: [], crisis: false, safety: [], turns: 1 }, new Date(NOW.getTime() - 1));
    const engine = createNudgeEngine({
      store, sinks: [h.slack.sink], routines: routineCatalogFromKnowledge(createAssistant().kb), clock: fixedClock(NOW),
      log: h.log, sleep: async () => {}, random: () => 0,
    });
    const report = await engine.tick(sub.nextSlot!);
    expect(report.disabled + report.failed).toBe(1);
    await h.waitForLog('nudge_disabled');
    await h.waitForLog('retention_purged');

    const raw = h.rawLogs();
    expect(h.logs.length).toBeGreaterThanOrEqual(8);
    for (const secret of [WORD, NAME, HANDLE, 'Zebediah', BOT_TOKEN, APP_TOKEN, SECRET, 'xoxb-']) expect(raw).not.toContain(secret);
    for (const line of h.logs) {
      expect(line.code, JSON.stringify(line)).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(line.msg, JSON.stringify(line)).toBe(line.code);
    }
    // The flows did run: answers, the limit and the failures were logged.
    const codes = new Set(h.logs.map((l) => l.code));
    for (const code of ['slack_answered', 'slack_answer_mention_failed', 'nudge_disabled', 'retention_purged']) expect(codes).toContain(code);
    expect(h.logs.filter((l) => l.code === 'slack_answered').map((l) => l.kind)).toContain('out_of_scope');
  });
});
