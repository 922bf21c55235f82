// Bolt and its WebClient log through this, into pino, as a short code. Their messages can carry request
// bodies (WebClient debug), JSON parse errors that quote the body, or tokens, so only the words before
// the first ":" of a message (or an error's code) are kept, and debug output is dropped.
// Named imports: `import bolt from` gives module.exports under Node but the App class under vitest.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

type BoltLevel = ReturnType<BoltLogger['getLevel']>;

export function boltCode(first: unknown): string {
  if (first instanceof Error) return (first as { code?: string }).code ?? first.name;
  if (typeof first !== 'string') return 'bolt';
  return first.split(/[:(\n{]/)[0]!.replace(/[^A-Za-z0-9 ._-]/g, '').trim().slice(0, 80) || 'bolt';
}

export function boltLogger(log: Logger): BoltLogger {
  let level: BoltLevel = LogLevel.WARN;
  return {
    debug: () => {},
    info: (...m: unknown[]) => (level === LogLevel.INFO || level === LogLevel.DEBUG) && log.info({ code: 'slack_bolt', detail: boltCode(m[0]) }, 'slack_bolt'),
    warn: (...m: unknown[]) => log.warn({ code: 'slack_bolt', detail: boltCode(m[0]) }, 'slack_bolt'),
    error: (...m: unknown[]) => log.error({ code: 'slack_bolt', detail: boltCode(m[0]) }, 'slack_bolt'),
    setLevel: (l) => { level = l; },
    getLevel: () => level,
    setName: () => {},
  };
}
