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

const edges = (dir: string) =>
  files(join(root, dir)).flatMap((f) => imports(f).map((spec) => ({ from: relative(root, f), spec, target: spec.startsWith('.') ? relative(root, join(f, '..', spec)) : spec })));

/** Every file of the project (source, docs, content, config), not installed or built ones. */
function projectFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    if (['node_modules', 'dist', '.git', 'data', 'coverage'].includes(f)) return [];
    const p = join(dir, f);
    return statSync(p).isDirectory() ? projectFiles(p) : [p];
  });
}

describe('the repository', () => {
  it('refers to nothing outside itself: no path up into a "shared" folder next to it (its content is in docs/ and knowledge/README.md)', () => {
    const outside = ['..', 'shared'].join('/'); // spelt in two parts so this file does not match itself
    const bad = projectFiles(root).filter((f) => readFileSync(f, 'utf8').includes(outside)).map((f) => relative(root, f));
    expect(bad).toEqual([]);
  });
});

describe('architecture', () => {
  it('keeps platform packages out of src/', () => {
    const bad = edges('src').filter((e) => /^(@slack\/|discord\.js|@discordjs\/)/.test(e.spec));
    expect(bad).toEqual([]);
  });

  it('keeps src/ from importing adapters', () => {
    const bad = edges('src').filter((e) => e.target.startsWith('adapters'));
    expect(bad).toEqual([]);
  });

  it('keeps the knowledge layer independent of storage', () => {
    const bad = edges('src/knowledge').filter((e) => e.target.startsWith('src/store'));
    expect(bad).toEqual([]);
  });

  it('keeps each adapter from importing another', () => {
    const adapters = readdirSync(join(root, 'adapters')).filter((d) => statSync(join(root, 'adapters', d)).isDirectory());
    const bad = adapters.flatMap((a) => edges(`adapters/${a}`).filter((e) => e.target.startsWith('adapters/') && !e.target.startsWith(`adapters/${a}`)));
    expect(bad).toEqual([]);
  });
});
