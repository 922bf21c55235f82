// `backbuddy start` with at least one platform: the HTTP server on PORT (/healthz, /readyz, and Slack's
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
// Events API in HTTP mode), the store, every configured platform and the nudge engine; then, on SIGTERM
// or SIGINT, a graceful shutdown:
//   1. /readyz answers 503 and no platform takes new work (Slack HTTP answers 503 so Slack retries
//      elsewhere, Socket Mode disconnects so Slack redelivers, Discord stops handling events);
//   2. answers in progress finish (up to DRAIN_MS) while the nudge engine stops: a post in progress
//      finishes, claims waiting to retry or not yet started are given back for another replica;
//   3. platform connections, the HTTP server and the store close; exit 0.
// If that has not finished after SHUTDOWN_DEADLINE_MS, the process exits 1 with a log line saying so.
// Every start-up failure an operator can cause is one line on stderr and exit 1.
import type { Logger } from 'pino';
import type { Config } from '../src/config/schema.js';
import { assistantOptionsFrom, createAssistant, loadForAssistant, type LoadedKnowledge } from '../src/core/assistant.js';
import { createAdapterServices, type AdapterServices } from '../src/adapter-kit/services.js';
import type { AdminSources } from '../src/admin/views.js';
import { createNudgeEngine } from '../src/nudges/engine.js';
import { routineCatalogFromKnowledge } from '../src/nudges/routines.js';
import { openStore } from '../src/store/open.js';
import { storeHooks } from '../src/store/assistant-hooks.js';
import { retentionFrom } from '../src/store/retention.js';
import type { Store } from '../src/store/store.js';
import type { SlackSignIn } from '../adapters/slack/sign-in.js';
import { addAdminRoutes } from './admin.js';
import { addHealthRoutes, type PlatformState } from './health.js';
import { createHttpServer, type HttpServer } from './http-server.js';
import type { PlatformStarter, StartedPlatform } from './platforms.js';

/** Answers in progress get this long to finish after a stop signal. */
export const DRAIN_MS = 5_000;
/** Past this after the signal, the process exits 1 whatever is still running (a supervisor's kill usually comes at 10 s). */
export const SHUTDOWN_DEADLINE_MS = 9_000;

const say = (line: string) => process.stderr.write(`backbuddy: ${line.replace(/\s*\n\s*/g, ' ')}\n`);

/** PORT problems an operator can fix, as one line. */
function portProblem(e: unknown, port: number): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return `PORT ${port}: already in use by another program; stop it or choose another PORT`;
  if (code === 'EACCES') return `PORT ${port}: not allowed to listen there (ports below 1024 need privileges); choose a PORT of 1024 or more`;
  return `PORT ${port}: cannot listen (${String(code ?? (e as Error).name)})`;
}

