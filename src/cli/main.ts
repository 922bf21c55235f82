import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { stdio, type CliIo } from './io.js';

export const HELP = `backbuddy: back-pain education for team chat

usage:
  backbuddy                          terminal chat (reads lines from stdin when it is not a terminal)
  backbuddy start                    connect to Slack when tokens are set, else the terminal chat
  backbuddy ask "question"           one answer, as text
  backbuddy ask --jsonl              one JSON request per stdin line, one JSON reply per stdout line
  backbuddy tip [topic]              one quick tip, optionally for a topic
  backbuddy kb check                 validate the knowledge base
  backbuddy kb list [tag]            entries by tag, with sources and review dates
  backbuddy nudges preview [options] next nudge slots (pure; --help for the options)
  backbuddy nudges add|list|pause|resume|remove   manage nudge subscriptions (--help)
`;

async function assistantFor(config: Config) {
  const { createAssistant, assistantOptionsFrom } = await import('../core/assistant.js');
  return createAssistant(assistantOptionsFrom(config));
}

/** The CLI. Returns the exit code; modules are imported lazily so `ask` and `tip` start fast. */
export async function runCli(argv: string[], ioOverride?: Partial<CliIo>): Promise<number> {
  const cfg = loadConfig();
  if (!cfg.ok) {
    process.stderr.write(`backbuddy: ${cfg.error}\n`);
    return 2;
  }
  const io: CliIo = { ...stdio(cfg.value), ...ioOverride };
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined:
      case 'chat': {
        const { runChat } = await import('./chat.js');
        return runChat(await assistantFor(io.config), { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
      }
      case 'ask': {
        const assistant = await assistantFor(io.config);
        const { askJsonl, askOnce } = await import('./ask.js');
        if (rest[0] === '--jsonl') return askJsonl(assistant, process.stdin, io);
        const q = rest.join(' ').trim();
        if (!q) {
          io.err('usage: backbuddy ask "question"   or   backbuddy ask --jsonl');
          return 2;
        }
        return askOnce(assistant, q, io);
      }
      case 'tip': {
        const { runTip } = await import('./tip.js');
        return runTip(await assistantFor(io.config), rest, io);
      }
      case 'kb': {
        const { runKb } = await import('./kb.js');
        return runKb(rest, io);
      }
      case 'nudges': {
        const { runNudges } = await import('./nudges.js');
        return runNudges(rest, io);
      }
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return 0;
      default:
        io.err(`backbuddy: unknown command "${cmd}"\n\n${HELP}`);
        return 2;
    }
  } catch (e) {
    const err = e as Error;
    io.err(`backbuddy: ${err.message}`);
    return 1;
  }
}
