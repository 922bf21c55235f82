// Rendering the illustrations to PNG with resvg, cached by content under a folder (DATA_DIR/images in production).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRoutineImages, PNG_WIDTH } from '../../../src/images/routine-images.js';
import { defaultKnowledgeDir } from '../../../src/knowledge/paths.js';

const root = mkdtempSync(join(tmpdir(), 'backbuddy-png-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const warnings: Array<Record<string, unknown>> = [];
const log = { warn: (o: Record<string, unknown>) => void warnings.push(o) } as never;
const images = (cacheDir: string, knowledgeDir = defaultKnowledgeDir(), ids = ['stretch-glute-bridge']) =>
  createRoutineImages({ knowledgeDir, cacheDir, entryIds: ids, log });

describe('routine images', () => {
  it('renders a PNG 800 px wide at first use and reads it from the cache after', async () => {
    const cache = join(root, 'cache');
    const first = await images(cache).png('stretch-glute-bridge');
    expect(first).not.toBeNull();
    expect(first!.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect([first!.width, first!.height]).toEqual([PNG_WIDTH, 600]);
    expect(first!.name).toBe('stretch-glute-bridge.png');
    expect(first!.path.startsWith(cache)).toBe(true);
    const mtime = statSync(first!.path).mtimeMs;
    // A new process (a new instance) finds the file and does not render again.
    const again = await images(cache).png('stretch-glute-bridge');
    expect(again!.path).toBe(first!.path);
    expect(statSync(first!.path).mtimeMs).toBe(mtime);
    expect(Buffer.compare(again!.bytes, first!.bytes)).toBe(0);
  });

  it('renders once for concurrent first uses in one process', async () => {
    const svc = images(join(root, 'concurrent'));
    const all = await Promise.all([svc.png('stretch-glute-bridge'), svc.png('stretch-glute-bridge'), svc.png('stretch-glute-bridge')]);
    expect(new Set(all)).toEqual(new Set([all[0]]));
  });

  it('keys the cache by content, so a redrawn image is rendered again', async () => {
    const kdir = join(root, 'knowledge');
    mkdirSync(join(kdir, 'images'), { recursive: true });
    const src = join(defaultKnowledgeDir(), 'images', 'stretch-glute-bridge.svg');
    cpSync(src, join(kdir, 'images', 'stretch-glute-bridge.svg'));
    const cache = join(root, 'redrawn');
    const before = await images(cache, kdir).png('stretch-glute-bridge');
    writeFileSync(join(kdir, 'images', 'stretch-glute-bridge.svg'), readFileSync(src, 'utf8').replace('#5C7388', '#5C7389'));
    const after = await images(cache, kdir).png('stretch-glute-bridge');
    expect(after!.key).not.toBe(before!.key);
    expect(after!.path).not.toBe(before!.path);
  });

  it('gives null, never an error, for an entry without an illustration, a missing file or a broken one', async () => {
    const kdir = join(root, 'broken');
    mkdirSync(join(kdir, 'images'), { recursive: true });
    writeFileSync(join(kdir, 'images', 'stretch-x.svg'), '<svg this is not svg');
    const svc = images(join(root, 'broken-cache'), kdir, ['stretch-x', 'stretch-gone', '../etc/passwd']);
    expect(await svc.png('heat-or-ice')).toBeNull();
    expect(svc.svgPath('heat-or-ice')).toBeNull();
    expect(svc.svgPath('../etc/passwd')).toBeNull();
    expect(await svc.png('stretch-gone')).toBeNull();
    expect(await svc.png('stretch-x')).toBeNull();
    expect(warnings.map((w) => w.code)).toEqual(['image_missing', 'image_render_failed']);
  });
});
