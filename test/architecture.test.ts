import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The boundary rules of shared/style.md, read from the import statements themselves.
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
