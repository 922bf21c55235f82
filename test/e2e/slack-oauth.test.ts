// Slack OAuth installs end to end on loopback: the install page and redirect on Bolt's installer, the
// token exchange against the fake Web API, bot tokens sealed in a real PGlite database, each workspace
// answered with its own token, uninstall, and the encryption key (wrong, rotated).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { migrate } from '../../src/store/migrate.js';
import { TABLES } from '../../src/store/migrations/index.js';
import { openPglite, pgliteClient } from '../../src/store/pglite.js';
import type { SqlClient } from '../../src/store/sql-client.js';
import { SqlStore } from '../../src/store/sql.js';
import { createTokenBox } from '../../src/common/token-box.js';
import { startFakeSlackApi, type FakeSlackApi, type SlackApiCall } from '../fakes/slack-api.js';
import { testAssistant } from '../fakes/slack-test-assistant.js';
import { KEY_A, KEY_B, installWorkspace, mention, oauthHandlers, postEvent, startOAuthApp, tokenOf, type OAuthApp } from '../fakes/slack-oauth.js';
import type { Assistant } from '../../src/core/assistant.js';

let client: SqlClient;
let store: SqlStore;
let api: FakeSlackApi;
let assistant: Assistant;
let raw = '';
const log = pino({ level: 'debug' }, { write: (s: string) => void (raw += s) });