function stopSignal(log: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      log.info({ code: 'stopping', signal }, 'stopping');
      // A second signal while stopping is left to the deadline below: nothing is cut short twice.
      process.on('SIGINT', () => {});
      process.on('SIGTERM', () => {});
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/**
 * How far past what the last full collection kept V8 lets the JavaScript heap grow before the next one,
 * in percent. Its own rule allows up to four times: under 200 people asking at once (npm run load) the
 * server went from about 230 MB resident to 465-556 MB while no more than about 65 MB was live. At 50 %
 * the peak stayed near 300 MB. Since then an answer allocates about a quarter less (adapters/slack/
 * transport.ts) and the young generation is capped (app/heap.ts), so collections are cheaper and 25 %
 * took about 20 MB more off the peak. It is no ceiling: a bigger live heap still gets room.
 * Set here, at run time, because `npm start`, the container and the systemd unit all run plain `node
 * bin/backbuddy.js start`; a --heap-growing-percent given to node on the command line wins.
 */
export const HEAP_GROWING_PERCENT = 25;

export async function serve(config: Config, log: Logger, platforms: readonly PlatformStarter[]): Promise<number> {
  if (!process.execArgv.some((a) => /^--heap[-_]growing[-_]percent/.test(a))) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const signalled = stopSignal(log);
  let stopping = false;
  let store: Store | null = null;
  const states = new Map<string, () => PlatformState>(platforms.map((p) => [p.name, () => 'connecting' as const]));
  const http: HttpServer = createHttpServer((e) => log.error({ code: 'http_error', err: e.name }, 'http_error'));
  addHealthRoutes(http, {
    get ping() {
      return store ? () => store!.ping() : null;
    },
    platforms: () => Object.fromEntries([...states].map(([name, state]) => [name, state()])),
    stopping: () => stopping,
  });
  // The wellbeing lead's page (/admin), when ADMIN_TOKEN or Sign in with Slack is configured: it reads
  // the store and knowledge base opened below, and answers 503 to a signed-in request until then.
  let admin: AdminSources | null = null;
  let services: AdapterServices | null = null;
  let slackSignIn: Promise<SlackSignIn> | null = null;
  addAdminRoutes(http, {
    config, log,
    sources: () => admin,
    ...(config.SLACK_CLIENT_ID ? {
      slackSignIn: async () => {
        if (!services) return null;
        const s = services;
        slackSignIn ??= import('../adapters/slack/sign-in.js').then((m) => m.createSlackSignIn(config, s, log));
        return slackSignIn;
      },
    } : {}),
  });
  let port: number;
  try {
    port = await http.listen(config.PORT);
  } catch (e) {
    say(portProblem(e, config.PORT));
    return 1;
  }
  log.info({ code: 'http_listening', port }, 'http_listening');

  const checked: unknown[] = [];
  for (const p of platforms) {
    try {
      checked.push(await p.check({ config, log }));
    } catch (e) {
      say(e instanceof Error ? e.message : String(e));
      await http.close(0);
      return 1;
    }
  }

  // The knowledge loads here while the store opens: a new data directory is copied from the template on
  // another thread, and PGlite compiles on V8's.
  const opening = openStore(config);
  let loaded: LoadedKnowledge;
  try {
    loaded = loadForAssistant(assistantOptionsFrom(config));
  } catch (e) {
    say(e instanceof Error ? e.message : String(e));
    const o = await opening;
    if (o.ok) await o.value.close();
    await http.close(0);
    return 1;
  }
  const opened = await opening;
  if (!opened.ok) {
    say(opened.error.message);
    await http.close(0);
    return 1;
  }
  store = opened.value;
  // Context, questions the knowledge base nearly covered and anonymous counts go to the store (src/store/assistant-hooks.ts).
  const assistant = createAssistant({ ...assistantOptionsFrom(config), ...storeHooks(store, log) }, loaded);
  if (assistant.problems.length) log.warn({ code: 'knowledge_problems', count: assistant.problems.length }, 'knowledge_problems');
  services = createAdapterServices({ assistant, store, log, defaultTz: config.DEFAULT_TZ, imageCacheDir: join(config.DATA_DIR, 'images') });
  admin = { store, kb: assistant.kb };

  const started: StartedPlatform[] = [];
  for (const [i, p] of platforms.entries()) {
    try {
      const s = await p.start({ config, services, log, http }, checked[i]);
      started.push(s);
      states.set(p.name, () => s.state());
    } catch (e) {
      say(e instanceof Error ? e.message : String(e));
      for (const s of started.reverse()) await s.stop().catch(() => {});
      await http.close(0);
      await store.close();
      return 1;
    }
  }
  const engine = createNudgeEngine({ store, sinks: started.map((s) => s.sink), routines: routineCatalogFromKnowledge(assistant.kb), log, retention: retentionFrom(config),
    tickMs: config.NUDGE_TICK_SECONDS * 1000, leaseMs: config.NUDGE_LEASE_SECONDS * 1000,
  });
  engine.start();
  log.info({ code: 'started', store: store.kind, platforms: platforms.map((p) => p.name), port }, 'started');

  await signalled;
  const t0 = Date.now();
  stopping = true;
  setTimeout(() => {
    log.error({ code: 'shutdown_timeout', afterMs: Date.now() - t0, inFlight: services.work.count() }, 'shutdown_timeout');
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();

  await Promise.all(started.map((s) => s.stopIntake().catch((e: Error) => log.warn({ code: 'stop_intake_failed', err: e.name }, 'stop_intake_failed'))));
  const [drained] = await Promise.all([services.work.idle(DRAIN_MS), engine.stop()]);
  if (!drained) log.warn({ code: 'shutdown_work_abandoned', inFlight: services.work.count() }, 'shutdown_work_abandoned');
  for (const s of started.reverse()) await s.stop().catch((e: Error) => log.warn({ code: 'platform_stop_failed', err: e.name }, 'platform_stop_failed'));
  await http.close(1_000);
  admin = null;
  await store.close();
  log.info({ code: 'stopped', ms: Date.now() - t0 }, 'stopped');
  // Everything is closed; a socket or timer some library still holds must not keep the process alive.
  setTimeout(() => process.exit(), 1_000).unref();
  return 0;
}
