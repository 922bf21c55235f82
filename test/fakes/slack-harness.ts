// Test harness for the Slack adapter: the real adapter (createSlackApp) on the real Bolt receiver, wired to
// the fake Web API (slack-api.ts) and, in Socket Mode, the fake Socket Mode server (slack-socket.ts).
// It builds signed requests from the replay fixtures in test/fixtures/payloads/slack and captures pino
// output as parsed lines. It emulates nothing by itself; what the fakes leave out is listed in their headers.
import { TEST_IMAGE_CACHE } from './image-cache.js';
import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { createSlackApp, type SlackApp } from '../../adapters/slack/app.js';
import { createAdapterServices } from '../../src/adapter-kit/services.js';
import { ConfigSchema } from '../../src/config/schema.js';
import { createLogger } from '../../src/common/log.js';
import type { Assistant } from '../../src/core/assistant.js';
import type { Clock } from '../../src/common/clock.js';
import type { Store } from '../../src/store/store.js';
import { startFakeSlackApi, type FakeHandler, type FakeSlackApi } from './slack-api.js';
import { FORM_TYPE, JSON_TYPE, form, postSigned, type SignedPost } from './slack-sign.js';
import { startFakeSocketMode, type FakeSocketMode } from './slack-socket.js';

export const SECRET = 'test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-test-token-not-real';
export const APP_TOKEN = 'xapp-test-token-not-real';

const fixtureDir = fileURLToPath(new URL('../fixtures/payloads/slack/', import.meta.url));
export const fixture = <T = any>(name: string): T => JSON.parse(readFileSync(`${fixtureDir}${name}.json`, 'utf8')) as T;

export type LogLine = { level: number; code?: string; [k: string]: unknown };

export interface SlackHarness {
  api: FakeSlackApi;
  socket: FakeSocketMode | null;
  slack: SlackApp;
  /** http://127.0.0.1:PORT/slack/events (HTTP mode). */
  url: string;
  logs: LogLine[];
  /** The logger the adapter was given, for other parts (the nudge engine) to log into the same capture. */
  log: Logger;
  /** Raw log output, to check that no message text or token was logged. */
  rawLogs(): string;
  waitForLog(code: string, count?: number, timeoutMs?: number): Promise<LogLine[]>;
  /** POSTs a signed event_callback (HTTP mode). */
  postEvent(body: unknown, opts?: { headers?: Record<string, string>; timestamp?: number }): Promise<SignedPost>;
  /** POSTs a signed slash command; `response_url` points at the fake. */
  postCommand(fields: Record<string, string>): Promise<SignedPost & { responseId: string }>;
  /** POSTs a signed block_actions payload; `response_url` points at the fake. */
  postAction(payload: Record<string, any>): Promise<SignedPost & { responseId: string }>;
  close(): Promise<void>;
}

export type HarnessOptions = {
  assistant: Assistant;
  store: Store;
  mode?: 'http' | 'socket';
  clock?: Clock;
  handlers?: Record<string, FakeHandler>;
  /** Log through the app's own logger (src/common/log.ts, with its redact list) at trace level, instead of plain pino at debug. */
  appLogger?: boolean;
};

let responseCounter = 0;

export async function startSlackHarness(opts: HarnessOptions): Promise<SlackHarness> {
  const api = await startFakeSlackApi(opts.handlers);
  const socket = opts.mode === 'socket' ? await startFakeSocketMode() : null;
  if (socket) api.on('apps.connections.open', () => ({ url: socket.wsUrl }));

  const logs: LogLine[] = [];
  let raw = '';
  const logEvents = new EventEmitter();
  logEvents.setMaxListeners(0);
  const sink = { write: (s: string) => { raw += s; logs.push(JSON.parse(s)); logEvents.emit('log'); } };
  const log = opts.appLogger ? createLogger({ LOG_LEVEL: 'trace' }, sink as unknown as NodeJS.WritableStream) : pino({ level: 'debug' }, sink);

  const config = ConfigSchema.parse({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: api.url,
    PORT: '0',
    DEFAULT_TZ: 'Europe/Berlin',
    ...(socket ? { SLACK_APP_TOKEN: APP_TOKEN } : {}),
  });
  const slack = createSlackApp({
    config, log,
    services: createAdapterServices({ assistant: opts.assistant, store: opts.store, log, defaultTz: config.DEFAULT_TZ, imageCacheDir: TEST_IMAGE_CACHE, ...(opts.clock ? { clock: opts.clock } : {}) }),
    testing: { botId: 'B_BOT', botUserId: 'U_BOT', clientOptions: { retryConfig: { retries: 0 } }, host: '127.0.0.1' },
  });
  const { port } = await slack.start();
  if (socket) await socket.connected;
  const url = `http://127.0.0.1:${port ?? 0}/slack/events`;

  const waitForLog: SlackHarness['waitForLog'] = (code, count = 1, timeoutMs = 15_000) => new Promise((resolve, reject) => {
    const check = () => {
      const found = logs.filter((l) => l.code === code);
      if (found.length < count) return false;
      clearTimeout(timer);
      logEvents.off('log', check);
      resolve(found);
      return true;
    };
    const timer = setTimeout(() => {
      logEvents.off('log', check);
      reject(new Error(`expected ${count} log line(s) with code ${code}; codes so far: ${logs.map((l) => l.code).join(', ')}`));
    }, timeoutMs);
    if (!check()) logEvents.on('log', check);
  });

  const withResponseUrl = () => {
    const responseId = `r${++responseCounter}`;
    return { responseId, response_url: `${api.responseBase}${responseId}` };
  };

  return {
    api, socket, slack, url, logs, log, waitForLog,
    rawLogs: () => raw,
    postEvent: (body, o = {}) => postSigned(url, SECRET, JSON.stringify(body), JSON_TYPE, o),
    async postCommand(fields) {
      const { responseId, response_url } = withResponseUrl();
      const res = await postSigned(url, SECRET, form({ ...fixture('slash_command'), ...fields, response_url }), FORM_TYPE);
      return { ...res, responseId };
    },
    async postAction(payload) {
      const { responseId, response_url } = withResponseUrl();
      const res = await postSigned(url, SECRET, form({ payload: JSON.stringify({ ...payload, response_url }) }), FORM_TYPE);
      return { ...res, responseId };
    },
    async close() {
      // Stop Bolt before the fakes, or the Socket Mode client logs a websocket error.
      await slack.stop();
      await socket?.close();
      await api.close();
    },
  };
}

let eventCounter = 0;

/** A fixture event with fresh event_id and ts, and any fields of `event` replaced. */
export function eventFrom(name: string, event: Record<string, unknown> = {}, top: Record<string, unknown> = {}): any {
  const body = fixture(name);
  const n = ++eventCounter;
  const ts = `1700001${String(n).padStart(3, '0')}.000${String(n).padStart(3, '0')}`;
  return { ...body, event_id: `Ev${String(n).padStart(10, '0')}`, ...top, event: { ...body.event, ts, event_ts: ts, ...event } };
}

/** A block_actions payload from a fixture with one button's action_id and value. */
export function actionFrom(name: 'block_actions' | 'block_actions_ephemeral', actionId: string, value: string, over: Record<string, unknown> = {}): any {
  const body = fixture(name);
  return { ...body, ...over, actions: [{ ...body.actions[0], action_id: actionId, value }] };
}
