import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNudgeEngine } from '../../src/nudges/engine.js';
import type { Nudge, NudgeSink, SinkResult } from '../../src/nudges/sink.js';
import type { SqlClient } from '../../src/store/sql-client.js';
import { SqlStore } from '../../src/store/sql.js';
import { fakeCatalog, silentLog } from '../unit/nudges/fakes.js';
import { london, manualClock } from '../unit/store/contract.js';
import { PgSchema, SKIP_MESSAGE, TEST_DATABASE_URL } from './pg-harness.js';

/** Records every post; yields to the event loop so two engines' work interleaves. */
class SharedSink implements NudgeSink {
  readonly platform = 'slack' as const;
  readonly posts: Array<{ key: string; by: string }> = [];
  constructor(private readonly by: string, private readonly log: Array<{ key: string; by: string }>) {}
  async post(n: Nudge): Promise<SinkResult> {
    await new Promise((r) => setImmediate(r));
    this.log.push({ key: `${n.subscriptionId}@${n.slot}`, by: this.by });
    return { ok: true };
  }
}

if (!TEST_DATABASE_URL) {
  it.skip(SKIP_MESSAGE, () => {});
} else {
  describe('two engines on one PostgreSQL', () => {
    const schema = new PgSchema();
    const clock = manualClock('2026-03-23T08:00:00Z');
    let a: { client: SqlClient };
    let b: { client: SqlClient };
    beforeAll(async () => {
      await schema.create();
      a = await schema.migrated();
      b = await schema.client();
    });
    afterAll(() => schema.drop());
    beforeEach(async () => {
      await schema.truncate(a.client);
      clock.set('2026-03-23T08:00:00Z');
    });

    const engines = (log: Array<{ key: string; by: string }>, over = {}) =>
      (['A', 'B'] as const).map((name) =>
        createNudgeEngine({
          store: new SqlStore('postgres', (name === 'A' ? a : b).client, clock), sinks: [new SharedSink(name, log)], routines: fakeCatalog(),
          log: silentLog, clock, owner: `engine-${name}`, batchSize: 20, concurrency: 8, sleep: async () => {}, ...over,
        }),
      );

    it('deliver each of 200 slots due at once exactly once', async () => {
      const store = new SqlStore('postgres', a.client, clock);
      for (let i = 0; i < 200; i++) await store.upsertSubscription(london({ channel: `C${i}` }));
      const log: Array<{ key: string; by: string }> = [];
      const [ea, eb] = engines(log);
      clock.set('2026-03-23T09:00:05Z');
      const [ra, rb] = await Promise.all([ea!.tick(), eb!.tick()]);
      expect(ra.delivered + rb.delivered).toBe(200);
      expect(log).toHaveLength(200);
      expect(new Set(log.map((p) => p.key)).size).toBe(200);
      // Both engines took part: SKIP LOCKED handed them disjoint rows rather than serialising them.
      expect(ra.delivered).toBeGreaterThan(0);
      expect(rb.delivered).toBeGreaterThan(0);
      const { rows } = await a.client.query<{ n: number }>("SELECT count(*)::int AS n FROM deliveries WHERE status = 'delivered'");
      expect(rows[0]?.n).toBe(200);
      // A second round at the same instant finds nothing left.
      const again = await Promise.all([ea!.tick(), eb!.tick()]);
      expect(again[0].claimed + again[1].claimed).toBe(0);
    });

    it('hand two concurrent claims disjoint rows (FOR UPDATE SKIP LOCKED)', async () => {
      const store = new SqlStore('postgres', a.client, clock);
      for (let i = 0; i < 60; i++) await store.upsertSubscription(london({ channel: `C${i}` }));
      const claim = (client: SqlClient, owner: string) =>
        new SqlStore('postgres', client, clock).claimDue({ now: new Date('2026-03-23T09:00:02Z'), owner, leaseMs: 60_000, limit: 40, platforms: ['slack'] });
      const [ca, cb] = await Promise.all([claim(a.client, 'A'), claim(b.client, 'B')]);
      const ids = [...ca, ...cb].map((c) => c.subscription.id);
      expect(ids).toHaveLength(60);
      expect(new Set(ids).size).toBe(60);
    });

    it('deliver a slot claimed by a killed process once, after its lease expires', async () => {
      const store = new SqlStore('postgres', a.client, clock);
      for (let i = 0; i < 10; i++) await store.upsertSubscription(london({ channel: `C${i}` }));
      // The doomed process claims everything, then its connections die before it posts anything.
      const doomed = await schema.client(2);
      const claims = await new SqlStore('postgres', doomed.client, clock).claimDue({
        now: new Date('2026-03-23T09:00:02Z'), owner: 'doomed', leaseMs: 60_000, limit: 50, platforms: ['slack'],
      });
      expect(claims).toHaveLength(10);
      await doomed.pool.end();

      const log: Array<{ key: string; by: string }> = [];
      const [ea, eb] = engines(log);
      clock.set('2026-03-23T09:00:30Z');
      await Promise.all([ea!.tick(), eb!.tick()]);
      expect(log).toHaveLength(0);
      clock.set('2026-03-23T09:01:03Z');
      await Promise.all([ea!.tick(), eb!.tick()]);
      clock.set('2026-03-23T09:01:20Z');
      await Promise.all([ea!.tick(), eb!.tick()]);
      expect(log).toHaveLength(10);
      expect(new Set(log.map((p) => p.key)).size).toBe(10);
    });
  });
}
