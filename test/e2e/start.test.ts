// The real start-up path (`backbuddy start`, what `npm start` runs) with Slack tokens: the compiled
// program is spawned against the fake Slack Web API on loopback, in HTTP mode, on a fresh PGlite store.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/slack-api.js';
import { JSON_TYPE, postSigned } from '../fakes/slack-sign.js';
import { BOT_TOKEN, SECRET, eventFrom } from '../fakes/slack-harness.js';
import { killStarted, waitForReady } from '../fakes/started.js';

const root = join(import.meta.dirname, '../..');
const built = existsSync(join(root, 'dist/app/start.js'));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

if (!built) it.skip('dist/ is not built: backbuddy start is not tested (npm test builds it first)', () => {});
describe.runIf(built)('backbuddy start with Slack tokens', () => {
  let api: FakeSlackApi;
  let child: ChildProcess;
  let port: number;
  let stderr = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'bb-start-'));

  beforeAll(async () => {
    api = await startFakeSlackApi();
    port = await freePort();
    child = spawn(process.execPath, [join(root, 'bin/backbuddy.js'), 'start'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: api.url,
        PORT: String(port),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (d) => (stderr += String(d)));
    await waitForReady(`http://127.0.0.1:${port}/readyz`, child);
  }, 150_000);

  afterAll(async () => {
    await killStarted(child);
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers the workspace and answers a mention in a thread', async () => {
    expect(api.calls.some((c) => c.method === 'auth.test')).toBe(true);
    const ev = eventFrom('app_mention', { channel: 'C_START', text: '<@U_BOT> why does my back ache after sitting all day?' });
    const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, SECRET, JSON.stringify(ev), JSON_TYPE);
    expect(res.status).toBe(200);
    const [post] = await api.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C_START', 1, 45_000);
    expect(post!.args.thread_ts).toBeTruthy();
  });

  it('serves /healthz and /readyz on the same port as /slack/events', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', store: 'ok', platforms: { slack: 'connected' } });
  });

  it('has no /admin without ADMIN_TOKEN or Sign in with Slack (admin-start.test.ts runs it with one)', async () => {
    for (const path of ['/admin', '/admin/sign-in', '/admin/library', '/admin/api/stats.json']) {
      expect((await fetch(`http://127.0.0.1:${port}${path}`, { redirect: 'manual' })).status, path).toBe(404);
    }
    expect(stderr).not.toContain('admin_enabled');
  });

  it('rejects a bad signature with 401', async () => {
    const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, 'wrong-secret-0000000000', JSON.stringify(eventFrom('app_mention')), JSON_TYPE);
    expect(res.status).toBe(401);
  });

  it('logs codes, never message text or the token', () => {
    expect(stderr).not.toContain('sitting all day');
    expect(stderr).not.toContain(BOT_TOKEN);
    expect(stderr).toContain('"code":"started"');
  });

  it('shuts down cleanly on SIGTERM, finishing an answer it had taken', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    // The reply's chat.postMessage is held open until the process has begun stopping, so the answer
    // is certainly in flight when SIGTERM arrives.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let posting!: () => void;
    const posted = new Promise<void>((r) => (posting = r));
    api.on('chat.postMessage', async (args) => {
      if (args.channel !== 'C_LAST') return undefined;
      posting();
      await held;
      return undefined;
    });
    const ev = eventFrom('app_mention', { channel: 'C_LAST', text: '<@U_BOT> what helps tight hips?' });
    expect((await postSigned(`http://127.0.0.1:${port}/slack/events`, SECRET, JSON.stringify(ev), JSON_TYPE)).status).toBe(200);
    await posted;
    child.kill('SIGTERM');
    for (let i = 0; !stderr.includes('"code":"stopping"') && i < 600; i++) await new Promise((r) => setTimeout(r, 50));
    // Stopping: not ready any more, and new Slack requests are turned away for another replica.
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'stopping' });
    expect((await postSigned(`http://127.0.0.1:${port}/slack/events`, SECRET, JSON.stringify(eventFrom('app_mention')), JSON_TYPE)).status).toBe(503);
    release();
    expect(await exited).toBe(0);
    expect(api.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'C_LAST')).toHaveLength(1);
    expect(stderr).toContain('"code":"stopped"');
    expect(stderr).not.toContain('shutdown_work_abandoned');
  });
});