// One PGlite for the file (a new one costs seconds); each test starts from empty tables.
beforeAll(async () => {
  client = pgliteClient(await openPglite());
  await migrate(client);
  store = new SqlStore('pglite', client);
  api = await startFakeSlackApi(oauthHandlers());
  assistant = testAssistant();
});
afterAll(async () => {
  await api?.close();
  await client?.close();
});
beforeEach(async () => {
  await client.query(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY CASCADE`);
  api.calls.length = 0;
});

const postsBy = (team: string) => (c: SlackApiCall) => c.method === 'chat.postMessage' && c.auth === `Bearer ${tokenOf(team)}`;
/** Every row of every table as text: what someone with the database but not the key can read. */
const dump = async () => {
  const parts: string[] = [];
  for (const t of TABLES) parts.push(...(await client.query<{ r: string }>(`SELECT row_to_json(x)::text AS r FROM ${t} x`)).rows.map((r) => r.r));
  return parts.join('\n');
};

async function withApp<T>(fn: (app: OAuthApp) => Promise<T>, keys: { key?: string; previousKey?: string } = {}): Promise<T> {
  const app = await startOAuthApp({ api, store, assistant, log, ...keys });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

describe('Slack OAuth installs', () => {
  it('installs two workspaces through /slack/install and the redirect, and answers each with its own token', async () => {
    await withApp(async (app) => {
      const page = await fetch(`${app.base}/slack/install`);
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(html).toContain('https://slack.com/oauth/v2/authorize?');
      expect(html).toContain('scope=app_mentions%3Aread%2Cchat%3Awrite%2Ccommands%2Cfiles%3Awrite%2Cim%3Ahistory%2Cim%3Awrite%2Cusers%3Aread');

      expect((await installWorkspace(app.base, 'T1')).status).toBe(200);
      expect((await installWorkspace(app.base, 'T2')).status).toBe(200);
      expect(api.calls.filter((c) => c.method === 'oauth.v2.access')).toHaveLength(2);
      expect(await store.getInstallation('slack', 'T1')).toMatchObject({ name: 'Workspace T1', botUserId: 'U_BOT_T1' });
      expect(await store.getInstallation('slack', 'T2')).toMatchObject({ name: 'Workspace T2', botUserId: 'U_BOT_T2' });

      expect((await postEvent(app.events, mention('T1', 'why do my hips feel tight after sitting all day?'))).status).toBe(200);
      expect((await postEvent(app.events, mention('T2', 'is heat or ice better for a sore back?'))).status).toBe(200);
      const [one] = await api.waitFor(postsBy('T1'));
      const [two] = await api.waitFor(postsBy('T2'));
      expect(one!.args.channel).toBe('C_T1');
      expect(two!.args.channel).toBe('C_T2');
    });
  });

  it("posts each workspace's nudges with its own token, and refuses for good where the app is not installed", async () => {
    await withApp(async (app) => {
      await installWorkspace(app.base, 'T1');
      await installWorkspace(app.base, 'T2');
      const nudge = (team: string) => ({ subscriptionId: '7', slot: new Date().toISOString(), target: { platform: 'slack' as const, workspace: team, channel: `C_${team}` }, routine: assistant.stretch() });
      expect(await app.slack.sink.post(nudge('T2'))).toMatchObject({ ok: true });
      expect(await app.slack.sink.post(nudge('T1'))).toMatchObject({ ok: true });
      const posts = api.calls.filter((c) => c.method === 'chat.postMessage');
      expect(posts.map((c) => [c.args.channel, c.auth])).toEqual([['C_T2', `Bearer ${tokenOf('T2')}`], ['C_T1', `Bearer ${tokenOf('T1')}`]]);
      expect(await app.slack.sink.post(nudge('T9'))).toEqual({ ok: false, failure: { kind: 'permanent', code: 'not_installed', message: expect.any(String) } });
    });
  });

  it('refuses a redirect without the state cookie (no token exchange)', async () => {
    await withApp(async (app) => {
      const res = await fetch(`${app.base}/slack/oauth_redirect?code=code-T1&state=forged`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(api.calls.filter((c) => c.method === 'oauth.v2.access')).toHaveLength(0);
      expect(await store.getInstallation('slack', 'T1')).toBeNull();
    });
  });

  it('keeps the tokens unreadable in the database without the key', async () => {
    await withApp(async (app) => {
      await installWorkspace(app.base, 'T1');
      await installWorkspace(app.base, 'T2');
    });
    const everything = await dump();
    expect(everything).toContain('T1');
    expect(everything).not.toContain(tokenOf('T1'));
    expect(everything).not.toContain(tokenOf('T2'));
    expect(everything).not.toContain('plaintext-token');
    const sealed = await store.getCredentials('slack', 'T1');
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\./);
    // The right key opens it; another key, or the same value under another workspace, does not.
    const a = createTokenBox(Buffer.from(KEY_A, 'base64'));
    expect(a.open(sealed!, 'T1')).toMatchObject({ ok: true });
    expect(a.open(sealed!, 'T2')).toMatchObject({ ok: false, error: { code: 'tampered' } });
    expect(createTokenBox(Buffer.from(KEY_B, 'base64')).open(sealed!, 'T1')).toMatchObject({ ok: false, error: { code: 'unknown_key' } });
    expect(raw).not.toContain('plaintext-token');
  });

  it('removes a workspace on app_uninstalled and on tokens_revoked, and stops answering there', async () => {
    await withApp(async (app) => {
      await installWorkspace(app.base, 'T1');
      await installWorkspace(app.base, 'T2');
      const uninstalled = { ...mention('T2', ''), event: { type: 'app_uninstalled', event_ts: '1700003000.000100' } };
      expect((await postEvent(app.events, uninstalled)).status).toBe(200);
      await waitUntil(async () => (await store.getInstallation('slack', 'T2')) === null);
      expect(await store.getCredentials('slack', 'T2')).toBeNull();

      const revoked = { ...mention('T1', ''), event: { type: 'tokens_revoked', tokens: { bot: ['U_BOT_T1'] }, event_ts: '1700003001.000100' } };
      expect((await postEvent(app.events, revoked)).status).toBe(200);
      await waitUntil(async () => (await store.getCredentials('slack', 'T1')) === null);

      // Bolt cannot authorize the workspace any more: the event is refused and nothing is posted.
      const before = api.calls.length;
      await postEvent(app.events, mention('T2', 'why do my hips feel tight after sitting all day?'));
      expect(api.calls.slice(before).filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
      expect(raw).toContain('"code":"slack_not_installed"');
    });
  });

  it('stops at start with one line when the key is wrong', async () => {
    await withApp((app) => installWorkspace(app.base, 'T1'));
    const error = await startOAuthApp({ api, store, assistant, log, key: KEY_B }).then(() => null, (e: Error) => e);
    expect(error?.name).toBe('StartError');
    expect(error?.message).not.toContain('\n');
    expect(error?.message).toMatch(/^TOKEN_ENCRYPTION_KEY cannot decrypt the stored Slack installations \(sealed with key [0-9a-f]{8}, which is neither TOKEN_ENCRYPTION_KEY \([0-9a-f]{8}\) nor TOKEN_ENCRYPTION_KEY_PREVIOUS\); set the key/);
  });

  it('rotates: with the old key as TOKEN_ENCRYPTION_KEY_PREVIOUS it still answers, and seals again with the new key', async () => {
    await withApp((app) => installWorkspace(app.base, 'T1'));
    const old = await store.getCredentials('slack', 'T1');
    await withApp(async (app) => {
      await postEvent(app.events, mention('T1', 'why do my hips feel tight after sitting all day?'));
      await api.waitFor(postsBy('T1'));
    }, { key: KEY_B, previousKey: KEY_A });
    const now = await store.getCredentials('slack', 'T1');
    expect(now).not.toBe(old);
    expect(createTokenBox(Buffer.from(KEY_B, 'base64')).open(now!, 'T1')).toMatchObject({ ok: true, value: { stale: false } });
    // After the rotation the old key is no longer needed.
    await withApp(async () => {}, { key: KEY_B });
  });
});

async function waitUntil(pred: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 20));
  }
}
