import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyTemplateDir, ensurePgliteTemplate, pgliteTemplatePath, templateDirOf } from '../../../src/store/pglite-template.js';
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

  it('has the empty database as a directory too, which a new data directory on disk is a copy of', async () => {
    const tarball = pgliteTemplatePath()!;
    expect(existsSync(join(templateDirOf(tarball), 'PG_VERSION'))).toBe(true);
    // Without its tarball, the directory alone still gives a new data directory its database.
    cpSync(templateDirOf(tarball), join(scratch, 'dir-only'), { recursive: true });
    const dir = join(scratch, 'from-dir');
    const db = await openPglite(dir, { template: join(scratch, 'dir-only.tar.gz') });
    await db.exec('CREATE TABLE t (x integer); INSERT INTO t VALUES (7)');
    expect((await db.query<{ x: number }>('SELECT x FROM t')).rows).toEqual([{ x: 7 }]);
    await db.close();
    // The template itself is left as it was.
    expect(readdirSync(join(scratch, 'dir-only')).sort()).toEqual(readdirSync(templateDirOf(tarball)).sort());
  });

  it('copies the template directory in a child process, and says when there is none to copy', async () => {
    const tarball = pgliteTemplatePath()!;
    const dir = join(scratch, 'copied');
    expect(await copyTemplateDir(tarball, dir)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(readdirSync(templateDirOf(tarball)).sort());
    expect(await copyTemplateDir(join(scratch, 'no-such-template.tar.gz'), join(scratch, 'not-copied'))).toBe(false);
    expect(existsSync(join(scratch, 'not-copied'))).toBe(false);
  });

  it('falls back to initdb when the template is damaged', async () => {
    const bad = join(scratch, 'damaged.tar.gz');
    writeFileSync(bad, 'not a tarball');
    // and its directory holds no database PGlite can open
    mkdirSync(join(scratch, 'damaged'));
    writeFileSync(join(scratch, 'damaged', 'PG_VERSION'), 'not a version');
    const dir = join(scratch, 'fallback');
    const db = await openPglite(dir, { template: bad });
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await db.close();
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
  });
});
