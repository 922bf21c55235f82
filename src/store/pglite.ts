import type { PGlite } from '@electric-sql/pglite';
import type { SqlClient } from './sql-client.js';

type Queryable = Pick<PGlite, 'query'>;

function wrap(db: Queryable): Omit<SqlClient, 'transaction' | 'close'> {
  return {
    query: async <R>(sql: string, params: readonly unknown[] = []) => {
      const res = await db.query<R>(sql, params as unknown[]);
      return { rows: res.rows };
    },
  };
}

/**
 * SqlClient over one PGlite instance. PGlite is a single connection that runs transactions one after
 * another, so SKIP LOCKED changes nothing here; one process owns the data directory.
 */
export function pgliteClient(db: PGlite): SqlClient {
  const client: SqlClient = {
    ...wrap(db),
    transaction: (fn) =>
      db.transaction(async (tx) => {
        const inner: SqlClient = { ...wrap(tx), transaction: (f) => f(inner), close: async () => {} };
        return fn(inner);
      }),
    close: () => db.close(),
  };
  return client;
}

/** Opens (creating if needed) a PGlite database in `dir`, or in memory when dir is undefined. Lazy import: PGlite costs ~0.5 s and ~250 MB. */
export async function openPglite(dir?: string): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = dir === undefined ? new PGlite() : new PGlite(dir);
  await db.waitReady;
  return db;
}
