import { pino, type Logger } from 'pino';
import type { Config } from '../config/schema.js';

/**
 * The one logger. Lines carry codes and ids only: message text, user names and tokens never reach
 * it, and the redact list is a second fence for fields that might carry them by mistake.
 */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level: config.LOG_LEVEL,
      base: { app: 'backbuddy' },
      redact: { paths: ['text', '*.text', 'token', '*.token', 'user', '*.user', 'userName', '*.userName', 'headers.authorization'], censor: '[redacted]' },
    },
    // Logs go to stderr so the terminal chat and `ask --jsonl` keep stdout to themselves.
    (destination ?? pino.destination(2)) as pino.DestinationStream,
  );
}
