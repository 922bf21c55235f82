// The composition root behind `npm start` / `backbuddy start`: with a platform's settings present
// (Slack, Discord, or both), app/serve.ts runs the HTTP server, store, platforms and nudge engine;
// with none, the terminal chat (no HTTP server: there is nothing for a probe to check on a terminal,
// and it ends with its input or /quit). It lives outside src/ because it is the one place that knows
// every adapter.
import { loadConfig } from '../src/config/load.js';
import { assistantOptionsFrom, createAssistant } from '../src/core/assistant.js';
import { createNudgeEngine, type NudgeEngine } from '../src/nudges/engine.js';
import { routineCatalogFromKnowledge } from '../src/nudges/routines.js';
import { createTerminalSink, renderNudgeText, TERMINAL_TARGET } from '../src/nudges/terminal-sink.js';
import { picturePaths } from '../src/cli/picture.js';
import { handleNudgeAction } from '../src/nudges/actions.js';
import { systemClock } from '../src/common/clock.js';
import { openStore } from '../src/store/open.js';
import { retentionFrom } from '../src/store/retention.js';
import type { Store } from '../src/store/store.js';
import { createLogger } from '../src/common/log.js';
import { runChat } from '../src/cli/chat.js';
import { PLATFORMS } from './platforms.js';

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

  // The server (HTTP, admin pages, platforms) is loaded only when a platform is configured: the terminal
  // chat's prompt does not wait for it.
  const { serve } = await import('./serve.js');
  return serve(config, log, platforms);
}
