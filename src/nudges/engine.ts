import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { systemClock, type Clock } from '../common/clock.js';
import type { Claim, Store } from '../store/store.js';
import type { Platform } from './schedule.js';
import { DEFAULT_RETENTION, purgeExpired, type RetentionPolicy } from '../store/retention.js';
import { processClaim, type ClaimResult } from './claim.js';
import type { RoutineCatalog } from './routines.js';
import type { NudgeSink } from './sink.js';

/** The pino methods the engine uses; it logs ids and codes, never message text, user names or tokens. */
export type EngineLog = {
  info(obj: LogFields, msg: string): void;
  warn(obj: LogFields, msg: string): void;
  error(obj: LogFields, msg: string): void;
  debug(obj: LogFields, msg: string): void;
};
/** Every line carries a `code` (snake_case, also the message), so operators can filter and count. */
export type LogFields = { code: string; [field: string]: unknown };

export type NudgeEngineOptions = {
  store: Store;
  /** One per platform; subscriptions of platforms without a sink are left for other replicas. */
  sinks: readonly NudgeSink[];
  routines: RoutineCatalog;
  log: EngineLog;
  clock?: Clock;
  /** Unique per process; the lease holder's name. */
  owner?: string;
  /** 15 s between ticks keeps every post within 60 s of its slot with room for retries. */
  tickMs?: number;
  /** How long a claim is ours; after that a crashed engine's slot is taken up by another. */
  leaseMs?: number;
  /** Claims per round trip, and posts in flight at once. */
  batchSize?: number;
  concurrency?: number;
  /** How often the engine also runs retention (src/store/retention.ts), and how long question text is kept. */
  retention?: RetentionPolicy;
  /** Injected for tests, which must never sleep. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

export type TickReport = Record<ClaimResult['kind'], number> & { claimed: number; purged: number };

export interface NudgeEngine {
  readonly owner: string;
  /** Starts the only real timer in the nudge code: a tick now, then every tickMs. */
  start(): void;
  /**
   * Stops the timer and takes no more claims. A post in progress finishes; a claim waiting to retry, or
   * not yet started, is given back at once (deferClaim to now), so another replica can post that slot
   * without waiting for the lease to run out. Resolves when the running tick has ended.
   */
  stop(): Promise<void>;
  /** Claims and posts everything due at `now` (default: the clock), then returns what happened. */
  tick(now?: Date): Promise<TickReport>;
}

/** Thrown into a retry wait when the engine stops. */
class Stopping extends Error {}

const emptyReport = (): TickReport => ({ claimed: 0, delivered: 0, skipped: 0, failed: 0, disabled: 0, deferred: 0, lease_lost: 0, purged: 0 });

