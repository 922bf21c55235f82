// The real start-up path in OAuth mode: `backbuddy start` (what `npm start` runs) is spawned with
// SLACK_CLIENT_ID and a token key, on a fresh PGlite store, against the fake Web API. A workspace is
// installed through the browser's steps and answered; then the process is started again on the same
// data with another key, and stops with one line.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/slack-api.js';
import { SECRET } from '../fakes/slack-harness.js';
import { CLIENT_ID, CLIENT_SECRET, KEY_A, KEY_B, STATE_SECRET, installWorkspace, mention, oauthHandlers, postEvent, tokenOf } from '../fakes/slack-oauth.js';
import { waitForReady } from '../fakes/started.js';

const root = join(import.meta.dirname, '../..');
const built = existsSync(join(root, 'dist/app/start.js'));

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

function startProcess(env: Record<string, string>): { child: ChildProcess; stderr: () => string; exit: Promise<number | null> } {
  let stderr = '';
  const child = spawn(process.execPath, [join(root, 'bin/backbuddy.js'), 'start'], { cwd: root, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, stderr: () => stderr, exit };
}

if (!built) it.skip('dist/ is not built: backbuddy start in OAuth mode is not tested (npm test builds it first)', () => {});
describe.runIf(built)('backbuddy start with Slack OAuth installs', () => {
  let api: FakeSlackApi;
  const dataDir = mkdtempSync(join(tmpdir(), 'bb-oauth-'));
  let env: Record<string, string>;
  beforeAll(async () => {
    api = await startFakeSlackApi(oauthHandlers());
    env = {
      SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: STATE_SECRET, SLACK_SIGNING_SECRET: SECRET,
      TOKEN_ENCRYPTION_KEY: KEY_A, SLACK_API_URL: api.url, DATA_DIR: dataDir,
    };
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('installs a workspace, answers it with its own token, and stops cleanly', async () => {
    const port = await freePort();
    const p = startProcess({ ...env, PORT: String(port) });
    try {
      const base = `http://127.0.0.1:${port}`;
      // /healthz answers as soon as the process listens; /readyz once Slack is mounted on the port.
      await waitForReady(`${base}/readyz`, p.child);
      expect((await installWorkspace(base, 'T1')).status).toBe(200);
      expect((await postEvent(`${base}/slack/events`, mention('T1', 'why do my hips feel tight after sitting all day?'))).status).toBe(200);
      await api.waitFor((c) => c.method === 'chat.postMessage' && c.auth === `Bearer ${tokenOf('T1')}`, 1, 60_000);
      p.child.kill('SIGTERM');
      expect(await p.exit).toBe(0);
      expect(p.stderr()).not.toContain(tokenOf('T1'));
      expect(p.stderr()).not.toContain(KEY_A);
      expect(p.stderr()).not.toContain('sitting all day');
    } finally {
      if (p.child.exitCode === null) p.child.kill('SIGKILL');
    }
  }, 150_000);

  it('stops with one line and exit 1 when TOKEN_ENCRYPTION_KEY is not the key the tokens were sealed with', async () => {
    const p = startProcess({ ...env, PORT: String(await freePort()), TOKEN_ENCRYPTION_KEY: KEY_B });
    const code = await p.exit;
    const human = p.stderr().split('\n').filter((l) => l.trim() && !l.startsWith('{'));
    expect(code).toBe(1);
    expect(human).toHaveLength(1);
    expect(human[0]).toMatch(/^backbuddy: .*TOKEN_ENCRYPTION_KEY cannot decrypt the stored Slack installations/);
    expect(p.stderr()).not.toMatch(/^\s+at /m);
    expect(p.stderr()).not.toContain(KEY_B);
  }, 150_000);
});
