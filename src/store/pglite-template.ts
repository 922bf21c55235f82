import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { spawn } from 'node:child_process';

/**
 * A new PGlite database runs initdb, which on a 2-core machine takes 4-7 s and about 850 MB of memory
 * (13 s and more while other work runs). A database loaded from a tarball of an empty one takes about
 * 2 s and 370 MB. That tarball, the "template", is made once per install (`npm run build` makes it)
 * and holds nothing but initdb's output: our migrations run after loading, as on any open.
 *
 * Beside it lies the same empty database as a directory, made from the tarball once. A new data
 * directory on disk is a copy of that directory, which PGlite then opens as an existing database: no
 * tarball is unpacked in the process, which saves about 100 MB of resident memory for as long as the
 * server runs (the unpacking's buffers stay with the allocator) and some time. The tarball remains for
 * in-memory databases (tests) and as the fallback when the directory is missing.
 *
 * Both live in node_modules/.cache/backbuddy, named after the PGlite version, because a data directory
 * only opens with the PGlite version that made it: reinstalling or upgrading PGlite leaves the old
 * template behind unused (or removes it with node_modules), never loads it.
 */
export function pgliteTemplatePath(): string | null {
  try {
    const require = createRequire(import.meta.url);
    let dir = dirname(require.resolve('@electric-sql/pglite'));
    for (;;) {
      const manifest = join(dir, 'package.json');
      if (existsSync(manifest)) {
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === '@electric-sql/pglite' && pkg.version) {
          const at = dir.lastIndexOf(`${sep}node_modules${sep}`);
          if (at < 0) return null;
          const nodeModules = dir.slice(0, at + `${sep}node_modules`.length);
          return join(nodeModules, '.cache', 'backbuddy', `pglite-${pkg.version}-empty.tar.gz`);
        }
      }
      if (dirname(dir) === dir) return null;
      dir = dirname(dir);
    }
  } catch {
    return null;
  }
}

/** The template as a directory, beside the tarball at `tarball`. */
export const templateDirOf = (tarball: string): string => tarball.replace(/\.tar\.gz$/, '');

/**
 * Makes the template at `path` (the tarball, then the directory beside it) unless it is there already;
 * returns the tarball's path, or null when there is nowhere to put it. Safe to run from several
 * processes at once: each writes its own file or directory and renames it into place, so a reader sees
 * a whole template or none.
 */
export async function ensurePgliteTemplate(path: string | null = pgliteTemplatePath()): Promise<string | null> {
  if (!path) return null;
  const { PGlite } = await import('@electric-sql/pglite');
  if (!existsSync(path)) {
    const db = new PGlite();
    await db.waitReady;
    const tarball = await db.dumpDataDir('gzip');
    await db.close();
    mkdirSync(dirname(path), { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    try {
      writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
      renameSync(partial, path);
    } finally {
      rmSync(partial, { force: true });
    }
  }
  const dir = templateDirOf(path);
  if (dir !== path && !existsSync(dir)) {
    const partial = `${dir}.${process.pid}.partial`;
    try {
      // Loaded once from the tarball and closed cleanly: a whole database directory at rest.
      const db = new PGlite(partial, { loadDataDir: new Blob([readFileSync(path)]) });
      await db.waitReady;
      await db.close();
      renameSync(partial, dir);
    } catch {
      // Another process put its directory in place first (theirs is as good), or the tarball does not
      // load: then a new store loads the tarball or runs initdb, as it would without the directory.
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  }
  return path;
}

// The copy, as the child process runs it: copy-on-write where the file system can.
const COPY = `const { cpSync, constants } = require('node:fs');
const [from, dir] = process.argv.slice(1);
cpSync(from, dir, { recursive: true, mode: constants.COPYFILE_FICLONE });`;

/**
 * Copies the template directory into the empty `dir`; false when there is no template directory.
 * Whatever a failed copy left is removed. The copy (about 1,000 files, 40 MB: 0.5-1.3 s on two cores)
 * runs in a child process (node -e): on the event loop it held up the terminal chat, which opens the
 * store after its prompt, so a question typed meanwhile waited up to a second for its answer; as async
 * fs calls it would take longer and still need the event loop between files. Not a worker thread: the
 * server's resident memory stayed higher after the worker had exited (its isolate's and its thread's
 * allocations are not all given back to the system): under npm run load, 186-193 MB at start and a
 * peak of 263-269 MB with a worker, 170-173 MB and 212-233 MB with a child process (alternated runs).
 */
export function copyTemplateDir(tarball: string, dir: string): Promise<boolean> {
  const from = templateDirOf(tarball);
  if (from === tarball || !existsSync(join(from, 'PG_VERSION'))) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    const child = spawn(process.execPath, ['-e', COPY, from, dir], { stdio: 'ignore', windowsHide: true });
    // A child that cannot start is reported by 'error' (and maybe no 'close'); one that fails exits non-zero.
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  }).then((copied) => {
    if (!copied) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    }
    return copied;
  });
}
