import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let loaded: Yaml | undefined;

/**
 * The yaml package, loaded at first use: a cold start that finds every file in the YAML cache
 * (yaml-cache.ts) never parses YAML, and loading the package costs ~40 ms of it. Required (its
 * CommonJS build, the one `import` also gets on Node) so that loading stays synchronous.
 */
export const yaml = (): Yaml => (loaded ??= createRequire(import.meta.url)('yaml') as Yaml);
