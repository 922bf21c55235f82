// The composition root behind `npm start` / `backbuddy start`: config → store → assistant → every
// platform whose settings are present (Slack, Discord, or both) and the nudge engine, or the terminal
// chat when none is. It lives outside src/ because it is the one place that knows every adapter.
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import type { Config } from '../src/config/schema.js';
import { assistantOptionsFrom, createAssistant, type Assistant } from '../src/core/assistant.js';
import { createNudgeEngine, type NudgeEngine } from '../src/nudges/engine.js';
import { routineCatalogFromKnowledge } from '../src/nudges/routines.js';
import type { NudgeSink } from '../src/nudges/sink.js';
import { createTerminalSink, renderNudgeText, TERMINAL_TARGET } from '../src/nudges/terminal-sink.js';
import { picturePaths } from '../src/cli/picture.js';
import { handleNudgeAction } from '../src/nudges/actions.js';
import { systemClock } from '../src/common/clock.js';
import { openStore } from '../src/store/open.js';
import { storeHooks } from '../src/store/assistant-hooks.js';
import { retentionFrom } from '../src/store/retention.js';
import type { Store } from '../src/store/store.js';
import { createLogger } from '../src/common/log.js';
import { runChat } from '../src/cli/chat.js';
import { createAdapterServices } from '../src/adapter-kit/services.js';
import { PLATFORMS, type StartedPlatform } from './platforms.js';

type Opened = { store: Store; assistant: Assistant };

async function openAll(config: Config, log: ReturnType<typeof createLogger>): Promise<Opened | null> {
  const store = await openStore(config);
  if (!store.ok) {
    process.stderr.write(`backbuddy: ${store.error.message}\n`);
    return null;
  }
  // Context, questions the knowledge base nearly covered and anonymous counts go to the store (src/store/assistant-hooks.ts).
  const assistant = createAssistant({ ...assistantOptionsFrom(config), ...storeHooks(store.value, log) });
  if (assistant.problems.length) log.warn({ code: 'knowledge_problems', count: assistant.problems.length }, 'knowledge_problems');
  return { store: store.value, assistant };
}

function engineFor(opened: Opened, sinks: NudgeSink[], log: ReturnType<typeof createLogger>, config: Config): NudgeEngine {
  return createNudgeEngine({ store: opened.store, sinks, routines: routineCatalogFromKnowledge(opened.assistant.kb), log, retention: retentionFrom(config) });
}


export async function start(): Promise<number> {
  const cfg = loadConfig();
  if (!cfg.ok) {
    process.stderr.write(`backbuddy: ${cfg.error}\n`);
    return 2;
  }
  const config = cfg.value;
  const log = createLogger(config);

  const platforms = PLATFORMS.filter((p) => p.configured(config));
  if (platforms.length === 0) {
    // No platform: the terminal chat, with context in memory (one local user). When interactive, the
    // store opens in the background (PGlite takes a moment) and, if the terminal has a nudge
    // subscription, nudges show up in the chat.
    const assistant = createAssistant(assistantOptionsFrom(config));
    const interactive = Boolean(process.stdin.isTTY);
    // Info lines would interleave with the chat on the same terminal; warnings still show.
    const chatLog = config.LOG_LEVEL === 'info' ? createLogger({ LOG_LEVEL: 'warn' }) : log;
    if (!interactive) return runChat(assistant, { input: process.stdin, output: process.stdout, interactive: false });

    let engine: NudgeEngine | null = null;
    let store: Store | null = null;
    let print: (s: string) => void = (s) => process.stdout.write(`${s}\n`);
    const routines = routineCatalogFromKnowledge(assistant.kb);
    const picture = picturePaths(assistant.kb);
    // The printed nudge ends with 'Type "done", "snooze" (1 h) or "another"': those words act on it.
    const intercept = async (line: string): Promise<string | null> => {
      const action = ({ done: 'done', snooze: 'snooze', another: 'another' } as const)[line.toLowerCase() as 'done'];
      if (!engine || !store || !action) return null;
      const r = await handleNudgeAction(action, TERMINAL_TARGET, { store, clock: systemClock, routines });
      if (r.kind === 'done') return 'Nice work. Counted for today.';
      if (r.kind === 'snoozed') return `Snoozed: no nudges until ${r.until.toLocaleTimeString()}.`;
      if (r.kind === 'another') return renderNudgeText(r.routine, picture(r.routine.entry.entryId));
      return 'No nudge subscription for the terminal: add one with `backbuddy nudges add`.';
    };
    const opening = openStore(config).then(async (opened) => {
      if (!opened.ok) {
        print(`(nudges are off: ${opened.error.message})`);
        return;
      }
      store = opened.value;
      if (!(await store.getSubscription(TERMINAL_TARGET))) return;
      engine = createNudgeEngine({ store, sinks: [createTerminalSink((s) => print(s), picture)], routines, log: chatLog, retention: retentionFrom(config) });
      engine.start();
    }).catch((e: Error) => chatLog.warn({ code: 'store_open_failed', err: e.name }, 'store_open_failed'));
    const code = await runChat(assistant, { input: process.stdin, output: process.stdout, interactive: true, intercept }, (p) => {
      print = p;
    });
    await opening;
    await (engine as NudgeEngine | null)?.stop();
    await (store as Store | null)?.close();
    return code;
  }

  const opened = await openAll(config, log);
  if (!opened) return 1;
  const services = createAdapterServices({ assistant: opened.assistant, store: opened.store, log, defaultTz: config.DEFAULT_TZ, imageCacheDir: join(config.DATA_DIR, 'images') });
  const started: StartedPlatform[] = [];
  for (const p of platforms) {
    try {
      started.push(await p.start({ config, services, log }));
    } catch (e) {
      process.stderr.write(`backbuddy: could not connect to ${p.name === 'slack' ? 'Slack' : 'Discord'} (${(e as Error).message}); ${p.hint}\n`);
      for (const s of started.reverse()) await s.stop();
      await opened.store.close();
      return 1;
    }
  }
  const engine = engineFor(opened, started.map((s) => s.sink), log, config);
  engine.start();
  log.info({ code: 'started', store: opened.store.kind, platforms: platforms.map((p) => p.name) }, 'started');

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log.info({ code: 'stopping' }, 'stopping');
  await engine.stop();
  for (const s of started.reverse()) await s.stop();
  await opened.store.close();
  return 0;
}
