/**
 * npm run bench:nudges — 1,000 subscriptions due in the same minute, posted to a fake sink that
 * answers at once. Prints deliveries per second and the store time per delivery (the summed duration
 * of store calls divided by deliveries), on PGlite (on disk, as DATA_DIR would hold it) and on
 * PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (in a throwaway schema). First, how
 * long the slot search takes to give up on a cron that never meets the working window (it looks a
 * year ahead; `nudges preview` and every `nudges add` may meet such a cron).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNudgeEngine } from '../src/nudges/engine.js';
import type { RoutineCatalog } from '../src/nudges/routines.js';
import { nextSlots } from '../src/nudges/slots.js';
import type { NudgeSink } from '../src/nudges/sink.js';
import { migrate } from '../src/store/migrate.js';
import { openPglite, pgliteClient } from '../src/store/pglite.js';
import { openPostgresPool, postgresClient } from '../src/store/postgres.js';
import type { SqlClient } from '../src/store/sql-client.js';
import { SqlStore } from '../src/store/sql.js';
import type { Store } from '../src/store/store.js';

const SUBSCRIPTIONS = 1_000;
const SLOT = new Date('2026-03-23T09:00:00Z');

type Figures = { backend: string; engines: number; concurrency: number; deliveries: number; wallMs: number; storeMs: number; setupMs: number };

/** Wraps a store so every call's duration is added up. */
function timed(store: Store, total: { ms: number }): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function' || prop === 'close') return v;
      return async (...args: unknown[]) => {
        const t0 = performance.now();
        try {
          return await (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          total.ms += performance.now() - t0;
        }
      };
    },
  });
}

const routines: RoutineCatalog = {
  routines: (['hips', 'neck', 'core', 'glutes', 'hamstrings', 'upper-back', 'lower-back'] as const).map((area, i) => ({ id: `r${i}`, targets: [area], tags: [] })),
  render: (id) => ({
    kind: 'answer', text: id, confidence: 1, notes: [], entry: { entryId: id, title: `Routine ${id}`, tags: ['stretching'], kind: 'stretch' },
    summary: 'A routine.', steps: ['One.', 'Two.'], cautions: ['Stop if it hurts.'], durationS: 60, dose: 'Dose: 2 times, a few times a day. Can be done seated, in work clothes.',
    sources: [{ title: 'Source', publisher: 'NHS', url: 'https://www.nhs.uk/', year: 2024 }], related: [], followUps: [], medical: true,
  }),
};

async function run(backend: string, clients: SqlClient[], concurrency: number): Promise<Figures> {
  let now = new Date(SLOT.getTime() - 60_000);
  const clock = { now: () => new Date(now) };
  const t0 = performance.now();
  await (clients[0] as SqlClient).transaction(async (tx) => {
    const s = new SqlStore('postgres', tx, clock);
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      await s.upsertSubscription({
        platform: 'slack', workspace: 'T1', channel: `C${i}`, cadence: { kind: 'every', minutes: 90 }, tz: 'UTC',
        days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: 540, endMinute: 1020, focusTags: [], createdBy: null,
      });
    }
  });
  const setupMs = performance.now() - t0;

  let deliveries = 0;
  const sink: NudgeSink = { platform: 'slack', post: async () => (deliveries++, { ok: true }) };
  const total = { ms: 0 };
  const engines = clients.map((c, i) =>
    createNudgeEngine({
      store: timed(new SqlStore('postgres', c, clock), total), sinks: [sink], routines, clock, owner: `bench-${i}`,
      log: { info() {}, warn() {}, error() {}, debug() {} }, batchSize: 100, concurrency,
    }),
  );
  now = new Date(SLOT.getTime() + 5_000);
  const t1 = performance.now();
  await Promise.all(engines.map((e) => e.tick(now)));
  const wallMs = performance.now() - t1;
  return { backend, engines: engines.length, concurrency, deliveries, wallMs, storeMs: total.ms, setupMs };
}

function print(f: Figures) {
  const perSec = (f.deliveries / f.wallMs) * 1000;
  console.log(
    `${f.backend.padEnd(20)} engines ${f.engines}  in flight ${String(f.concurrency).padStart(2)}  deliveries ${String(f.deliveries).padStart(5)}  ` +
      `wall ${f.wallMs.toFixed(0).padStart(6)} ms  ${perSec.toFixed(0).padStart(6)} deliveries/s  ` +
      `store ${(f.storeMs / f.deliveries).toFixed(2).padStart(6)} ms/delivery  (setup of ${SUBSCRIPTIONS} subscriptions ${f.setupMs.toFixed(0)} ms)`,
  );
}

function slotSearchGiveUp(): void {
  const never = { cadence: { kind: 'cron' as const, expression: '* 3 * * *' }, tz: 'UTC', days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, startMinute: 540, endMinute: 1020 };
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    if (nextSlots({ ...never, days: [...never.days] }, SLOT, 5).length) throw new Error('expected no slots');
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`slot search giving up on a cron outside the window (a year ahead, 5 runs): median ${times[2]!.toFixed(0)} ms, max ${times[4]!.toFixed(0)} ms\n`);
}

async function main() {
  slotSearchGiveUp();
  console.log(`bench:nudges: ${SUBSCRIPTIONS} subscriptions due at ${SLOT.toISOString()}, fake sink, claims in batches of 100`);
  console.log('store ms/delivery = summed duration of store calls / deliveries (with several posts in flight it includes queueing)\n');

  const dir = await mkdtemp(join(tmpdir(), 'backbuddy-bench-'));
  try {
    const db = await openPglite(join(dir, 'pglite'));
    const client = pgliteClient(db);
    await migrate(client);
    for (const concurrency of [1, 8]) {
      await client.query('TRUNCATE deliveries, subscriptions RESTART IDENTITY CASCADE');
      print(await run('PGlite (on disk)', [client], concurrency));
    }
    await client.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    console.log('PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
    return;
  }
  const schema = `bb_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = await openPostgresPool(url, { max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    for (const [engines, concurrency] of [[1, 1], [1, 8], [2, 8]] as const) {
      const pools = await Promise.all(Array.from({ length: engines }, () => openPostgresPool(url, { max: 10, options: `-c search_path=${schema}` })));
      const clients = pools.map(postgresClient);
      await migrate(clients[0] as SqlClient);
      await (clients[0] as SqlClient).query('TRUNCATE deliveries, subscriptions RESTART IDENTITY CASCADE');
      print(await run('PostgreSQL', clients, concurrency));
      await Promise.all(pools.map((p) => p.end()));
    }
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

await main();
