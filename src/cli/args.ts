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

export type Options = Args & {
  /** Options that take a value, by long name: `--days 7` or `--days=7`. */
  values: Map<string, string>;
};

/**
 * Like parseArgs, for commands with options that take a value. Each option may be given once; a
 * value option needs a value, and a flag takes none.
 */
export function parseOptions(command: string, argv: readonly string[], spec: { flags?: readonly string[]; values?: readonly string[] }): Result<Options, string> {
  const flags = new Set(['help', ...(spec.flags ?? [])]);
  const values = new Set(spec.values ?? []);
  const out: Options = { flags: new Set(), words: [], values: new Map() };
  const see = `(see ${command} --help)`;
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
    const eq = w.indexOf('=');
    const name = w === '-h' ? 'help' : w.startsWith('--') ? w.slice(2, eq > 0 ? eq : undefined) : '';
    if (out.flags.has(name) || out.values.has(name)) return err(`${command}: --${name} given twice ${see}`);
    if (flags.has(name)) {
      if (eq > 0) return err(`${command}: --${name} takes no value ${see}`);
      out.flags.add(name);
    } else if (values.has(name)) {
      const value = eq > 0 ? w.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '' || (eq < 0 && isOption(value))) return err(`${command}: --${name} expects a value ${see}`);
      out.values.set(name, value);
    } else {
      return err(`${command}: unknown option ${w.slice(0, eq > 0 ? eq : undefined)} ${see}`);
    }
  }
  return ok(out);
}

/** A whole number option in a range, or the one-line usage error naming it. */
export function intOption(command: string, o: Options, name: string, min: number, max: number, fallback: number): Result<number, string> {
  const raw = o.values.get(name);
  if (raw === undefined) return ok(fallback);
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) return err(`${command}: --${name}: expected a whole number from ${min} to ${max} (got ${JSON.stringify(raw)})`);
  return ok(n);
}
