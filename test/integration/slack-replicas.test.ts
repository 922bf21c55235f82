// Two replicas of the Slack app (HTTP mode, OAuth installs) on one PostgreSQL, as behind a load
// balancer that sends each request to either: an install started on one finishes on the other, each
// answers a workspace installed through the other, a retried event is answered once whichever replica
// gets it, and a follow-up keeps the context the other replica stored. Each replica has its own pool,
// store, assistant and Bolt app; they share nothing but the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { SqlStore } from '../../src/store/sql.js';
import { storeHooks } from '../../src/store/assistant-hooks.js';
import { startFakeSlackApi, type FakeSlackApi, type SlackApiCall } from '../fakes/slack-api.js';
import { testAssistant } from '../fakes/slack-test-assistant.js';
import { installWorkspace, mention, oauthHandlers, postEvent, startOAuthApp, tokenOf, type OAuthApp } from '../fakes/slack-oauth.js';
import { PgSchema, SKIP_MESSAGE, TEST_DATABASE_URL } from './pg-harness.js';

const log = pino({ level: 'silent' });
/** Codes logged by replica A, to know when it has dealt with a delivery it does not answer. */
const codesA: string[] = [];
const logA = pino({ level: 'info' }, { write: (line: string) => void codesA.push(String(JSON.parse(line).code)) });
const postsBy = (team: string) => (c: SlackApiCall) => c.method === 'chat.postMessage' && c.auth === `Bearer ${tokenOf(team)}`;

if (!TEST_DATABASE_URL) {
  it.skip(SKIP_MESSAGE, () => {});
} else {
  describe('two Slack replicas on one PostgreSQL', () => {
    const schema = new PgSchema();
    let api: FakeSlackApi;
    let a: OAuthApp;
    let b: OAuthApp;
    let storeA: SqlStore;
    let storeB: SqlStore;
    beforeAll(async () => {
      await schema.create();
      storeA = new SqlStore('postgres', (await schema.migrated()).client);
      storeB = new SqlStore('postgres', (await schema.client()).client);
      api = await startFakeSlackApi(oauthHandlers());
      a = await startOAuthApp({ api, store: storeA, assistant: testAssistant(storeHooks(storeA, log)), log: logA });
      b = await startOAuthApp({ api, store: storeB, assistant: testAssistant(storeHooks(storeB, log)), log });
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await api?.close();
      await schema.drop();
    });

    it('finishes on one replica an install started on the other', async () => {
      expect((await installWorkspace(a.base, 'T1', b.base)).status).toBe(200);
      expect((await installWorkspace(b.base, 'T2', a.base)).status).toBe(200);
      expect(await storeA.getInstallation('slack', 'T1')).not.toBeNull();
      expect(await storeB.getInstallation('slack', 'T2')).not.toBeNull();
    });

    it('answers a retried event once, whichever replica gets each delivery', async () => {
      const ev = mention('T1', 'why do my hips feel tight after sitting all day?');
      expect((await postEvent(b.events, ev)).status).toBe(200);
      await api.waitFor(postsBy('T1'), 1);
      // Slack's retry of the same event id, delivered by the load balancer to the other replica.
      expect((await postEvent(a.events, ev, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
      const end = Date.now() + 20_000;
      while (!codesA.includes('slack_retry_dropped') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      expect(codesA).toContain('slack_retry_dropped');
      // A later event is answered, so the retry had its chance to be (wrongly) answered before it.
      await postEvent(a.events, mention('T2', 'is heat or ice better for a sore back?'));
      await api.waitFor(postsBy('T2'), 1);
      expect(api.calls.filter(postsBy('T1'))).toHaveLength(1);
    });

    it('keeps a conversation across replicas: the follow-up on one uses the context the other stored', async () => {
      const first = mention('T1', 'what stretches help tight hamstrings?');
      const ts = (first.event as { ts: string }).ts;
      const conversation = `slack:T1:C_T1:${ts}`;
      const before = api.calls.filter(postsBy('T1')).length;
      await postEvent(a.events, first);
      await api.waitFor(postsBy('T1'), before + 1);
      expect((await storeB.contexts.get(conversation, new Date()))?.turns).toBe(1);
      await postEvent(b.events, mention('T1', 'how long should I hold it?', { thread_ts: ts }));
      const replies = await api.waitFor(postsBy('T1'), before + 2);
      expect(replies.slice(before).map((c) => c.args.thread_ts)).toEqual([ts, ts]);
      expect((await storeA.contexts.get(conversation, new Date()))?.turns).toBe(2);
    });

    it('stops answering a workspace on both replicas once one of them gets the uninstall', async () => {
      await postEvent(a.events, { ...mention('T2', ''), event: { type: 'app_uninstalled', event_ts: '1700009000.000100' } });
      const end = Date.now() + 20_000;
      while ((await storeB.getCredentials('slack', 'T2')) !== null && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      expect(await storeB.getCredentials('slack', 'T2')).toBeNull();
      const before = api.calls.length;
      await postEvent(b.events, mention('T2', 'why do my hips feel tight after sitting all day?'));
      expect(api.calls.slice(before).filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
    });
  });
}
