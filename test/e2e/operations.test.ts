// Operations through the real start-up path (`backbuddy start`, spawned from dist/) against the fake
// Slack (Web API and Socket Mode) and Discord (REST and gateway) on loopback:
// - start-up mistakes an operator can make are one line naming the setting and the cause, exit 1;
// - /healthz and /readyz on PORT in Socket Mode and Discord-only mode (HTTP mode and both platforms
//   are checked in start.test.ts and discord-start.test.ts, which wait for /readyz);
// - SIGTERM stops cleanly with exit 0 (the process exits 1 by itself past its 9 s deadline, so exit 0
//   also says it finished in time; no wall-clock limit in the test).
// One DATA_DIR for the whole file, used by one process at a time.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/slack-api.js';
import { startFakeSocketMode, type FakeSocketMode } from '../fakes/slack-socket.js';
import { BOT_TOKEN, SECRET } from '../fakes/slack-harness.js';
import { APP_ID, startFakeDiscord, type FakeDiscord } from '../fakes/discord-server.js';
import { GUILD_CREATE, TOKEN } from '../fakes/discord-harness.js';

const root = join(import.meta.dirname, '../..');
const built = existsSync(join(root, 'dist/app/serve.js'));
const dataDir = mkdtempSync(join(tmpdir(), 'bb-ops-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

type Run = { child: ChildProcess; stderr: () => string; exited: Promise<number | null> };

function startProcess(env: Record<string, string>): Run {
  const child = spawn(process.execPath, [join(root, 'bin/backbuddy.js'), 'start'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, stderr: () => err, exited };
}

/** The lines that are not JSON log lines: what an operator reads. */
const operatorLines = (stderr: string) => stderr.split('\n').filter((l) => l.trim() && !l.startsWith('{'));

// Sized for a first PGlite start on a cold, busy 2-core machine; ends as soon as the answer comes.
async function waitForStatus(url: string, run: Run, status: number, timeoutMs = 120_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (run.child.exitCode !== null) throw new Error(`backbuddy exited early with ${run.child.exitCode}: ${run.stderr()}`);
    const got = await fetch(url).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }), () => null);
    if (got?.status === status) return got.body;
    if (Date.now() > until) throw new Error(`${url} did not answer ${status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stopWithSigterm(run: Run): Promise<number | null> {
  if (run.child.exitCode !== null) return run.child.exitCode;
  run.child.kill('SIGTERM');
  return run.exited;
}

async function kill(run: Run | undefined) {
  if (run && run.child.exitCode === null) {
    run.child.kill('SIGKILL');
    await run.exited;
  }
}

if (!built) it.skip('dist/ is not built: operations are not tested (npm test builds it first)', () => {});

// The cases run side by side (each with fakes of its own): they stop before the store opens, except
// the DATABASE_URL one, which never reaches a database, and the KNOWLEDGE_DIR one, with a DATA_DIR of its own.
describe.runIf(built)('start-up mistakes: one line naming the setting and the cause, exit 1', () => {
  let closedPort: number;
  let busy: Server;
  let busyPort: number;
  const fakes: Array<{ close(): Promise<void> }> = [];
  beforeAll(async () => {
    closedPort = await freePort();
    busy = createServer().listen(0);
    await new Promise((r) => busy.once('listening', r));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const f of fakes) await f.close();
    busy?.close();
  });
  const slackFake = async (method?: string, error?: string) => {
    const api = await startFakeSlackApi(method && error ? { [method]: () => ({ ok: false, error }) } : {});
    fakes.push(api);
    return api;
  };
  const discordFake = async () => {
    const d = await startFakeDiscord({ guilds: [GUILD_CREATE] });
    fakes.push(d);
    return d;
  };

  const slackEnv = (api: string) => ({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: api, PORT: '0' });
  const discordEnv = (api: string) => ({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: api, PORT: '0' });

  async function failsWith(env: Record<string, string>, ...patterns: RegExp[]) {
    const run = startProcess(env);
    expect(await run.exited).toBe(1);
    const lines = operatorLines(run.stderr());
    expect(lines).toHaveLength(1);
    for (const p of patterns) expect(lines[0]).toMatch(p);
    expect(run.stderr()).not.toMatch(/\n\s+at /);
    expect(run.stderr()).not.toContain(BOT_TOKEN);
    expect(run.stderr()).not.toContain(TOKEN);
    return lines[0]!;
  }

  it.concurrent('a wrong Slack token', async () => {
    const api = await slackFake('auth.test', 'invalid_auth');
    await failsWith(slackEnv(api.url), /^backbuddy: SLACK_BOT_TOKEN: Slack rejected the token \(invalid_auth\)/, /OAuth & Permissions/);
  });

  it.concurrent('a revoked Slack token', async () => {
    const api = await slackFake('auth.test', 'token_revoked');
    await failsWith(slackEnv(api.url), /SLACK_BOT_TOKEN: Slack rejected the token \(token_revoked\)/);
  });

  it.concurrent('Slack unreachable (connection refused) is not reported as a rejected token', async () => {
    const line = await failsWith(slackEnv(`http://127.0.0.1:${closedPort}/api/`), /Slack: cannot reach 127\.0\.0\.1:\d+: the connection was refused/, /SLACK_API_URL/);
    expect(line).not.toMatch(/rejected/);
  });

  it.concurrent('a wrong Slack app token in Socket Mode', async () => {
    const api = await slackFake('apps.connections.open', 'invalid_auth');
    await failsWith({ ...slackEnv(api.url), SLACK_APP_TOKEN: 'xapp-1-A1-1-wrong' }, /SLACK_APP_TOKEN: Slack rejected the token \(invalid_auth\)/);
  });

  it.concurrent('a wrong Discord token', async () => {
    const discord = await discordFake();
    discord.on(/^GET \/gateway\/bot/, () => ({ status: 401, body: { message: '401: Unauthorized', code: 0 } }));
    await failsWith(discordEnv(discord.api), /^backbuddy: DISCORD_TOKEN: Discord rejected the token/, /Reset Token/);
  });

  it.concurrent('Discord unreachable (connection refused) is not reported as a rejected token', async () => {
    const line = await failsWith(discordEnv(`http://127.0.0.1:${closedPort}/api`), /Discord: cannot reach 127\.0\.0\.1:\d+: the connection was refused/, /DISCORD_API_URL/);
    expect(line).not.toMatch(/rejected/);
  });

  it.concurrent('a DATABASE_URL whose server is not there', async () => {
    const discord = await discordFake();
    await failsWith({ ...discordEnv(discord.api), DATABASE_URL: `postgres://backbuddy:secret-pw@127.0.0.1:${closedPort}/backbuddy` },
      /^backbuddy: DATABASE_URL postgres:\/\/backbuddy:\*\*\*@127\.0\.0\.1:\d+\/backbuddy: cannot connect, the connection was refused/);
  });

  it.concurrent('a KNOWLEDGE_DIR without safety rules (the store it opened meanwhile is closed)', async () => {
    const discord = await discordFake();
    const own = mkdtempSync(join(tmpdir(), 'bb-ops-kb-'));
    try {
      await failsWith({ ...discordEnv(discord.api), KNOWLEDGE_DIR: own, DATA_DIR: own }, /^backbuddy: knowledge base could not be loaded: .*safety\.yaml.*could not be read/);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it.concurrent('a PORT another program holds', async () => {
    const discord = await discordFake();
    await failsWith({ ...discordEnv(discord.api), PORT: String(busyPort) }, new RegExp(`^backbuddy: PORT ${busyPort}: already in use`));
  });
});

describe.runIf(built)('Slack Socket Mode: /healthz and /readyz on PORT, SIGTERM', () => {
  let api: FakeSlackApi;
  let socket: FakeSocketMode;
  let run: Run;
  let port: number;
  beforeAll(async () => {
    api = await startFakeSlackApi();
    socket = await startFakeSocketMode();
    api.on('apps.connections.open', () => ({ url: socket.wsUrl }));
    port = await freePort();
    run = startProcess({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-A1-1-fake', SLACK_API_URL: api.url, PORT: String(port) });
  }, 30_000);
  afterAll(async () => {
    await kill(run);
    await socket?.close();
    await api?.close();
  });

  it('is alive at once and ready when the socket is connected and the store answers', async () => {
    const ready = await waitForStatus(`http://127.0.0.1:${port}/readyz`, run, 200);
    expect(ready).toEqual({ status: 'ready', store: 'ok', platforms: { slack: 'connected' } });
    expect(await waitForStatus(`http://127.0.0.1:${port}/healthz`, run, 200)).toEqual({ status: 'ok' });
    // Nothing else is served in Socket Mode.
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  }, 150_000);

  it('stops on SIGTERM with exit 0, closing the socket', async () => {
    expect(await stopWithSigterm(run)).toBe(0);
    expect(run.stderr()).toContain('"code":"stopped"');
    expect(run.stderr()).not.toContain('shutdown_timeout');
  }, 30_000);
});

describe.runIf(built)('Discord only: /healthz and /readyz on PORT, SIGTERM', () => {
  let discord: FakeDiscord;
  let run: Run;
  let port: number;
  beforeAll(async () => {
    discord = await startFakeDiscord({ guilds: [GUILD_CREATE] });
    port = await freePort();
    run = startProcess({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: discord.api, PORT: String(port) });
  }, 30_000);
  afterAll(async () => {
    await kill(run);
    await discord?.close();
  });

  it('is ready when the gateway is READY and the store answers', async () => {
    expect(await waitForStatus(`http://127.0.0.1:${port}/readyz`, run, 200)).toEqual({ status: 'ready', store: 'ok', platforms: { discord: 'connected' } });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  }, 150_000);

  it('stops on SIGINT too, with exit 0', async () => {
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toContain('"code":"stopped"');
  }, 30_000);
});
