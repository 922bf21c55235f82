import type { Pool, PoolClient, PoolConfig } from 'pg';
import type { SqlClient } from './sql-client.js';

function wrap(q: Pool | PoolClient): Omit<SqlClient, 'transaction' | 'close'> {
  return {
    query: async <R>(sql: string, params: readonly unknown[] = []) => {
      const res = await q.query(sql, params as unknown[]);
      return { rows: res.rows as R[] };
    },
  };
}

/** SqlClient over a pg Pool; a transaction holds one pooled connection from BEGIN to COMMIT. */
export function postgresClient(pool: Pool): SqlClient {
  return {
    ...wrap(pool),
    transaction: async (fn) => {
      const conn = await pool.connect();
      // A checked-out connection has no pool listener: when the server ends it (restart,
      // pg_terminate_backend) its 'error' event would end the process. The query in flight fails
      // instead, and the broken connection is dropped from the pool on release.
      let broken: Error | undefined;
      const onError = (e: Error) => void (broken = e);
      conn.on('error', onError);
      try {
        await conn.query('BEGIN');
        const inner: SqlClient = { ...wrap(conn), transaction: (f) => f(inner), close: async () => {} };
        const result = await fn(inner);
        await conn.query('COMMIT');
        return result;
      } catch (e) {
        await conn.query('ROLLBACK').catch((r: Error) => void (broken ??= r));
        throw e;
      } finally {
        conn.off('error', onError);
        conn.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

/** A pg Pool for a postgres:// URL. Lazy import, so PGlite-only runs never load pg. */
export async function openPostgresPool(connectionString: string, extra: PoolConfig = {}): Promise<Pool> {
  const pg = (await import('pg')).default;
  const pool = new pg.Pool({ connectionString, max: 10, ...extra });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}
