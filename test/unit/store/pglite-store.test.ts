import { afterAll, beforeAll } from 'vitest';
import { migrate } from '../../../src/store/migrate.js';
import { TABLES } from '../../../src/store/migrations/index.js';
import { openPglite, pgliteClient } from '../../../src/store/pglite.js';
import type { SqlClient } from '../../../src/store/sql-client.js';
import { SqlStore } from '../../../src/store/sql.js';
import { manualClock, storeContract, type StoreHarness } from './contract.js';

// One in-memory PGlite per file, reset between tests: even loaded from the template a new one costs ~2 s.
const clock = manualClock('2026-03-23T08:00:00Z');
let client: SqlClient;
let store: SqlStore;
beforeAll(async () => {
  client = pgliteClient(await openPglite());
  await migrate(client);
  store = new SqlStore('pglite', client, clock);
});
afterAll(async () => client?.close());

const harness: StoreHarness = {
  get store() {
    return store;
  },
  clock,
  reset: async () => void (await client.query(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY CASCADE`)),
};
storeContract('PGlite', () => harness);
