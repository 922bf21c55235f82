import { err, ok, type Result } from '../common/result.js';

export type Args = {
  /** Flags given, by long name without the dashes (`-h` is read as `help`). */
  flags: Set<string>;
  /** Everything else, in order; after `--`, even words that start with a dash. */
  words: string[];
};

const isOption = (w: string) => w.length > 1 && w.startsWith('-') && !/^-\d/.test(w);

/**
 * Splits a command's arguments into flags and words, and refuses an option the command does not take.
 * `command` names it in the one-line error, e.g. `backbuddy ask: unknown option --bogus (see backbuddy
 * ask --help)`. Every command takes --help. A question that starts with a dash goes after `--`.
 */
export function parseArgs(command: string, argv: readonly string[], flags: readonly string[] = []): Result<Args, string> {
  const known = new Set(['help', ...flags]);
  const out: Args = { flags: new Set(), words: [] };
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i] ?? '';
    if (w === '--') {
      out.words.push(...argv.slice(i + 1));
      break;
    }
    if (!isOption(w)) {
      out.words.push(w);
      continue;
    }
    const name = w === '-h' ? 'help' : w.startsWith('--') ? w.slice(2) : '';
    if (known.has(name)) out.flags.add(name);
    else unknown.push(w);
  }
  if (unknown.length) {
    return err(`${command}: unknown option${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (see ${command} --help)`);
  }
  return ok(out);
}

/** The one-line error for words a command does not take. */
export const unexpected = (command: string, words: readonly string[]) =>
  `${command}: unexpected argument${words.length > 1 ? 's' : ''} ${words.map((w) => JSON.stringify(w)).join(' ')} (see ${command} --help)`;
