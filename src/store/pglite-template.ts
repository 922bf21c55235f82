import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

/**
 * A new PGlite database runs initdb, which on a 2-core machine takes 4-7 s and about 850 MB of memory
 * (13 s and more while other work runs). A database loaded from a tarball of an empty one takes about
 * 2 s and 370 MB. That tarball, the "template", is made once per install (`npm run build` makes it)
 * and holds nothing but initdb's output: our migrations run after loading, as on any open.
 *
 * It lives in node_modules/.cache/backbuddy, named after the PGlite version, because a data directory
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

/**
 * Makes the template at `path` unless it is there already; returns the path, or null when there is
 * nowhere to put it. Safe to run from several processes at once: each writes its own file and renames
 * it into place, so a reader sees a whole template or none.
 */
export async function ensurePgliteTemplate(path: string | null = pgliteTemplatePath()): Promise<string | null> {
  if (!path) return null;
  if (existsSync(path)) return path;
  const { PGlite } = await import('@electric-sql/pglite');
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
  return path;
}
