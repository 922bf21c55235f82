import type { Clock } from '../common/clock.js';
import type { ConversationContext } from '../core/context.js';
import type { SqlClient } from './sql-client.js';
import { SqlStore, upsertContexts } from './sql.js';
import type { ChannelStats, Platform, PurgeCounts, QuestionCountInput, StatsFilter, StoreContexts, WorkspaceData } from './store.js';
import { conversationPrefix } from './store.js';

/** How often held writes reach the database; a crash loses at most this much context and counting. */
export const WRITE_BEHIND_MS = 1000;
/**
 * Conversations whose context is held in memory at most (each a few hundred bytes); written ones are
 * dropped first and read back from the database when their conversation goes on. A thread is mostly
 * answered within minutes, so the latest few thousand cover the follow-ups; it was 50,000 (about 20 MB
 * held after a minute of npm run load, where every question opens a thread).
 */
const MAX_CONTEXTS = 5_000;
/**
 * Conversations whose context is in the database and not held, remembered by id and expiry (about 100
 * bytes each) so that a miss for a conversation never written costs no query. Past this many, every
 * miss reads the database until the next retention run starts the list again.
 */
const MAX_ON_DISK = 200_000;

export type PgliteStoreOptions = { maxContexts?: number; maxOnDisk?: number };

type Held = { context: ConversationContext; expiresAt: Date };
const countKey = (q: QuestionCountInput) =>
  JSON.stringify([q.platform, q.workspace, q.channel, q.day, q.kind, q.kind === 'answer' ? [...new Set(q.tags)].sort() : []]);

/**
 * The store on PGlite, which one process owns: nothing else writes its tables while it runs, so what
 * this process wrote is known without asking the database. Conversation context is served from memory
 * (a read goes to the database only for conversations left from before the start) and both context and
 * question counts are written behind, in one transaction a second, instead of two or three queries per
 * message. Reads of those tables (export, purge, stats, retention) write what is held first; close()
 * does too. The PostgreSQL store, shared by replicas, keeps writing through.
 */
export class PgliteStore extends SqlStore {
  private readonly held = new Map<string, Held>();
  private readonly dirty = new Set<string>();
  /**
   * Conversations whose unexpired context is in the database but may not be held (those there at the
   * start, and those evicted since), with their expiry in ms; read from the database when first needed.
   */
  private onDisk: Promise<Map<string, number>> | null = null;
  private onDiskRead: Map<string, number> | null = null;
  /** Set when onDisk outgrew its bound: until the next retention run, every miss reads the database. */
  private readThrough = false;
  private readonly maxContexts: number;
  private readonly maxOnDisk: number;
  private readonly counts = new Map<string, { q: QuestionCountInput; times: number }>();
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(db: SqlClient, clock?: Clock, options: PgliteStoreOptions = {}) {
    super('pglite', db, clock);
    this.maxContexts = options.maxContexts ?? MAX_CONTEXTS;
    this.maxOnDisk = options.maxOnDisk ?? MAX_ON_DISK;
    this.timer = setInterval(() => void this.flush().catch(() => {}), WRITE_BEHIND_MS);
    this.timer.unref();
  }

  private onDiskConversations(now: Date): Promise<Map<string, number>> {
    if (this.onDisk) return this.onDisk;
    const reading: Promise<Map<string, number>> = this.db
      .query<{ conversation: string; expires_at: Date }>('SELECT conversation, expires_at FROM conversation_contexts WHERE expires_at > $1', [now])
      .then((r) => {
        const map = new Map(r.rows.map((x) => [x.conversation, new Date(x.expires_at).getTime()] as const));
        if (this.onDisk === reading) this.onDiskRead = map;
        return map;
      })
      .catch((e: unknown) => { if (this.onDisk === reading) this.onDisk = null; throw e; });
    this.onDisk = reading;
    return reading;
  }

  /** Notes that a conversation's context is now only in the database (it was written, then evicted). */
  private wentToDisk(conversation: string, expiresAt: Date): void {
    if (this.readThrough) return;
    // Not read yet: when it is, the database has this one (its write was committed, or is queued before that read).
    const add = (map: Map<string, number>) => {
      if (this.readThrough) return;
      map.set(conversation, expiresAt.getTime());
      if (map.size > this.maxOnDisk) {
        this.readThrough = true;
        map.clear();
      }
    };
    if (this.onDiskRead) add(this.onDiskRead);
    else if (this.onDisk) void this.onDisk.then(add, () => {});
  }

