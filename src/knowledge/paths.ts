import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The knowledge folder shipped with the package. Found by walking up from this file, so it works
 * from src/ (tests) and from dist/src/ (the built CLI) alike.
 */
export function defaultKnowledgeDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'knowledge');
    if (existsSync(join(candidate, 'tags.yaml'))) return candidate;
    dir = dirname(dir);
  }
  return resolve('knowledge');
}
