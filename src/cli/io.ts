import type { Config } from '../config/schema.js';

/** What a CLI command needs from the outside world; tests pass their own. */
export type CliIo = {
  out: (s: string) => void;
  err: (s: string) => void;
  config: Config;
};

export const stdio = (config: Config): CliIo => ({
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  config,
});
