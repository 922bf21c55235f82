import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { systemClock, type Clock } from '../common/clock.js';
import { err, ok, type Result } from '../common/result.js';
import { NET_FAILURE_TEXT, netFailureOf } from '../common/net-error.js';
import { migrate } from './migrate.js';
import { SqlStore } from './sql.js';
import { PgliteStore } from './pglite-store.js';
import { openPglite, pgliteClient } from './pglite.js';
import type { Store } from './store.js';

export type StoreOpenError = {
  code: 'data_dir' | 'connect_failed' | 'migration_failed';
  /** One line for the operator, with what to do next; never contains the database password. */
  message: string;
};

/** Hides the password of a postgres:// URL in messages. */
const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** PostgreSQL error codes an operator meets at connect time, in words (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const PG_CAUSE: Record<string, string> = {
  '28P01': 'the password was refused',
  '28000': 'the user may not log in (pg_hba.conf or the user name)',
  '3D000': 'the database does not exist',
  '57P03': 'the server is starting up or shutting down',
  '53300': 'the server has too many connections',
};

/** The likely cause of a failed connection, for the one line start-up prints. */
function connectCause(e: unknown): string {
  const net = netFailureOf(e);
  if (net) return `${NET_FAILURE_TEXT[net]}: check the host, the port and that the server is up`;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && PG_CAUSE[code]) return `${PG_CAUSE[code]}: check the URL's user, password and database name`;
  return `${reason(e)}: check the server is up and the URL is right`;
}

/**
 * Opens the store the config asks for and brings its schema up to date: PostgreSQL when DATABASE_URL
 * is set, otherwise PGlite in `${DATA_DIR}/pglite`. Drivers are imported lazily so commands that need
 * no store (preview, ask) never pay for them. A new PGlite directory starts being copied from the
 * template (on another thread) before this returns, so the caller's own work can overlap it.
 */
export async function openStore(
  config: Pick<Config, 'DATA_DIR' | 'DATABASE_URL'>,
  options: { clock?: Clock } = {},
): Promise<Result<Store, StoreOpenError>> {
  const clock = options.clock ?? systemClock;
  if (config.DATABASE_URL) {
    const { openPostgresPool, postgresClient } = await import('./postgres.js');
    let client: ReturnType<typeof postgresClient> | null = null;
    try {
      // The pool parses the URL (a bad port or escape throws here), then one query connects.
      client = postgresClient(await openPostgresPool(config.DATABASE_URL));
      await client.query('SELECT 1');
    } catch (e) {
      await client?.close().catch(() => {});
      return err({ code: 'connect_failed', message: `DATABASE_URL ${redact(config.DATABASE_URL)}: cannot connect, ${connectCause(e)}` });
    }
    return finish(client, new SqlStore('postgres', client, clock));
  }

  const dir = join(config.DATA_DIR, 'pglite');
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    return err({ code: 'data_dir', message: `DATA_DIR ${config.DATA_DIR}: cannot create ${dir} (${reason(e)}); point DATA_DIR at a writable folder` });
  }
  let client;
  try {
    client = pgliteClient(await openPglite(dir));
  } catch (e) {
    // A data directory opens only with the PGlite version that made it (0.4 directories fail on 0.5).
    return err({ code: 'data_dir', message: `DATA_DIR ${config.DATA_DIR}: cannot open the database in ${dir} (${reason(e)}); it may come from another PGlite version: dump and restore it, or move it away` });
  }
  return finish(client, new PgliteStore(client, clock));
}

async function finish(client: { close(): Promise<void> } & Parameters<typeof migrate>[0], store: Store): Promise<Result<Store, StoreOpenError>> {
  try {
    await migrate(client);
    return ok(store);
  } catch (e) {
    await client.close().catch(() => {});
    return err({ code: 'migration_failed', message: `database migration failed (${reason(e)}); the schema was left as it was` });
  }
}
