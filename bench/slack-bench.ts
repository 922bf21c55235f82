// npm run bench:slack — Slack throughput, two lines.
// 1. Answered mentions per second through the real start-up path: `backbuddy start` (what `npm start`
//    runs) as its own process in HTTP mode with the default PGlite store in a fresh DATA_DIR and
//    RATE_LIMIT_PER_USER=0, against a bare Bolt app (bench/bare-bolt.ts) that posts a fixed reply with
//    chat.postMessage to the same fake Web API. An event counts when its chat.postMessage reached the
//    fake API, not when it was acked. Rounds alternate; medians; prints the ratio (target ≥ 0.8), each
//    server's CPU per mention over the rounds (from /proc, which other work on the machine disturbs less
//    than the rates) and how long the fresh DATA_DIR took from spawn to the first answer.
// 2. In process, acks only: events per second acked by the real adapter (which still answers every
//    mention on the same thread) against a bare Bolt app that only acks; Slack's side runs on a worker
//    thread so that only the apps under test share the main event loop.
// Settings: BENCH_EVENTS (2000), BENCH_CONCURRENCY (16), BENCH_ROUNDS (3).
import { TEST_IMAGE_CACHE } from '../test/fakes/image-cache.js';
import { createAdapterServices } from '../src/adapter-kit/services.js';
import { App, LogLevel } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mentionBody, postEvent, startApp, startBackbuddy, stopServer, type Server as AppServer } from './lib/slack-drive.js';
import pino from 'pino';
import { createSlackApp } from '../adapters/slack/app.js';
import { ConfigSchema } from '../src/config/schema.js';
import { createAssistant } from '../src/core/assistant.js';
import { MemoryStore } from '../src/store/memory.js';
import { startFakeSlackApi } from '../test/fakes/slack-api.js';
import { slackSignedHeaders } from '../test/fakes/slack-sign.js';

const SECRET = 'bench-signing-secret-0123456789';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const QUESTIONS = [
  'why do my hips feel tight after sitting all day?', 'is heat or ice better for a sore back?',
  'how often should I take a break from sitting?', 'what stretch helps my lower back at my desk?',
  'is a standing desk worth it?', 'hello', 'do I need an MRI for back pain?', 'thanks!',
];

let seq = 0;
/** A mention with a question; with `fromBot`, the same event posted by another bot (acked, then ignored). */
function mention(fromBot: boolean): string {
  const n = ++seq;
  const ts = `${1700000000 + n}.${String(n).padStart(6, '0')}`;
  return JSON.stringify({
    token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `EvB${n}`, event_time: 1700000000 + n,
    authorizations: [{ team_id: 'T1', user_id: 'U_BOT', is_bot: true }],
    event: { type: 'app_mention', user: 'U_ALICE', text: `<@U_BOT> ${QUESTIONS[n % QUESTIONS.length]}`, ts, channel: `C${n % 50}`, event_ts: ts,
      ...(fromBot ? { bot_id: 'B_OTHER' } : {}) },
  });
}

