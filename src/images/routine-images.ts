// Routine illustrations as PNG, for the platforms (Slack and Discord show PNG, not SVG). Each SVG is
// rendered at its first use with resvg, and the PNG is cached under DATA_DIR/images, named after the
// SVG's content hash, so an edited drawing is rendered again and an unchanged one never is. resvg is
// imported only here, on the first render: ask, tip and kb never load it.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { imagePath } from '../knowledge/images.js';

/** A rendered illustration. `key` changes whenever the drawing does (upload caches use it). */
export type RoutinePng = { entryId: string; path: string; name: string; key: string; bytes: Buffer; width: number; height: number };

export type RoutineImages = {
  /** The SVG of a routine's illustration (the terminal prints it), or null when it has none. */
  svgPath(entryId: string): string | null;
  /** The PNG, rendered once and then read from the cache; null when there is no illustration or it cannot be rendered. */
  png(entryId: string): Promise<RoutinePng | null>;
};

/** 800 px wide: sharp at the 400 px Slack and Discord show, and on high-density screens. */
export const PNG_WIDTH = 800;
const ENTRY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export type RoutineImagesOptions = {
  knowledgeDir: string;
  /** Where PNGs are cached: `${DATA_DIR}/images`. */
  cacheDir: string;
  /** Entry ids that have an illustration (the stretch routines). */
  entryIds: Iterable<string>;
  log: Pick<Logger, 'warn'>;
};

export async function renderSvgToPng(svg: string, width = PNG_WIDTH): Promise<{ bytes: Buffer; width: number; height: number }> {
  const { Resvg } = await import('@resvg/resvg-js');
  // loadSystemFonts: false — the drawings hold no text, and scanning fonts costs time on every render.
  const rendered = new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: false } }).render();
  return { bytes: rendered.asPng(), width: rendered.width, height: rendered.height };
}

/** PNG size from its IHDR chunk (cached files are not decoded). */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || bytes.readUInt32BE(0) !== 0x89504e47) return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export function createRoutineImages(o: RoutineImagesOptions): RoutineImages {
  const known = new Set(o.entryIds);
  const pending = new Map<string, Promise<RoutinePng | null>>();
  const svgPath = (entryId: string) => (known.has(entryId) && ENTRY_ID.test(entryId) ? imagePath(o.knowledgeDir, entryId) : null);

  async function load(entryId: string, svgFile: string): Promise<RoutinePng | null> {
    let svg: string;
    try {
      svg = await readFile(svgFile, 'utf8');
    } catch {
      o.log.warn({ code: 'image_missing', entryId }, 'image_missing');
      return null;
    }
    const key = createHash('sha256').update(svg).digest('hex').slice(0, 16);
    const name = `${entryId}.png`;
    const path = join(o.cacheDir, `${entryId}-${key}.png`);
    try {
      const bytes = await readFile(path);
      const size = pngSize(bytes);
      if (size) return { entryId, path, name, key, bytes, ...size };
    } catch {
      // Not cached yet.
    }
    try {
      const png = await renderSvgToPng(svg);
      await mkdir(o.cacheDir, { recursive: true });
      // Written under a temporary name and renamed, so a crash or a second replica never leaves half a PNG.
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, png.bytes);
      await rename(tmp, path);
      return { entryId, path, name, key, ...png };
    } catch (e) {
      o.log.warn({ code: 'image_render_failed', entryId, reason: (e as Error).name }, 'image_render_failed');
      return null;
    }
  }

  return {
    svgPath,
    png(entryId) {
      const file = svgPath(entryId);
      if (!file) return Promise.resolve(null);
      let p = pending.get(entryId);
      if (!p) {
        p = load(entryId, file);
        pending.set(entryId, p);
        // A failure is tried again on the next use (the cache folder may become writable).
        void p.then((r) => { if (!r) pending.delete(entryId); });
      }
      return p;
    },
  };
}
