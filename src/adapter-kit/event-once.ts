// A platform may deliver one event twice: Slack retries an event it thinks we missed (x-slack-retry-num,
// the last about 5 minutes after the first; https://docs.slack.dev/apis/events-api/#retries), and a
// Discord gateway RESUME replays what was sent while the connection was down. An event is answered the
// first time its id is seen: a memory window first (free), then the store (a redelivery that reaches
// another replica), so a retry of an event that never reached us is still answered.
import type { Logger } from 'pino';
import type { Clock } from '../common/clock.js';

const TTL_MS = 10 * 60_000;

export class RecentEventIds {
  private readonly seen = new Map<string, number>();
  constructor(private readonly maxItems = 20_000) {}

  /** True the first time an id is offered within the window; false for a repeat. */
  claim(eventId: string, nowMs: number): boolean {
    const at = this.seen.get(eventId);
    if (at !== undefined && nowMs - at < TTL_MS) return false;
    this.seen.delete(eventId);
    this.seen.set(eventId, nowMs);
    for (const [id, t] of this.seen) {
      if (this.seen.size <= this.maxItems && nowMs - t < TTL_MS) break;
      this.seen.delete(id);
    }
    return true;
  }
}

export type ClaimEvent = (key: string, now: Date) => Promise<boolean>;

/** `once("slack:Ev123")`: true the first time, false for a redelivery. */
export function eventOnce(claimEvent: ClaimEvent, clock: Clock, log: Logger): (key: string) => Promise<boolean> {
  const recent = new RecentEventIds();
  return async (key) => {
    const now = clock.now();
    if (!recent.claim(key, now.getTime())) return false;
    return claimEvent(key, now).catch((e: unknown) => {
      // Better to risk a second answer than to drop the first one.
      log.warn({ code: 'dedupe_store_failed', platform: key.split(':')[0], err: (e as Error).name }, 'dedupe_store_failed');
      return true;
    });
  };
}
