// `/backbuddy ask …| stretch | nudges … | help` as typed text (Slack) → one typed command. Discord sends
// sub-commands and options already split; its adapter builds the same type from them.
import { splitWords } from '../nudges/options.js';

export const NUDGE_SUBCOMMANDS = ['on', 'off', 'pause', 'resume', 'status'] as const;
export type NudgeSubcommand = (typeof NUDGE_SUBCOMMANDS)[number];

export type BackbuddyCommand =
  | { kind: 'ask'; question: string }
  | { kind: 'ask_usage' }
  | { kind: 'stretch' }
  | { kind: 'nudges'; sub: NudgeSubcommand; words: string[] }
  | { kind: 'nudges_usage'; problem: string }
  /** `unknown`: the word that was not a command, to echo back. */
  | { kind: 'help'; unknown: string | null };

export function parseBackbuddyCommand(text: string): BackbuddyCommand {
  const trimmed = text.trim();
  const [sub = '', ...rest] = trimmed.split(/\s+/);
  switch (sub.toLowerCase()) {
    case 'ask': {
      const question = trimmed.slice(sub.length).trim();
      return question ? { kind: 'ask', question } : { kind: 'ask_usage' };
    }
    case 'stretch':
      return { kind: 'stretch' };
    case 'nudges': {
      const [word, ...words] = splitWords(rest.join(' '));
      const name = (word ?? 'status').toLowerCase();
      if (!(NUDGE_SUBCOMMANDS as readonly string[]).includes(name)) return { kind: 'nudges_usage', problem: `nudges ${word}: expected on, off, pause, resume or status` };
      return { kind: 'nudges', sub: name as NudgeSubcommand, words };
    }
    case '':
    case 'help':
      return { kind: 'help', unknown: null };
    default:
      return { kind: 'help', unknown: sub };
  }
}
