import type { Clock } from '../common/clock.js';
import type { ConversationContext } from '../core/context.js';
import type { SqlClient } from './sql-client.js';
import { SqlStore, upsertContexts } from './sql.js';
import type { ChannelStats, Platform, PurgeCounts, QuestionCountInput, StatsFilter, StoreContexts, WorkspaceData } from './store.js';
import { conversationPrefix } from './store.js';

/** How often held writes reach the database; a crash loses at most this much context and counting. */
export const WRITE_BEHIND_MS = 1000;
const MAX_CONTEXTS = 50_000;

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
  /** Conversations with unexpired context in the database at start; null until first asked. */
  private older: Promise<Set<string>> | null = null;
  private readonly counts = new Map<string, { q: QuestionCountInput; times: number }>();
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(db: SqlClient, clock?: Clock) {
    super('pglite', db, clock);
    this.timer = setInterval(() => void this.flush().catch(() => {}), WRITE_BEHIND_MS);
    this.timer.unref();
  }

  private olderConversations(now: Date): Promise<Set<string>> {
    this.older ??= this.db
      .query<{ conversation: string }>('SELECT conversation FROM conversation_contexts WHERE expires_at > $1', [now])
      .then((r) => new Set(r.rows.map((x) => x.conversation)))
      .catch((e: unknown) => { this.older = null; throw e; });
    return this.older;
  }

  override readonly contexts: StoreContexts = {
    get: async (conversation, now) => {
      const h = this.held.get(conversation);
      if (h) return h.expiresAt > now ? h.context : null;
      if (!(await this.olderConversations(now)).has(conversation)) return null;
      return this.sqlContexts.get(conversation, now);
    },
    set: async (conversation, context, expiresAt) => {
      this.held.delete(conversation);
      this.held.set(conversation, { context, expiresAt });
      this.dirty.add(conversation);
      if (this.held.size > MAX_CONTEXTS) this.evict();
    },
    purgeExpired: async (now) => {
      await this.flush();
      for (const [k, h] of this.held) if (h.expiresAt <= now && !this.dirty.has(k)) this.held.delete(k);
      return this.sqlContexts.purgeExpired(now);
    },
  };

  /** Drops written (clean) contexts, oldest first, until a tenth below the cap; held writes stay. */
  private evict(): void {
    for (const k of this.held.keys()) {
      if (this.held.size <= MAX_CONTEXTS * 0.9) break;
      if (!this.dirty.has(k)) this.held.delete(k);
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
        for (const [k] of contexts) this.dirty.add(k);
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
    const older = this.older ? await this.older.catch(() => null) : null;
    for (const k of older ?? []) if (k.startsWith(prefix)) older!.delete(k);
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
