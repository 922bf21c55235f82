// The real start-up path with both platforms: `backbuddy start` (what `npm start` runs) is spawned with
// Slack (HTTP mode) and Discord settings pointing at their fakes on loopback, on a fresh PGlite store.
// Also `npm run discord:register` against the fake REST API.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../adapters/discord/commands.js';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/slack-api.js';
import { JSON_TYPE, postSigned } from '../fakes/slack-sign.js';
import { BOT_TOKEN, SECRET, eventFrom } from '../fakes/slack-harness.js';
import { APP_ID, startFakeDiscord, type FakeDiscord } from '../fakes/discord-server.js';
import { CHANNEL, GUILD, GUILD_CREATE, TOKEN, fixture } from '../fakes/discord-harness.js';
import { killStarted, waitForReady } from '../fakes/started.js';

const root = join(import.meta.dirname, '../..');
const built = existsSync(join(root, 'dist/app/start.js')) && existsSync(join(root, 'dist/adapters/discord/register.js'));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const discordEnv = (api: string) => ({ PATH: process.env.PATH ?? '', DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: api, LOG_LEVEL: 'info' });

if (!built) it.skip('dist/ is not built: backbuddy start with both platforms is not tested (npm test builds it first)', () => {});
describe.runIf(built)('backbuddy start with Slack and Discord settings', () => {
  let slack: FakeSlackApi;
  let discord: FakeDiscord;
  let child: ChildProcess;
  let port: number;
  let stderr = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'bb-both-'));

  beforeAll(async () => {
    slack = await startFakeSlackApi();
    discord = await startFakeDiscord({ guilds: [GUILD_CREATE] });
    port = await freePort();
    child = spawn(process.execPath, [join(root, 'bin/backbuddy.js'), 'start'], {
      cwd: root,
      env: { ...discordEnv(discord.api), SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.url, PORT: String(port), DATA_DIR: dataDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (d) => (stderr += String(d)));
    await waitForReady(`http://127.0.0.1:${port}/readyz`, child);
    await discord.identified;
  }, 150_000);

  afterAll(async () => {
    await killStarted(child);
    await slack?.close();
    await discord?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a Slack mention and a Discord mention from one process', async () => {
    const ev = eventFrom('app_mention', { channel: 'C_BOTH' });
    expect((await postSigned(`http://127.0.0.1:${port}/slack/events`, SECRET, JSON.stringify(ev), JSON_TYPE)).status).toBe(200);
    await slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C_BOTH', 1, 60_000);
    // The gateway's READY and GUILD_CREATE are in before the first log line says started.
    for (let i = 0; !stderr.includes('"code":"started"') && i < 600; i++) await new Promise((r) => setTimeout(r, 100));
    discord.dispatch('MESSAGE_CREATE', { ...fixture<Record<string, unknown>>('message_mention'), id: '710000000000000001', timestamp: new Date().toISOString() });
    const [post] = await discord.waitFor((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL}/messages`, 1, 60_000);
    expect(post!.auth).toBe(`Bot ${TOKEN}`);
  });

  it('is ready only with both platforms connected', async () => {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', store: 'ok', platforms: { slack: 'connected', discord: 'connected' } });
  });

  it('logs both platforms, never message text or tokens', () => {
    expect(stderr).toContain('"platforms":["slack","discord"]');
    expect(stderr).toContain(`"code":"discord_started"`);
    expect(stderr).not.toContain('sitting all day');
    expect(stderr).not.toContain(TOKEN);
    expect(stderr).not.toContain(BOT_TOKEN);
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

describe.runIf(built)('npm run discord:register', () => {
  let discord: FakeDiscord;
  beforeAll(async () => { discord = await startFakeDiscord(); });
  afterAll(async () => { await discord.close(); });
  // Asynchronous: the fake answers from this process, so a blocking spawnSync would starve it.
  const run = (args: string[], env: Record<string, string> = discordEnv(discord.api)) => new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [join(root, 'dist/adapters/discord/register.js'), ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += String(d)));
    p.stderr.on('data', (d) => (stderr += String(d)));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });

  it('overwrites the global commands in bulk, the same twice, and prints the invite URL', async () => {
    const first = await run([]);
    const second = await run([]);
    expect([first.status, second.status]).toEqual([0, 0]);
    const puts = discord.calls.filter((c) => c.method === 'PUT' && c.path === `/applications/${APP_ID}/commands`);
    expect(puts).toHaveLength(2);
    expect(puts[0]!.body).toEqual(COMMANDS);
    expect(puts[1]!.body).toEqual(puts[0]!.body);
    expect(first.stdout).toContain(`client_id=${APP_ID}&scope=bot+applications.commands&permissions=274878024704`);
    expect(first.stdout + first.stderr).not.toContain(TOKEN);
  });

  it('registers in one server with --guild', async () => {
    expect((await run(['--guild', GUILD])).status).toBe(0);
    expect(discord.calls.some((c) => c.method === 'PUT' && c.path === `/applications/${APP_ID}/guilds/${GUILD}/commands`)).toBe(true);
  });

  it('exits 2 with one line on a bad argument or missing settings', async () => {
    const bad = await run(['--guild', 'abc']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const none = await run([], { PATH: process.env.PATH ?? '' });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('DISCORD_TOKEN');
  });

  it('describes the commands within Discord\'s limits', () => {
    const names = (COMMANDS as any[]).map((c) => c.name);
    expect(names).toEqual(['backtip', 'backbuddy']);
    const walk = (o: any): void => {
      expect(o.name).toMatch(/^[a-z-]{1,32}$/);
      expect(o.description.length).toBeLessThanOrEqual(100);
      for (const x of o.options ?? []) walk(x);
    };
    for (const c of COMMANDS as any[]) walk(c);
  });
});
