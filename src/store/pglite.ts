import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { PGlite } from '@electric-sql/pglite';
import { copyTemplateDir, pgliteTemplatePath } from './pglite-template.js';
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

/**
 * PGlite is PostgreSQL compiled to WebAssembly. V8 compiles such a module twice: at once with its
 * baseline compiler (Liftoff), then again, function by function as they get hot, with its optimising
 * one (TurboFan) on background threads. For PGlite that second tier costs about 100 MB of resident
 * memory for the life of the process and, on two cores, seconds of start-up (the migrations took 2 s
 * instead of 0.25 s while it compiled). Our queries do not need it: the running server touches the
 * database about once a second (the write-behind flush) and per nudge. So V8 is told to use Liftoff
 * only; the flag applies to WebAssembly compiled after it is set, so it is set before PGlite loads.
 * (Node's fetch parses HTTP with a small WebAssembly module too: compiled before this, it keeps both
 * tiers; after, Liftoff only.)
 */
let liftoffSet = false;
function liftoffOnly(): void {
  if (liftoffSet) return;
  liftoffSet = true;
  setFlagsFromString('--liftoff-only');
}

const isEmptyDir = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0;

/**
 * Opens (creating if needed) a PGlite database in `dir`, or in memory when dir is undefined. Lazy
 * import: PGlite costs ~0.5 s and ~250 MB. A new database on disk is a copy of the template directory;
 * without one, or in memory, it is loaded from the template tarball (about 2 s instead of 4-7 s for
 * initdb; see pglite-template.ts), else made by initdb.
 */
export async function openPglite(dir?: string, options: { template?: string | null } = {}): Promise<PGlite> {
  liftoffOnly();
  const template = options.template === undefined ? pgliteTemplatePath() : options.template;
  // The copy starts now, on another thread, and runs while PGlite loads.
  const copied = template && dir !== undefined && isEmptyDir(dir) ? copyTemplateDir(template, dir) : false;
  const { PGlite } = await import('@electric-sql/pglite');
  // PostgreSQL's default 128 MB of shared buffers is most of PGlite's memory once touched; our tables
  // are small, and 16 MB took about 100 MB off the resident size of a running server, 8 MB another 8 MB
  // under npm run load (the write-behind flush and the nudge queries touch a few pages; the rest is in
  // the operating system's file cache).
  const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=8MB'];
  if (dir !== undefined && (await copied)) {
    try {
      const db = new PGlite(dir, { startParams });
      await db.waitReady;
      return db;
    } catch {
      // A damaged copy must not stop the store: empty it and load the tarball or run initdb instead.
      for (const f of readdirSync(dir)) rmSync(join(dir, f), { recursive: true, force: true });
    }
  }
  if (template && existsSync(template) && (dir === undefined || isEmptyDir(dir))) {
    try {
      const loadDataDir = new Blob([readFileSync(template)]);
      const db = dir === undefined ? new PGlite({ loadDataDir, startParams }) : new PGlite(dir, { loadDataDir, startParams });
      await db.waitReady;
      return db;
    } catch {
      // A damaged template must not stop the store: empty what it left behind and run initdb instead.
      if (dir !== undefined) for (const f of readdirSync(dir)) rmSync(join(dir, f), { recursive: true, force: true });
    }
  }
  const db = dir === undefined ? new PGlite({ startParams }) : new PGlite(dir, { startParams });
  await db.waitReady;
  return db;
}