export function createNudgeEngine(o: NudgeEngineOptions): NudgeEngine {
  const clock = o.clock ?? systemClock;
  const owner = o.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const tickMs = o.tickMs ?? 15_000;
  const leaseMs = o.leaseMs ?? 60_000;
  const batchSize = o.batchSize ?? 50;
  const concurrency = o.concurrency ?? 8;
  const baseSleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  /** Set by stop(): retry waits end at once and claims not yet posted are given back. */
  let stopping = false;
  const wakeOnStop = new Set<() => void>();
  const sleep = (ms: number) =>
    stopping
      ? Promise.reject(new Stopping())
      : new Promise<void>((resolve, reject) => {
          const wake = () => reject(new Stopping());
          wakeOnStop.add(wake);
          void baseSleep(ms).then(() => {
            wakeOnStop.delete(wake);
            resolve();
          });
        });
  const random = o.random ?? Math.random;
  const sinks = new Map<Platform, NudgeSink>(o.sinks.map((s) => [s.platform, s]));
  const platforms = [...sinks.keys()];
  const retention = o.retention ?? DEFAULT_RETENTION;
  let lastPurge = -Infinity;

  /** Retention runs here because the engine holds the only timer; every replica may do it, deletes are idempotent. */
  async function purge(now: Date): Promise<number> {
    if (now.getTime() - lastPurge < retention.everyMs) return 0;
    lastPurge = now.getTime();
    const { contexts, questions, events } = await purgeExpired(o.store, now, retention);
    if (contexts + questions + events > 0) o.log.info({ code: 'retention_purged', contexts, questions, events }, 'retention_purged');
    return contexts + questions + events;
  }

  /** Gives a claim back for any engine to take now (shutting down); the slot is kept. */
  async function release(claim: Claim): Promise<ClaimResult> {
    const retryAt = clock.now();
    const released = await o.store.deferClaim(claim.subscription.id, owner, retryAt);
    o.log.info({ code: 'nudge_released', subscriptionId: claim.subscription.id, slot: claim.slot.toISOString(), released }, 'nudge_released');
    return released ? { kind: 'deferred', retryAt } : { kind: 'lease_lost' };
  }

  async function handle(claim: Claim, now: Date): Promise<ClaimResult> {
    const sink = sinks.get(claim.subscription.platform);
    if (!sink) return { kind: 'lease_lost' }; // cannot happen: claimDue filters by platform
    if (stopping) return release(claim);
    let result: ClaimResult;
    try {
      result = await processClaim(claim, { store: o.store, sink, routines: o.routines, clock, sleep, random }, now);
    } catch (e) {
      if (e instanceof Stopping) return release(claim);
      throw e;
    }
    const ids = { subscriptionId: claim.subscription.id, slot: claim.slot.toISOString(), platform: claim.subscription.platform };
    if (result.kind === 'delivered') o.log.debug({ code: 'nudge_delivered', ...ids, entryId: result.entryId, tries: result.tries }, 'nudge_delivered');
    else if (result.kind === 'disabled' && result.unsubscribed) o.log.info({ code: 'nudge_unsubscribed', ...ids, platformError: result.code }, 'nudge_unsubscribed');
    else if (result.kind === 'disabled') o.log.warn({ code: 'nudge_disabled', ...ids, platformError: result.code }, 'nudge_disabled');
    else if (result.kind === 'failed') o.log.warn({ code: 'nudge_failed', ...ids, tries: result.tries }, 'nudge_failed');
    else if (result.kind === 'lease_lost') o.log.warn({ code: 'nudge_lease_lost', ...ids }, 'nudge_lease_lost');
    else o.log.info({ code: 'nudge_not_posted', ...ids, result: result.kind }, 'nudge_not_posted');
    return result;
  }

  async function tick(now: Date = clock.now()): Promise<TickReport> {
    const report = emptyReport();
    report.purged = await purge(now);
    if (platforms.length === 0) return report;
    // Bounded, so a store that keeps handing out the same rows cannot spin forever.
    for (let round = 0; round < 1_000 && !stopping; round++) {
      const claims = await o.store.claimDue({ now, owner, leaseMs, limit: batchSize, platforms });
      report.claimed += claims.length;
      let next = 0;
      const worker = async () => {
        while (next < claims.length) {
          const claim = claims[next++] as Claim;
          const r = await handle(claim, now).catch((e: unknown): ClaimResult => {
            o.log.error({ code: 'nudge_store_error', subscriptionId: claim.subscription.id, err: e instanceof Error ? e.name : 'error' }, 'nudge_store_error');
            return { kind: 'lease_lost' };
          });
          report[r.kind]++;
        }
      };
      if (claims.length === 0) break;
      // Keep claiming: a skipped stale slot can make the next, still-timely slot due in the same tick.
      await Promise.all(Array.from({ length: Math.min(concurrency, claims.length) }, worker));
    }
    return report;
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = true;
  const loop = () => {
    running = tick()
      .then((r) => r.claimed > 0 && o.log.info({ code: 'nudge_tick', ...r }, 'nudge_tick'))
      .catch((e: unknown) => o.log.error({ code: 'nudge_tick_failed', err: e instanceof Error ? e.name : 'error', dbCode: (e as { code?: unknown } | null)?.code }, 'nudge_tick_failed'))
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(loop, tickMs);
      });
  };

  return {
    owner,
    tick,
    start() {
      if (!stopped) return;
      stopped = false;
      stopping = false;
      o.log.info({ code: 'nudge_engine_started', owner, platforms, tickMs }, 'nudge_engine_started');
      loop();
    },
    async stop() {
      stopped = true;
      stopping = true;
      for (const wake of wakeOnStop) wake();
      wakeOnStop.clear();
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
