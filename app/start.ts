// The composition root behind `npm start` / `backbuddy start`: config → store → assistant → Slack
// and the nudge engine, or the terminal chat when no platform token is set. It lives outside src/
// because it is the one place that knows every adapter.
import { loadConfig } from '../src/config/load.js';
import type { Config } from '../src/config/schema.js';
import { createAssistant, type Assistant } from '../src/core/assistant.js';
import { createNudgeEngine, type NudgeEngine } from '../src/nudges/engine.js';
import { routineCatalogFromKnowledge } from '../src/nudges/routines.js';
import type { NudgeSink } from '../src/nudges/sink.js';
import { createTerminalSink, renderNudgeText, TERMINAL_TARGET } from '../src/nudges/terminal-sink.js';
import { handleNudgeAction } from '../src/nudges/actions.js';
import { systemClock } from '../src/shared/clock.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { createLogger } from '../src/shared/log.js';
import { runChat } from '../src/cli/chat.js';

type Opened = { store: Store; assistant: Assistant };

async function openAll(config: Config, log: ReturnType<typeof createLogger>): Promise<Opened | null> {
  const store = await openStore(config);
  if (!store.ok) {
    process.stderr.write(`backbuddy: ${store.error.message}\n`);
    return null;
  }
  const assistant = createAssistant({
    ...(config.KNOWLEDGE_DIR ? { knowledgeDir: config.KNOWLEDGE_DIR } : {}),
    ...(config.EMERGENCY_NUMBER ? { emergencyNumber: config.EMERGENCY_NUMBER } : {}),
    contextTtlMinutes: config.CONTEXT_TTL_MINUTES,
    contextStore: store.value.contexts,
    // Only questions the knowledge base nearly covered are kept for review; off-topic ones are not stored.
    onUnanswered: async (text, reason, confidence) => {
      if (reason !== 'low_confidence') return;
      await store.value.recordUnanswered(text, 'low_confidence', confidence).catch((e: Error) => log.warn({ code: 'unanswered_store_failed', err: e.name }, 'unanswered_store_failed'));
    },
  });
  if (assistant.problems.length) log.warn({ code: 'knowledge_problems', count: assistant.problems.length }, 'knowledge_problems');
  return { store: store.value, assistant };
}

function engineFor(opened: Opened, sinks: NudgeSink[], log: ReturnType<typeof createLogger>): NudgeEngine {
  return createNudgeEngine({ store: opened.store, sinks, routines: routineCatalogFromKnowledge(opened.assistant.kb), log });
}

export async function start(): Promise<number> {
  const cfg = loadConfig();
  if (!cfg.ok) {
    process.stderr.write(`backbuddy: ${cfg.error}\n`);
    return 2;
  }
  const config = cfg.value;
  const log = createLogger(config);

  if (!config.SLACK_BOT_TOKEN) {
    // No platform: the terminal chat. Nudges show in it only when interactive and subscribed.
    const interactive = Boolean(process.stdin.isTTY);
    if (!interactive) {
      const assistant = createAssistant({
        ...(config.KNOWLEDGE_DIR ? { knowledgeDir: config.KNOWLEDGE_DIR } : {}),
        ...(config.EMERGENCY_NUMBER ? { emergencyNumber: config.EMERGENCY_NUMBER } : {}),
        contextTtlMinutes: config.CONTEXT_TTL_MINUTES,
      });
      return runChat(assistant, { input: process.stdin, output: process.stdout, interactive: false });
    }
    const opened = await openAll(config, log);
    if (!opened) return 1;
    let engine: NudgeEngine | null = null;
    let print: (s: string) => void = (s) => process.stdout.write(`${s}\n`);
    const routines = routineCatalogFromKnowledge(opened.assistant.kb);
    // The printed nudge ends with 'Type "done", "snooze" (1 h) or "another"': those words act on it.
    const intercept = async (line: string): Promise<string | null> => {
      const action = ({ done: 'done', snooze: 'snooze', another: 'another' } as const)[line.toLowerCase() as 'done'];
      if (!engine || !action) return null;
      const r = await handleNudgeAction(action, TERMINAL_TARGET, { store: opened.store, clock: systemClock, routines });
      if (r.kind === 'done') return 'Nice work. Counted for today.';
      if (r.kind === 'snoozed') return `Snoozed: no nudges until ${r.until.toLocaleTimeString()}.`;
      if (r.kind === 'another') return renderNudgeText(r.routine);
      return 'No nudge subscription for the terminal: add one with `backbuddy nudges add`.';
    };
    const code = await runChat(opened.assistant, { input: process.stdin, output: process.stdout, interactive: true, intercept }, (p) => {
      print = p;
      void opened.store.getSubscription(TERMINAL_TARGET).then((sub) => {
        if (!sub) return;
        engine = engineFor(opened, [createTerminalSink((s) => print(s))], log);
        engine.start();
      });
    });
    await (engine as NudgeEngine | null)?.stop();
    await opened.store.close();
    return code;
  }

  const opened = await openAll(config, log);
  if (!opened) return 1;
  const { startSlack } = await import('../adapters/slack/index.js');
  let slack: Awaited<ReturnType<typeof startSlack>>;
  try {
    slack = await startSlack({ config, assistant: opened.assistant, store: opened.store, log });
  } catch (e) {
    process.stderr.write(`backbuddy: could not connect to Slack (${(e as Error).message}); check SLACK_BOT_TOKEN and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET\n`);
    await opened.store.close();
    return 1;
  }
  const engine = engineFor(opened, [slack.sink], log);
  engine.start();
  log.info({ code: 'started', store: opened.store.kind }, 'started');

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log.info({ code: 'stopping' }, 'stopping');
  await engine.stop();
  await slack.stop();
  await opened.store.close();
  return 0;
}
