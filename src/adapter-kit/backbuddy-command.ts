// `/backbuddy ask …| stretch | nudges … | help` as typed text (Slack) → one typed command. Discord sends
// sub-commands and options already split; its adapter builds the same type from them.
import { splitWords } from '../nudges/options.js';

export const NUDGE_SUBCOMMANDS = ['on', 'off', 'pause', 'resume', 'status'] as const;
export type NudgeSubcommand = (typeof NUDGE_SUBCOMMANDS)[number];

export type BackbuddyCommand =
  | { kind: 'ask'; question: string }
  | { kind: 'ask_usage' }
  | { kind: 'stretch' }
  /** `personal`: `nudges <sub> me …`, the person's own nudges in their DM (or any nudges command typed in the DM). */
  | { kind: 'nudges'; sub: NudgeSubcommand; words: string[]; personal: boolean }
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
      const split = splitWords(rest.join(' '));
      // `nudges me` alone: the person's own status.
      const [word, ...after] = split.length === 1 && split[0]?.toLowerCase() === 'me' ? ['status', 'me'] : split;
      const name = (word ?? 'status').toLowerCase();
      if (!(NUDGE_SUBCOMMANDS as readonly string[]).includes(name)) return { kind: 'nudges_usage', problem: `nudges ${word}: expected on, off, pause, resume or status` };
      const personal = after[0]?.toLowerCase() === 'me';
      return { kind: 'nudges', sub: name as NudgeSubcommand, words: personal ? after.slice(1) : after, personal };
    }
    case '':
    case 'help':
      return { kind: 'help', unknown: null };
    default:
      return { kind: 'help', unknown: sub };
  }
}

/**
 * A message typed in a direct message with the bot: `nudges on me every 90m`, also with a leading
 * `/backbuddy` (Slack does not run slash commands typed in a thread or pasted). Anything else is a
 * question for the assistant (null). In a DM every nudges command is about the person's own nudges.
 */
export function parseDirectCommand(text: string): Extract<BackbuddyCommand, { kind: 'nudges' }> | null {
  const trimmed = text.trim().replace(/^\/?backbuddy\s+/i, '');
  if (!/^nudges(\s|$)/i.test(trimmed)) return null;
  const cmd = parseBackbuddyCommand(trimmed);
  // "nudges are annoying" is a message, not a mistyped command.
  return cmd.kind === 'nudges' ? { ...cmd, personal: true } : null;
}
