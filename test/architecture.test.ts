import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The boundary rules of docs/architecture.md, read from the import statements themselves.
const root = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1] ?? m[2] ?? '');
  return out;
}

type Edge = { from: string; spec: string; target: string };

/** Import edges of every .ts file under `dir`; a folder without a single import means the reader is broken, not that the rules hold. */
function edges(dir: string): Edge[] {
  const found = files(join(root, dir)).flatMap((f) => imports(f).map((spec) => ({
    from: relative(root, f),
    spec,
    target: spec.startsWith('.') ? relative(root, join(f, '..', spec)).replace(/\.js$/, '.ts') : spec,
  })));
  if (found.length === 0) throw new Error(`${dir}: no imports found; the import reader is broken or the folder moved`);
  return found;
}

/** Every file of the project (source, docs, content, config), not installed or built ones. */
function projectFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    if (['node_modules', 'dist', '.git', 'data', 'coverage'].includes(f)) return [];
    const p = join(dir, f);
    return statSync(p).isDirectory() ? projectFiles(p) : [p];
  });
}

const code = ['src', 'adapters', 'app'];

describe('the repository', () => {
  it('refers to nothing outside itself: no path up into a "shared" folder next to it (its content is in docs/ and knowledge/README.md)', () => {
    const outside = ['..', 'shared'].join('/'); // spelt in two parts so this file does not match itself
    const bad = projectFiles(root).filter((f) => readFileSync(f, 'utf8').includes(outside)).map((f) => relative(root, f));
    expect(bad).toEqual([]);
  });
});

describe('architecture', () => {
  it('reads imports from every folder it checks', () => {
    const adapters = readdirSync(join(root, 'adapters')).map((d) => `adapters/${d}`);
    for (const dir of [...code, ...adapters, 'src/nudges', 'src/store', 'src/adapter-kit']) expect(edges(dir).length).toBeGreaterThan(0);
  });

  it('keeps platform packages out of src/', () => {
    const bad = edges('src').filter((e) => /^(@slack\/|discord\.js|@discordjs\/)/.test(e.spec));
    expect(bad).toEqual([]);
  });

  it('keeps src/ from importing adapters or app/', () => {
    const bad = edges('src').filter((e) => e.target.startsWith('adapters') || e.target.startsWith('app/'));
    expect(bad).toEqual([]);
  });

  it('keeps the knowledge layer independent of storage', () => {
    const bad = edges('src/knowledge').filter((e) => e.target.startsWith('src/store'));
    expect(bad).toEqual([]);
  });

  it('keeps adapters away from the store and from app/: they get services (src/adapter-kit/services.ts)', () => {
    const bad = edges('adapters').filter((e) => e.target.startsWith('src/store') || e.target.startsWith('app/'));
    expect(bad).toEqual([]);
  });

  it('keeps each adapter from importing another', () => {
    const adapters = readdirSync(join(root, 'adapters')).filter((d) => statSync(join(root, 'adapters', d)).isDirectory());
    expect(adapters).toEqual(expect.arrayContaining(['slack', 'discord']));
    const bad = adapters.flatMap((a) => edges(`adapters/${a}`).filter((e) => e.target.startsWith('adapters/') && !e.target.startsWith(`adapters/${a}/`)));
    expect(bad).toEqual([]);
  });

  it('lets only app/ know every adapter (and only by dynamic import, so one platform never loads the other)', () => {
    const appEdges = edges('app').filter((e) => e.target.startsWith('adapters/'));
    expect(appEdges.length).toBeGreaterThan(0);
    const src = readFileSync(join(root, 'app/platforms.ts'), 'utf8');
    expect(src).not.toMatch(/^import [^(]*from '\.\.\/adapters\//m);
  });

  it('has no import cycles between files (the store takes the nudge schedule types; nudges never need the store to define them)', () => {
    const graph = new Map<string, string[]>();
    for (const e of code.flatMap(edges)) if (e.spec.startsWith('.')) graph.set(e.from, [...(graph.get(e.from) ?? []), e.target]);
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') return void cycles.push([...path.slice(path.indexOf(f)), f].join(' → '));
      state.set(f, 'open');
      for (const t of graph.get(f) ?? []) visit(t, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of graph.keys()) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('keeps src/nudges/schedule.ts free of store imports', () => {
    expect(edges('src/nudges').filter((e) => e.from === 'src/nudges/schedule.ts')).toEqual([]);
  });
});
