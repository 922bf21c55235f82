/**
 * Per-user and per-channel limits on questions, counted in a sliding window. In memory, per process:
 * with several replicas behind a load balancer each keeps its own count, so the effective limit is
 * at most the limit times the replicas (a platform usually sends one workspace's events to any of
 * them). It protects the bot from a loop or a flood, not the knowledge base from readers.
 */
export type RateLimits = {
  /** Questions one person may ask in a window; 0 means no limit. */
  perUser: number;
  /** Questions one channel (or direct message) may ask in a window; 0 means no limit. */
  perChannel: number;
  windowMs: number;
};

export const DEFAULT_RATE_LIMITS: RateLimits = { perUser: 10, perChannel: 10, windowMs: 60_000 };

/** Who asked, as ids only: used for counting, never stored or logged. */
export type Asker = { platform: string; workspace: string; channel: string; user: string };

export type Verdict = { limited: false } | { limited: true; by: 'user' | 'channel'; retryAfterMs: number };

export class RateLimiter {
  /** Times of the questions counted in the window, oldest first, per key. */
  private readonly windows = new Map<string, number[]>();

  constructor(
    private readonly limits: RateLimits,
    /** Bounds memory when a flood brings many distinct ids; the least recently used keys go first. */
    private readonly maxKeys = 50_000,
  ) {}

  /**
   * Counts one question unless it is over a limit. A refused question is not counted, so someone who
   * waits gets in as soon as the window has room again.
   */
  take(who: Asker, now: Date): Verdict {
    const t = now.getTime();
    const checks: Array<{ by: 'user' | 'channel'; key: string; max: number }> = [];
    if (this.limits.perUser > 0) checks.push({ by: 'user', key: `u\u0000${who.platform}\u0000${who.workspace}\u0000${who.user}`, max: this.limits.perUser });
    if (this.limits.perChannel > 0) checks.push({ by: 'channel', key: `c\u0000${who.platform}\u0000${who.workspace}\u0000${who.channel}`, max: this.limits.perChannel });
    for (const c of checks) {
      const times = this.recent(c.key, t);
      if (times.length >= c.max) return { limited: true, by: c.by, retryAfterMs: Math.max(1, (times[0] as number) + this.limits.windowMs - t) };
    }
    for (const c of checks) {
      const times = this.recent(c.key, t);
      times.push(t);
      // Re-insert so Map order is least recently used first.
      this.windows.delete(c.key);
      this.windows.set(c.key, times);
    }
    while (this.windows.size > this.maxKeys) {
      const oldest = this.windows.keys().next().value;
      if (oldest === undefined) break;
      this.windows.delete(oldest);
    }
    return { limited: false };
  }

  /** How many keys are tracked (tests check the bound). */
  get size(): number {
    return this.windows.size;
  }

  private recent(key: string, t: number): number[] {
    const times = this.windows.get(key) ?? [];
    // A clock that steps back (NTP) must not lock anyone out: times in the future are dropped too.
    const kept = times.filter((x) => x > t - this.limits.windowMs && x <= t);
    if (kept.length !== times.length) this.windows.set(key, kept);
    return kept;
  }
}

/** The friendly reply when a limit is reached; urgent replies are never held back by it. */
export function rateLimitedText(v: Extract<Verdict, { limited: true }>): string {
  const seconds = Math.ceil(v.retryAfterMs / 1000);
  const wait = seconds <= 1 ? 'a second' : `about ${seconds} seconds`;
  const who = v.by === 'user' ? "You've asked a lot of questions in the last minute" : 'This conversation has had a lot of questions in the last minute';
  return `${who}, so I'm taking a short breather. Please ask again in ${wait}. If something feels severe or sudden, contact a doctor or your local emergency number now.`;
}