  override readonly contexts: StoreContexts = {
    get: async (conversation, now) => {
      const h = this.held.get(conversation);
      if (h) return h.expiresAt > now ? h.context : null;
      if (!this.readThrough) {
        const expires = (await this.onDiskConversations(now)).get(conversation);
        if (expires === undefined || expires <= now.getTime()) return null;
      }
      return this.sqlContexts.get(conversation, now);
    },
    set: async (conversation, context, expiresAt) => {
      this.held.delete(conversation);
      this.held.set(conversation, { context, expiresAt });
      this.dirty.add(conversation);
      if (this.held.size > this.maxContexts) this.evict();
    },
    purgeExpired: async (now) => {
      await this.flush();
      for (const [k, h] of this.held) if (h.expiresAt <= now && !this.dirty.has(k)) this.held.delete(k);
      const purged = await this.sqlContexts.purgeExpired(now);
      // Start the list of conversations in the database again from what is left there.
      this.onDisk = null;
      this.onDiskRead = null;
      this.readThrough = false;
      return purged;
    },
  };

  /** Drops written (clean) contexts, oldest first, until a tenth below the cap; held writes stay. */
  private evict(): void {
    for (const [k, h] of this.held) {
      if (this.held.size <= this.maxContexts * 0.9) break;
      if (this.dirty.has(k)) continue;
      this.held.delete(k);
      this.wentToDisk(k, h.expiresAt);
    }
  }

  override async recordQuestion(q: QuestionCountInput): Promise<void> {
    const key = countKey(q);
    const c = this.counts.get(key);
    if (c) c.times++;
    else this.counts.set(key, { q, times: 1 });
  }

  /** Writes what is held, in one transaction; on failure it stays held for the next try. */
  flush(): Promise<void> {
    const run = this.flushing.then(async () => {
      if (this.dirty.size === 0 && this.counts.size === 0) return;
      const contexts = [...this.dirty].map((k) => [k, this.held.get(k)] as const).filter((e): e is readonly [string, Held] => Boolean(e[1]));
      const counts = [...this.counts.values()];
      this.dirty.clear();
      this.counts.clear();
      try {
        await this.db.transaction(async (tx) => {
          await upsertContexts(tx, contexts.map(([k, h]) => [k, h.context, h.expiresAt] as const));
          await this.recordQuestions(counts, tx);
        });
      } catch (e) {
        // Held again, even where eviction dropped it meanwhile (it was clean while this write was in flight).
        for (const [k, h] of contexts) {
          if (!this.held.has(k)) this.held.set(k, h);
          this.dirty.add(k);
        }
        for (const c of counts) {
          const now = this.counts.get(countKey(c.q));
          if (now) now.times += c.times;
          else this.counts.set(countKey(c.q), c);
        }
        throw e;
      }
    });
    this.flushing = run.catch(() => {});
    return run;
  }

  override async channelStats(f: StatsFilter): Promise<ChannelStats[]> {
    await this.flush();
    return super.channelStats(f);
  }
  override async exportWorkspace(platform: Platform, workspace: string): Promise<WorkspaceData> {
    await this.flush();
    return super.exportWorkspace(platform, workspace);
  }
  override async purgeWorkspace(platform: Platform, workspace: string): Promise<PurgeCounts> {
    await this.flush();
    const counts = await super.purgeWorkspace(platform, workspace);
    const prefix = conversationPrefix(platform, workspace);
    for (const k of this.held.keys()) if (k.startsWith(prefix)) this.held.delete(k);
    const onDisk = this.onDisk ? await this.onDisk.catch(() => null) : null;
    for (const k of onDisk?.keys() ?? []) if (k.startsWith(prefix)) onDisk!.delete(k);
    return counts;
  }

  /** Writes what is held and stops writing behind, leaving the database open (tests share one). */
  async detach(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  override async close(): Promise<void> {
    try {
      await this.detach();
    } finally {
      await super.close();
    }
  }
}
