// The terminal cannot show a picture, so it names the file: the SVG of a stretch routine's illustration.
import { existsSync } from 'node:fs';
import type { KnowledgeBase } from '../knowledge/load.js';
import { imagePath } from '../knowledge/images.js';
import { imageOf } from '../core/present.js';
import type { Reply } from '../core/reply-schema.js';

export type PicturePath = (entryId: string) => string | null;

/** Entry id → the illustration's path, for stretch routines whose file is there; null otherwise. */
export function picturePaths(kb: KnowledgeBase): PicturePath {
  return (entryId) => {
    if (kb.byId.get(entryId)?.kind !== 'stretch') return null;
    const path = imagePath(kb.dir, entryId);
    return existsSync(path) ? path : null;
  };
}

/** "Picture: <path>" for a reply that shows a routine, or null (every other reply, or no file). */
export function pictureLine(reply: Reply, picture: PicturePath): string | null {
  const image = reply.kind === 'answer' ? imageOf(reply) : null;
  const path = image ? picture(image.entryId) : null;
  return path ? `Picture: ${path}` : null;
}
