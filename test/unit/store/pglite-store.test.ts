import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/store/migrate.js';
import { TABLES } from '../../../src/store/migrations/index.js';
import { openPglite, pgliteClient } from '../../../src/store/pglite.js';
import { PgliteStore } from '../../../src/store/pglite-store.js';
import type { SqlClient } from '../../../src/store/sql-client.js';
import { SqlStore } from '../../../src/store/sql.js';
import type { ConversationContext } from '../../../src/core/context.js';
import { manualClock, storeContract, type StoreHarness } from './contract.js';

// One in-memory PGlite per file, reset between tests: even loaded from the template a new one costs ~2 s.
const clock = manualClock('2026-03-23T08:00:00Z');
let client: SqlClient;
let store: SqlStore;
let held: PgliteStore | null = null;
/** Counts the queries that reach the database, to show what the write-behind store saves. */
let queries = 0;
beforeAll(async () => {
  const raw = pgliteClient(await openPglite());
  client = { ...raw, query: (sql, params) => { queries++; return raw.query(sql, params); } };
  await migrate(client);
  store = new SqlStore('pglite', client, clock);
});
afterAll(async () => {
  await held?.detach();
  await client?.close();
});

const truncate = async () => void (await client.query(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY CASCADE`));
const harness: StoreHarness = {
  get store() {
    return store;
  },
  clock,
  reset: truncate,
};
storeContract('PGlite', () => harness);

/** A new write-behind store over the shared database, the previous one detached first. */
async function fresh(): Promise<PgliteStore> {
  await held?.detach();
  await truncate();
  held = new PgliteStore(client, clock);
  return held;
}
const heldHarness: StoreHarness = {
  get store() {
    return held!;
  },
  clock,
  reset: async () => void (await fresh()),
};
storeContract('PGlite, written behind', () => heldHarness);

describe('PgliteStore: context and question counts written behind', () => {
  const ctx = (turns: number): ConversationContext => ({ lastEntryId: 'heat-or-ice', lastTags: ['heat'], offered: [], crisis: false, safety: ['back'], turns });
  const later = (min: number) => new Date(clock.now().getTime() + min * 60_000);
  const q = { platform: 'slack' as const, workspace: 'T1', channel: 'C1', day: '2026-03-23', kind: 'answer' as const, tags: ['heat'] };

  it('answers context from memory: after the first look, a message costs no query until the flush', async () => {
    const s = await fresh();
    expect(await s.contexts.get('slack:T1:C1:1', clock.now())).toBeNull();
    const before = queries;
    for (let i = 0; i < 20; i++) {
      await s.contexts.set(`slack:T1:C1:${i}`, ctx(i), later(30));
      expect((await s.contexts.get(`slack:T1:C1:${i}`, clock.now()))?.turns).toBe(i);
      await s.recordQuestion(q);
    }
    expect(queries - before).toBe(0);
    await s.flush();
    const rows = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM conversation_contexts');
    expect(rows.rows[0]!.n).toBe(20);
    const counts = await client.query<{ tag: string; count: number }>('SELECT tag, count FROM question_counts ORDER BY tag');
    expect(counts.rows.map((r) => [r.tag, Number(r.count)])).toEqual([['', 20], ['heat', 20]]);
  });

  it('reads context written before it started from the database, and expiry still applies', async () => {
    await fresh();
    await store.contexts.set('slack:T1:C9:1', ctx(3), later(30));
    const s = new PgliteStore(client, clock);
    try {
      expect((await s.contexts.get('slack:T1:C9:1', clock.now()))?.turns).toBe(3);
      expect(await s.contexts.get('slack:T1:C9:2', clock.now())).toBeNull();
      await s.contexts.set('slack:T1:C9:3', ctx(1), later(5));
      expect(await s.contexts.get('slack:T1:C9:3', later(6))).toBeNull();
    } finally {
      await s.detach();
    }
  });

  it('stats, export and purge see what is still held; purge forgets the held context too', async () => {
    const s = await fresh();
    await s.contexts.set('slack:T1:C1:1', ctx(1), later(30));
    await s.contexts.set('slack:T2:C1:1', ctx(2), later(30));
    await s.recordQuestion(q);
    const stats = await s.channelStats({ fromDay: '2026-03-23', toDay: '2026-03-23' });
    expect(stats.length).toBe(1);
    expect((await s.exportWorkspace('slack', 'T1')).conversationContexts.map((c) => c.conversation)).toEqual(['slack:T1:C1:1']);
    const purged = await s.purgeWorkspace('slack', 'T1');
    expect(purged.conversationContexts).toBe(1);
    expect(purged.questionCounts).toBe(2);
    expect(await s.contexts.get('slack:T1:C1:1', clock.now())).toBeNull();
    expect((await s.contexts.get('slack:T2:C1:1', clock.now()))?.turns).toBe(2);
  });

  it('keeps what a failed flush held, and writes it on the next', async () => {
    const s = await fresh();
    await s.contexts.set('slack:T1:C1:1', ctx(1), later(30));
    await s.recordQuestion(q);
    await client.query('ALTER TABLE question_counts RENAME TO question_counts_away');
    await expect(s.flush()).rejects.toThrow();
    await client.query('ALTER TABLE question_counts_away RENAME TO question_counts');
    await s.recordQuestion(q);
    await s.flush();
    const counts = await client.query<{ tag: string; count: number }>('SELECT tag, count FROM question_counts ORDER BY tag');
    expect(counts.rows.map((r) => [r.tag, Number(r.count)])).toEqual([['', 2], ['heat', 2]]);
    expect((await store.contexts.get('slack:T1:C1:1', clock.now()))?.turns).toBe(1);
  });

  it('reads a conversation written and then dropped from memory (past the cap) back from the database', async () => {
    await fresh();
    const s = new PgliteStore(client, clock, { maxContexts: 10 });
    try {
      // The first look reads which conversations the database has (none yet).
      expect(await s.contexts.get('slack:T1:C1:0', clock.now())).toBeNull();
      for (let i = 0; i < 10; i++) await s.contexts.set(`slack:T1:C1:${i}`, ctx(i), later(i < 5 ? 30 : 1));
      await s.flush();
      // Eleven held: the oldest written ones are dropped to a tenth below the cap.
      await s.contexts.set('slack:T1:C1:10', ctx(10), later(30));
      const before = queries;
      for (let i = 0; i <= 10; i++) expect((await s.contexts.get(`slack:T1:C1:${i}`, clock.now()))?.turns).toBe(i);
      expect(queries - before).toBeGreaterThan(0);
      // Expiry still applies to what is read back, and a conversation never written costs no query.
      expect(await s.contexts.get('slack:T1:C1:5', later(2))).toBeNull();
      const unknown = queries;
      expect(await s.contexts.get('slack:T1:C1:99', clock.now())).toBeNull();
      expect(queries).toBe(unknown);
    } finally {
      await s.detach();
    }
  });

  it('reads every miss from the database once more conversations were dropped than it keeps a list of', async () => {
    await fresh();
    const s = new PgliteStore(client, clock, { maxContexts: 4, maxOnDisk: 3 });
    try {
      expect(await s.contexts.get('slack:T1:C2:0', clock.now())).toBeNull();
      for (let i = 0; i < 12; i++) {
        await s.contexts.set(`slack:T1:C2:${i}`, ctx(i), later(30));
        await s.flush();
      }
      for (let i = 0; i < 12; i++) expect((await s.contexts.get(`slack:T1:C2:${i}`, clock.now()))?.turns).toBe(i);
      expect(await s.contexts.get('slack:T1:C2:99', clock.now())).toBeNull();
      // Retention starts the list again from the database.
      await s.contexts.purgeExpired(clock.now());
      for (let i = 0; i < 12; i++) expect((await s.contexts.get(`slack:T1:C2:${i}`, clock.now()))?.turns).toBe(i);
    } finally {
      await s.detach();
    }
  });
});