/** CPU time (user + system) a process has used so far, in ms, from /proc; null where there is no /proc. */
function cpuMsOf(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;

/** Sends EVENTS signed mentions, CONCURRENCY at a time; events per second until the last ack. */
async function blast(url: string, events: number, concurrency: number, fromBot: boolean): Promise<number> {
  let sent = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (sent < events) {
      sent++;
      const body = mention(fromBot);
      const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...slackSignedHeaders(SECRET, body) } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`receiver answered ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return events / ((performance.now() - t0) / 1000);
}

type DriverCommand = { id: number; cmd: 'blast'; url: string; fromBot: boolean } | { id: number; cmd: 'answers' } | { id: number; cmd: 'stop' };

// The driver thread plays Slack: it sends the signed events and runs the fake Web API the adapter posts
// answers to. It runs on its own thread so that only the apps under test share the main event loop.
async function driver(): Promise<void> {
  const port = parentPort!;
  const api = await startFakeSlackApi();
  port.postMessage({ id: 0, apiUrl: api.url });
  port.on('message', async (m: DriverCommand) => {
    if (m.cmd === 'blast') port.postMessage({ id: m.id, eps: await blast(m.url, EVENTS, CONCURRENCY, m.fromBot) });
    else if (m.cmd === 'answers') {
      const n = api.calls.filter((c) => c.method === 'chat.postMessage').length;
      api.calls.length = 0;
      port.postMessage({ id: m.id, n });
    } else {
      await api.close();
      port.postMessage({ id: m.id });
      port.close();
    }
  });
}

/** Line 1: separate processes, answered mentions counted at the fake Web API. */
async function answeredThroughStart(): Promise<{ ratio: number }> {
  const api = await startFakeSlackApi();
  const posts = () => api.calls.filter((c) => c.method === 'chat.postMessage').length;
  const dataDir = mkdtempSync(join(tmpdir(), 'bb-bench-slack-'));
  const bareScript = fileURLToPath(new URL('./bare-bolt.js', import.meta.url));
  let bb: AppServer | null = null;
  let bare: AppServer | null = null;
  try {
    const t0 = performance.now();
    bb = await startBackbuddy(api.url, { DATA_DIR: dataDir, RATE_LIMIT_PER_USER: '0', RATE_LIMIT_PER_CHANNEL: '0' });
    const ready = performance.now() - t0;
    await postEvent(bb.url, mentionBody().body);
    await api.waitFor((c) => c.method === 'chat.postMessage', 1, 120_000);
    const firstAnswer = performance.now() - t0;
    bare = await startApp([bareScript], api.url, { SLACK_SIGNING_SECRET: SECRET });

    /**
     * Sends EVENTS mentions, CONCURRENCY at a time; answers per second from the first send to the last
     * post, and the server's CPU per mention over the round (ms, from /proc; less disturbed than the
     * rate when other work shares the machine).
     */
    const round = async (server: AppServer): Promise<{ rate: number; cpuMs: number | null }> => {
      api.calls.length = 0;
      const cpu0 = cpuMsOf(server.child.pid);
      const start = performance.now();
      let sent = 0;
      const worker = async () => {
        while (sent < EVENTS) {
          sent++;
          const status = await postEvent(server.url, mentionBody({ user: `U${sent % 200}` }).body);
          if (status !== 200) throw new Error(`receiver answered ${status}`);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const deadline = performance.now() + 120_000;
      while (posts() < EVENTS) {
        if (performance.now() > deadline) throw new Error(`only ${posts()} of ${EVENTS} answers posted`);
        await new Promise((r) => setTimeout(r, 2));
      }
      const rate = EVENTS / ((performance.now() - start) / 1000);
      const cpu1 = cpuMsOf(server.child.pid);
      return { rate, cpuMs: cpu0 !== null && cpu1 !== null ? (cpu1 - cpu0) / EVENTS : null };
    };
    await round(bare);
    await round(bb);
    const bareRounds: Array<{ rate: number; cpuMs: number | null }> = [];
    const bbRounds: Array<{ rate: number; cpuMs: number | null }> = [];
    for (let r = 0; r < ROUNDS; r++) {
      bareRounds.push(await round(bare));
      bbRounds.push(await round(bb));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const bareRates = bareRounds.map((x) => x.rate);
    const bbRates = bbRounds.map((x) => x.rate);
    const cpuLine = (rounds: Array<{ cpuMs: number | null }>) => {
      const ms = rounds.map((x) => x.cpuMs).filter((x): x is number => x !== null);
      return ms.length === rounds.length ? `${median(ms).toFixed(2)} ms CPU/mention (rounds: ${ms.map((x) => x.toFixed(2)).join(', ')})` : 'CPU not read (no /proc)';
    };
    const ratio = median(bbRates) / median(bareRates);
    console.log(`slack bench: ${EVENTS} signed app_mention events × ${ROUNDS} rounds, ${CONCURRENCY} in flight, Node ${process.version}, ${availableParallelism()} cores`);
    console.log(`  answered mentions (separate processes, counted at chat.postMessage):`);
    console.log(`    bare Bolt + fixed chat.postMessage  ${median(bareRates).toFixed(0).padStart(6)} answers/s   rounds: ${bareRates.map((x) => x.toFixed(0)).join(', ')}`);
    console.log(`    backbuddy start (PGlite, HTTP)      ${median(bbRates).toFixed(0).padStart(6)} answers/s   rounds: ${bbRates.map((x) => x.toFixed(0)).join(', ')}`);
    console.log(`    ratio backbuddy/bare                ${ratio.toFixed(2)}   (target ≥ 0.8) ${ratio >= 0.8 ? 'OK' : 'BELOW TARGET'}`);
    console.log(`    server CPU per mention: bare ${cpuLine(bareRounds)}; backbuddy ${cpuLine(bbRounds)}`);
    console.log(`  fresh DATA_DIR: ready (/readyz) after ${(ready / 1000).toFixed(2)} s, first answer posted after ${(firstAnswer / 1000).toFixed(2)} s`);
    return { ratio };
  } finally {
    if (bare) await stopServer(bare);
    if (bb) await stopServer(bb);
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const { ratio } = await answeredThroughStart();
  await ackOnlyInProcess();
  process.exitCode = ratio >= 0.8 ? 0 : 1;
}

/** Line 2: in process, acks only. */
async function ackOnlyInProcess() {
  const thread = new Worker(fileURLToPath(import.meta.url));
  const replies = new Map<number, (v: any) => void>();
  thread.on('message', (m: { id: number }) => replies.get(m.id)?.(m));
  let nextId = 0;
  const ask = <T>(msg: Record<string, unknown>): Promise<T> => {
    const id = ++nextId;
    return new Promise<T>((r) => { replies.set(id, r); thread.postMessage({ ...msg, id }); });
  };
  const { apiUrl } = await new Promise<{ apiUrl: string }>((r) => replies.set(0, r));
  const clientOptions = { slackApiUrl: apiUrl, retryConfig: { retries: 0 } };

  const bare = new App({ token: 'xoxb-bench', signingSecret: SECRET, botId: 'B_BOT', botUserId: 'U_BOT', logLevel: LogLevel.ERROR, clientOptions });
  bare.event('app_mention', async () => {});
  const bareUrl = urlOf((await bare.start({ port: 0, host: '127.0.0.1' })) as Server);

  const config = ConfigSchema.parse({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: apiUrl, PORT: '0', DEFAULT_TZ: 'UTC' });
  const log = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
  const slack = createSlackApp({
    config, log,
    services: createAdapterServices({ assistant: createAssistant(), store: new MemoryStore(), log, defaultTz: 'UTC', imageCacheDir: TEST_IMAGE_CACHE }),
    testing: { botId: 'B_BOT', botUserId: 'U_BOT', clientOptions, host: '127.0.0.1' },
  });
  const { port } = await slack.start();
  const adapterUrl = `http://127.0.0.1:${port}/slack/events`;

  const blastAt = async (url: string, fromBot = false) => (await ask<{ eps: number }>({ cmd: 'blast', url, fromBot })).eps;
  let answered = 0;
  /** Waits until every event sent to the adapter so far has its answer posted. */
  const drain = async (expected: number) => {
    const t0 = performance.now();
    for (;;) {
      answered += (await ask<{ n: number }>({ cmd: 'answers' })).n;
      if (answered >= expected) return;
      if (performance.now() - t0 > 60_000) throw new Error(`only ${answered} of ${expected} answers posted`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  // Warm-up: JIT, connection pools, the core's index.
  await blastAt(bareUrl);
  await blastAt(adapterUrl);
  await drain(EVENTS);

  const bareRates: number[] = [];
  const adapterRates: number[] = [];
  const drainMs: number[] = [];
  const bareBotRates: number[] = [];
  const adapterBotRates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    bareRates.push(await blastAt(bareUrl));
    const t0 = performance.now();
    adapterRates.push(await blastAt(adapterUrl));
    await drain(EVENTS * (r + 2));
    drainMs.push(performance.now() - t0);
    bareBotRates.push(await blastAt(bareUrl, true));
    adapterBotRates.push(await blastAt(adapterUrl, true));
  }
  await bare.stop();
  await slack.stop();
  await ask({ cmd: 'stop' });
  await thread.terminate();

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const bareEps = median(bareRates);
  const adapterEps = median(adapterRates);
  const answeredEps = EVENTS / (median(drainMs) / 1000);
  const ratio = adapterEps / bareEps;
  const receiveRatio = median(adapterBotRates) / median(bareBotRates);
  console.log(`  in process, acks only:\n    bare Bolt (ack only)      ${bareEps.toFixed(0).padStart(6)} events/s   rounds: ${bareRates.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`    backbuddy adapter (acks)  ${adapterEps.toFixed(0).padStart(6)} events/s   rounds: ${adapterRates.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`    backbuddy answers posted  ${answeredEps.toFixed(0).padStart(6)} answers/s (first event to last chat.postMessage)`);
  console.log(`    ratio adapter/bare        ${ratio.toFixed(2)}   (acks; the adapter answers on the same thread, the bare app does nothing)`);
  console.log(`    receive path only (bot-authored mentions, acked and dropped by both):`);
  console.log(`      bare ${median(bareBotRates).toFixed(0)} events/s, adapter ${median(adapterBotRates).toFixed(0)} events/s, ratio ${receiveRatio.toFixed(2)} ${receiveRatio >= 0.8 ? 'OK' : 'BELOW TARGET'}`);
  }

if (isMainThread) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 2;
  });
} else {
  void driver();
}
