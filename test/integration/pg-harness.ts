import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { migrate } from '../../src/store/migrate.js';
import { TABLES } from '../../src/store/migrations/index.js';
import { openPostgresPool, postgresClient } from '../../src/store/postgres.js';
import type { SqlClient } from '../../src/store/sql-client.js';

/** Set in CI (postgres://postgres@127.0.0.1:5432/test); tests that need PostgreSQL skip without it. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
export const SKIP_MESSAGE = 'TEST_DATABASE_URL is not set: PostgreSQL tests skipped (CI sets postgres://postgres@127.0.0.1:5432/test)';

/**
 * A private schema per test file, so files running in parallel on one database never see each other's
 * rows. Every connection of the returned pools has search_path set to it.
 */
export class PgSchema {
  readonly name = `bb_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  private readonly pools: Pool[] = [];
  private admin: Pool | null = null;

  async create(): Promise<void> {
    this.admin = await openPostgresPool(TEST_DATABASE_URL as string, { max: 1 });
    await this.admin.query(`CREATE SCHEMA ${this.name}`);
  }
  /** The schema's URL form, as DATABASE_URL would carry it. */
  get url(): string {
    const u = new URL(TEST_DATABASE_URL as string);
    u.searchParams.set('options', `-c search_path=${this.name}`);
    return u.toString();
  }
  async client(max = 10): Promise<{ client: SqlClient; pool: Pool }> {
    const pool = await openPostgresPool(TEST_DATABASE_URL as string, { max, options: `-c search_path=${this.name}` });
    this.pools.push(pool);
    return { client: postgresClient(pool), pool };
  }
  async migrated(max = 10): Promise<{ client: SqlClient; pool: Pool }> {
    const c = await this.client(max);
    await migrate(c.client);
    return c;
  }
  async truncate(client: SqlClient): Promise<void> {
    await client.query(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY CASCADE`);
  }
  async drop(): Promise<void> {
    await Promise.all(this.pools.map((p) => p.end().catch(() => {})));
    await this.admin?.query(`DROP SCHEMA IF EXISTS ${this.name} CASCADE`);
    await this.admin?.end();
  }
}
