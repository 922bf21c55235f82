import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { parseArgs, unexpected } from './args.js';
import type { CliIo } from './io.js';
import { packageVersion } from './version.js';

export const HELP = `backbuddy: back-pain education for team chat

usage:
  backbuddy                          terminal chat (reads lines from stdin when it is not a terminal)
  backbuddy start                    connect to Slack and/or Discord when their tokens are set, else the terminal chat
  backbuddy ask "question"           one answer, as text
  backbuddy ask --jsonl              one JSON request per stdin line, one JSON reply per stdout line
  backbuddy tip [topic]              one quick tip, optionally for a topic
  backbuddy kb check                 validate the knowledge base
  backbuddy kb list [tag]            entries by tag, with sources and review dates
  backbuddy nudges preview [options] next nudge slots (pure; --help for the options)
  backbuddy nudges add|list|pause|resume|remove   manage nudge subscriptions (--help)
  backbuddy kb gaps                  questions not answered well, answers marked not helpful (store)
  backbuddy stats                    anonymous activity per channel: nudges, Done clicks, questions
  backbuddy data export|purge --workspace ID | --guild ID   one workspace's stored data (--help)
  backbuddy --version                print the version
  backbuddy COMMAND --help           help on one command (also: backbuddy help COMMAND)

Settings come from the environment or .env (see .env.example); docs/cli.md describes every form.`;

const CHAT_HELP = `usage: backbuddy [chat]

The terminal chat, on the same core as the Slack app. On a terminal it is interactive: ask a
question, or type /stretch, /tip [topic], /help or /quit. When stdin is not a terminal it reads one
message a line, prints each reply, and exits 0 at the end of input:
  printf 'what helps tight hips?\\n' | backbuddy`;

const START_HELP = `usage: backbuddy start        (what npm start runs)

Connects to every platform whose settings are present, runs the nudge engine on the store, and stops
cleanly on SIGTERM. SLACK_BOT_TOKEN: Slack (Socket Mode when SLACK_APP_TOKEN is set, else HTTP on PORT
with SLACK_SIGNING_SECRET). DISCORD_TOKEN with DISCORD_APPLICATION_ID: Discord (the gateway). Both
may be set. Without platform tokens: the terminal chat, as \`backbuddy\` alone.`;

const ASK_HELP = `usage: backbuddy ask "question"     one answer, as text
       backbuddy ask --jsonl        one JSON request per stdin line, one JSON reply per stdout line

A request line is {"id":"q1","text":"...","conversation":"c1"}; conversation is optional and lets
follow-ups refer to earlier turns with the same id. Each reply line carries id, kind, entryId, title,
tags, text, options and confidence (and urgency for urgent replies); a malformed line gets
{"id":...,"error":"..."} and the batch goes on. Put a question that starts with a dash after --:
  backbuddy ask -- "-5 outside and my back is stiff"`;

const TIP_HELP = `usage: backbuddy tip [topic]

One quick tip. The topic is a tag (backbuddy kb list shows them) or everyday words: "lower back",
neck, shoulders, hips, hammies, desk, sleep, gym... Without a topic, any tip. A topic with no tip of
its own gets the closest one, with a note saying so.`;

const COMMAND_HELP: Record<string, string> = { chat: CHAT_HELP, start: START_HELP, ask: ASK_HELP, tip: TIP_HELP };
const COMMANDS = ['chat', 'start', 'ask', 'tip', 'kb', 'nudges', 'stats', 'data', 'help'];

/** What only the launcher can do: `start` wires the adapters, which live outside src/. */
export type CliHooks = { start?: () => Promise<number> };

class ConfigError extends Error {}

async function assistantFor(config: Config) {
  const { createAssistant, assistantOptionsFrom } = await import('../core/assistant.js');
  return createAssistant(assistantOptionsFrom(config));
}

/**
 * The CLI. Returns the exit code: 0 done, 1 a failure at run time, 2 a usage error (an unknown
 * command or option, one line on stderr naming it) or a bad setting. Configuration is read only by
 * commands that need it, so --help and --version always work; modules are imported lazily so `ask`
 * and `tip` start fast.
 */
