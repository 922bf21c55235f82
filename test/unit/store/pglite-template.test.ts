import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensurePgliteTemplate, pgliteTemplatePath } from '../../../src/store/pglite-template.js';
import { openPglite } from '../../../src/store/pglite.js';

const scratch = mkdtempSync(join(tmpdir(), 'bb-template-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the PGlite template (a new store loads it instead of running initdb)', () => {
  it('is kept in node_modules/.cache, named after the installed PGlite version', () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../../node_modules/@electric-sql/pglite/package.json'), 'utf8'));
    expect(pgliteTemplatePath()).toBe(join(import.meta.dirname, '../../../node_modules/.cache/backbuddy', `pglite-${version}-empty.tar.gz`));
  });

  it('is made once: an existing template is returned untouched', async () => {
    const path = join(scratch, 'existing.tar.gz');
    writeFileSync(path, 'x');
    const before = statSync(path).mtimeMs;
    expect(await ensurePgliteTemplate(path)).toBe(path);
    expect(statSync(path).mtimeMs).toBe(before);
  });

  it('gives a new data directory a whole database that keeps its rows after reopening', async () => {
    // vitest's globalSetup made the template; this is the path every new store takes.
    expect(existsSync(pgliteTemplatePath()!)).toBe(true);
    const dir = join(scratch, 'from-template');
    let db = await openPglite(dir);
    await db.exec('CREATE TABLE t (x integer); INSERT INTO t VALUES (42)');
    await db.close();
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
    db = await openPglite(dir);
    expect((await db.query<{ x: number }>('SELECT x FROM t')).rows).toEqual([{ x: 42 }]);
    await db.close();
  });

  it('falls back to initdb when the template is damaged', async () => {
    const bad = join(scratch, 'damaged.tar.gz');
    writeFileSync(bad, 'not a tarball');
    const dir = join(scratch, 'fallback');
    const db = await openPglite(dir, { template: bad });
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await db.close();
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
  });
});
