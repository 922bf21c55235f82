import { mkdtempSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openYamlCache } from '../../../src/knowledge/yaml-cache.js';

const dir = () => mkdtempSync(join(tmpdir(), 'bb-yaml-'));

describe('YAML cache', () => {
  it('reads back what it parsed, by content', () => {
    const file = join(dir(), 'c.json');
    const a = openYamlCache('t', file);
    expect(a.parse('a: 1\nb: [x, y]')).toEqual({ a: 1, b: ['x', 'y'] });
    a.save();
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { items: Record<string, unknown> };
    expect(Object.values(stored.items)).toEqual([{ a: 1, b: ['x', 'y'] }]);
    expect(openYamlCache('t', file).parse('a: 1\nb: [x, y]')).toEqual({ a: 1, b: ['x', 'y'] });
  });
  it('parses changed text again, and keeps what the last load used first, then older items up to a bound', () => {
    const file = join(dir(), 'c.json');
    const items = () => Object.values((JSON.parse(readFileSync(file, 'utf8')) as { items: object }).items);
    const a = openYamlCache('t', file);
    a.parse('a: 1');
    a.save();
    const b = openYamlCache('t', file);
    expect(b.parse('a: 2')).toEqual({ a: 2 });
    b.save();
    // Another checkout sharing node_modules still finds its version.
    expect(items()).toEqual([{ a: 2 }, { a: 1 }]);
    const many = openYamlCache('t', file);
    for (let i = 0; i < 100; i++) many.parse(`n: ${i}`);
    many.save();
    const c = openYamlCache('t', file);
    c.parse('z: 1');
    c.save();
    expect(items()).toHaveLength(64);
    expect(items()[0]).toEqual({ z: 1 });
    expect(items()).not.toContainEqual({ a: 1 });
  });
  it('ignores a damaged file and still throws on bad YAML', () => {
    const file = join(dir(), 'c.json');
    writeFileSync(file, '{not json');
    const c = openYamlCache('t', file);
    expect(c.parse('a: 1')).toEqual({ a: 1 });
    expect(() => c.parse('a: [1')).toThrow();
  });
  it('never fails when it cannot write', () => {
    const d = dir();
    chmodSync(d, 0o500);
    const c = openYamlCache('t', join(d, 'sub', 'c.json'));
    c.parse('a: 1');
    expect(() => c.save()).not.toThrow();
    chmodSync(d, 0o700);
  });
});
