// The admin page through the real start path (`backbuddy start`, compiled) with Slack in HTTP mode
// against the fake Web API: /admin shares PORT with /slack/events and the probes, signs in with
// ADMIN_TOKEN, and reads the store the process opened itself (a question asked in Slack shows up in
// the week's activity). The same start without ADMIN_TOKEN has no /admin (start.test.ts checks 404).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/slack-api.js';
import { JSON_TYPE, postSigned } from '../fakes/slack-sign.js';
import { BOT_TOKEN, SECRET, eventFrom } from '../fakes/slack-harness.js';
import { killStarted, waitForReady } from '../fakes/started.js';

const root = join(import.meta.dirname, '../..');
const built = existsSync(join(root, 'dist/app/start.js'));
const TOKEN = 'start-path-admin-token-0123456789';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

if (!built) it.skip('dist/ is not built: the admin page through backbuddy start is not tested (npm test builds it first)', () => {});
describe.runIf(built)('backbuddy start with ADMIN_TOKEN', () => {
  let api: FakeSlackApi;
  let child: ChildProcess;
  let base: string;
  let stderr = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'bb-admin-start-'));

  beforeAll(async () => {
    api = await startFakeSlackApi();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [join(root, 'bin/backbuddy.js'), 'start'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: api.url, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', ADMIN_TOKEN: TOKEN },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (d) => (stderr += String(d)));
    await waitForReady(`${base}/readyz`, child, () => stderr);
  }, 150_000);

  afterAll(async () => {
    await killStarted(child);
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves /admin on PORT: signed out it redirects and the JSON path answers 401; the token signs in', async () => {
    const out = await fetch(`${base}/admin/library`, { redirect: 'manual' });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/admin/sign-in');
    expect((await fetch(`${base}/admin/api/stats.json`)).status).toBe(401);
    const signIn = await fetch(`${base}/admin/sign-in`, { method: 'POST', redirect: 'manual', body: `token=${TOKEN}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
    const library = await fetch(`${base}/admin/library`, { headers: { cookie } });
    expect(library.status).toBe(200);
    const { kb } = loadKnowledge();
    expect(await library.text()).toContain(`${kb.entries.length} entries under ${kb.tags.size} tags`);
    expect(await (await fetch(`${base}/admin/nudges`, { headers: { cookie } })).text()).toContain('No channel has nudges yet.');
  });

  it('reads the store the process opened: a question asked in Slack is counted in this week\'s activity', async () => {
    const cookie = (await fetch(`${base}/admin/sign-in`, { method: 'POST', redirect: 'manual', body: `token=${TOKEN}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } }))
      .headers.getSetCookie()[0]!.split(';')[0]!;
    const questions = async () => {
      const r = await fetch(`${base}/admin/api/stats.json?weeks=1`, { headers: { cookie } });
      const body = await r.json() as { weeks: Array<{ totals: { questions: number } }> };
      return body.weeks[0]?.totals.questions ?? 0;
    };
    const before = await questions();
    const ev = eventFrom('app_mention', { channel: 'C_ADMIN', text: '<@U_BOT> why does my back ache after sitting all day?' });
    expect((await postSigned(`${base}/slack/events`, SECRET, JSON.stringify(ev), JSON_TYPE)).status).toBe(200);
    await api.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C_ADMIN', 1, 45_000);
    await expect.poll(questions, { timeout: 30_000, interval: 200 }).toBe(before + 1);
  });

  it('logs the sign-in as a code, never the token', () => {
    expect(stderr).toContain('"code":"admin_enabled"');
    expect(stderr).toContain('"code":"admin_signed_in"');
    expect(stderr).not.toContain(TOKEN);
    expect(stderr).not.toContain('sitting all day');
  });
});
