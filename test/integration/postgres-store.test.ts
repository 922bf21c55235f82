import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrate.js';
import { openStore } from '../../src/store/open.js';
import type { SqlClient } from '../../src/store/sql-client.js';
import { SqlStore } from '../../src/store/sql.js';
import { london, manualClock, storeContract, type StoreHarness } from '../unit/store/contract.js';
import { PgSchema, SKIP_MESSAGE, TEST_DATABASE_URL } from './pg-harness.js';

if (!TEST_DATABASE_URL) {
  it.skip(SKIP_MESSAGE, () => {});
} else {
  const schema = new PgSchema();
  const clock = manualClock('2026-03-23T08:00:00Z');
  let client: SqlClient;
  let store: SqlStore;
  beforeAll(async () => {
    await schema.create();
    ({ client } = await schema.migrated());
    store = new SqlStore('postgres', client, clock);
  });
  afterAll(() => schema.drop());

  const harness: StoreHarness = {
    get store() {
      return store;
    },
    clock,
    reset: () => schema.truncate(client),
  };
  storeContract('PostgreSQL', () => harness);

  describe('PostgreSQL migrations', () => {
    it('are safe to run twice and from several replicas starting at once on an empty schema', async () => {
      const fresh = new PgSchema();
      await fresh.create();
      try {
        const clients = await Promise.all(Array.from({ length: 5 }, () => fresh.client(2)));
        const applied = await Promise.all(clients.map((c) => migrate(c.client)));
        expect(applied.flat().sort()).toEqual(MIGRATIONS.map((m) => m.version));
        expect(await migrate(clients[0]!.client)).toEqual([]);
        const { rows } = await clients[0]!.client.query<{ version: number }>('SELECT version FROM schema_migrations');
        expect(rows.map((r) => r.version).sort()).toEqual(MIGRATIONS.map((m) => m.version));
      } finally {
        await fresh.drop();
      }
    });

    it('openStore uses DATABASE_URL, migrates, and normalises ids to strings', async () => {
      const fresh = new PgSchema();
      await fresh.create();
      try {
        const opened = await openStore({ DATA_DIR: '/nonexistent', DATABASE_URL: fresh.url }, { clock });
        if (!opened.ok) throw new Error(opened.error.message);
        expect(opened.value.kind).toBe('postgres');
        const sub = await opened.value.upsertSubscription(london());
        expect(sub.id).toBe('1');
        expect((await opened.value.listSubscriptions())[0]?.id).toBe('1');
        await opened.value.close();
      } finally {
        await fresh.drop();
      }
    });

    it('openStore reports an unreachable server in one line without the password', async () => {
      const opened = await openStore({ DATA_DIR: '/nonexistent', DATABASE_URL: 'postgres://bob:secret@127.0.0.1:1/nope' });
      expect(opened.ok).toBe(false);
      if (!opened.ok) {
        expect(opened.error.code).toBe('connect_failed');
        expect(opened.error.message).toContain('postgres://bob:***@127.0.0.1:1/nope');
        expect(opened.error.message).not.toContain('secret');
      }
    });
  });
}
