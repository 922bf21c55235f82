// npm run bench:slack — events per second through Bolt's HTTP receiver: the real Slack adapter (which
// answers every mention through the core and posts to a fake Web API) against a bare Bolt app that only
// acks. Same machine, same run, rounds alternated; prints the ratio (target ≥ 0.8). Slack's side (the
// signed events and the fake Web API) runs on a worker thread, so the apps under test own the main thread.
// Throughput is counted as acknowledged events (HTTP 200 from the receiver), which is what Slack's
// 3-second rule is about; the adapter's answers still run concurrently and compete for the same CPU.
import { TEST_IMAGE_CACHE } from '../test/fakes/image-cache.js';
import { createAdapterServices } from '../src/adapter-kit/services.js';
import { App, LogLevel } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
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

async function main() {
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
  console.log(`slack bench: ${EVENTS} signed app_mention events × ${ROUNDS} rounds, ${CONCURRENCY} in flight, Node ${process.version}, ${availableParallelism()} cores`);
  console.log(`  bare Bolt (ack only)      ${bareEps.toFixed(0).padStart(6)} events/s   rounds: ${bareRates.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`  backbuddy adapter (acks)  ${adapterEps.toFixed(0).padStart(6)} events/s   rounds: ${adapterRates.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`  backbuddy answers posted  ${answeredEps.toFixed(0).padStart(6)} answers/s (first event to last chat.postMessage)`);
  console.log(`  ratio adapter/bare        ${ratio.toFixed(2)}   (target ≥ 0.8) ${ratio >= 0.8 ? 'OK' : 'BELOW TARGET'}: every adapter event runs the core and a Web API call; the bare app does nothing`);
  console.log(`  receive path only (bot-authored mentions, acked and dropped by both):`);
  console.log(`    bare ${median(bareBotRates).toFixed(0)} events/s, adapter ${median(adapterBotRates).toFixed(0)} events/s, ratio ${receiveRatio.toFixed(2)} ${receiveRatio >= 0.8 ? 'OK' : 'BELOW TARGET'}`);
  process.exitCode = ratio >= 0.8 ? 0 : 1;
}

if (isMainThread) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 2;
  });
} else {
  void driver();
}