export async function runCli(argv: string[], ioOverride: Partial<CliIo> = {}, hooks: CliHooks = {}): Promise<number> {
  const out = ioOverride.out ?? ((s: string) => void process.stdout.write(`${s}\n`));
  const err = ioOverride.err ?? ((s: string) => void process.stderr.write(`${s}\n`));
  let config = ioOverride.config;
  const io: CliIo = {
    out,
    err,
    get config(): Config {
      if (!config) {
        const loaded = loadConfig();
        if (!loaded.ok) throw new ConfigError(loaded.error);
        config = loaded.value;
      }
      return config;
    },
  };

  const [first, ...rest] = argv;
  const cmd = first === undefined ? 'chat' : first;
  try {
    if (cmd.startsWith('-')) {
      const top = parseArgs('backbuddy', argv, ['version']);
      if (!top.ok) return usageError(err, top.error);
      if (top.value.words.length) return usageError(err, unexpected('backbuddy', top.value.words));
      out(top.value.flags.has('help') ? HELP : packageVersion());
      return 0;
    }
    switch (cmd) {
      case 'help': {
        const topic = rest[0];
        if (rest.length > 1) return usageError(err, unexpected('backbuddy help', rest.slice(1)));
        if (topic === undefined) out(HELP);
        else if (COMMAND_HELP[topic]) out(COMMAND_HELP[topic]);
        else if (topic === 'kb') out((await import('./kb.js')).KB_HELP);
        else if (topic === 'nudges') out((await import('./nudges.js')).NUDGES_HELP);
        else if (topic === 'stats') out((await import('./stats.js')).STATS_HELP);
        else if (topic === 'data') out((await import('./data.js')).DATA_HELP);
        else return usageError(err, unknownCommand(topic));
        return 0;
      }
      case 'chat':
      case 'start': {
        const a = parseArgs(`backbuddy ${cmd}`, rest);
        if (!a.ok) return usageError(err, a.error);
        if (a.value.flags.has('help')) return help(out, cmd);
        if (a.value.words.length) return usageError(err, unexpected(`backbuddy ${cmd}`, a.value.words));
        if (cmd === 'start') {
          if (!hooks.start) return usageError(err, 'backbuddy start: only available from the backbuddy command (bin/backbuddy.js)');
          return await hooks.start();
        }
        const { runChat } = await import('./chat.js');
        return await runChat(await assistantFor(io.config), { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
      }
      case 'ask': {
        const a = parseArgs('backbuddy ask', rest, ['jsonl']);
        if (!a.ok) return usageError(err, a.error);
        if (a.value.flags.has('help')) return help(out, cmd);
        const question = a.value.words.join(' ').trim();
        if (a.value.flags.has('jsonl') && question) {
          return usageError(err, `backbuddy ask: --jsonl reads its requests from stdin; expected no question after it (got ${JSON.stringify(question)})`);
        }
        if (!a.value.flags.has('jsonl') && !question) {
          return usageError(err, 'backbuddy ask: expected a question, e.g. backbuddy ask "what helps tight hips?", or --jsonl (see backbuddy ask --help)');
        }
        const assistant = await assistantFor(io.config);
        const { askJsonl, askOnce } = await import('./ask.js');
        return a.value.flags.has('jsonl') ? await askJsonl(assistant, process.stdin, io) : await askOnce(assistant, question, io);
      }
      case 'tip': {
        const a = parseArgs('backbuddy tip', rest);
        if (!a.ok) return usageError(err, a.error);
        if (a.value.flags.has('help')) return help(out, cmd);
        const { runTip } = await import('./tip.js');
        return runTip(await assistantFor(io.config), a.value.words, io);
      }
      case 'kb': {
        const { runKb } = await import('./kb.js');
        return await runKb(rest, io);
      }
      case 'nudges': {
        const { runNudges } = await import('./nudges.js');
        return await runNudges(rest, io);
      }
      case 'stats': {
        const { runStats } = await import('./stats.js');
        return await runStats(rest, io);
      }
      case 'data': {
        const { runData } = await import('./data.js');
        return await runData(rest, io);
      }
      default:
        return usageError(err, unknownCommand(cmd));
    }
  } catch (e) {
    if (e instanceof ConfigError) return usageError(err, `backbuddy: ${e.message}`);
    err(`backbuddy: ${(e as Error).message}`);
    return 1;
  }
}

const unknownCommand = (cmd: string) => `backbuddy: unknown command "${cmd}"; expected one of ${COMMANDS.join(', ')} (see backbuddy --help)`;

function usageError(err: (s: string) => void, line: string): number {
  err(line);
  return 2;
}

function help(out: (s: string) => void, cmd: string): number {
  out(COMMAND_HELP[cmd] ?? HELP);
  return 0;
}
