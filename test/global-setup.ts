// Runs once per `vitest run`, before any test file: makes sure the PGlite template exists, so each test
// that opens a new PGlite store (in this process or in a spawned `backbuddy`) loads it in about 2 s
// instead of running initdb (4-7 s and 850 MB each; several at once on 2 cores made tests time out).
// `npm run build` normally made it already; this covers `npx vitest` straight after a clean install.
import { ensurePgliteTemplate } from '../src/store/pglite-template.js';

export default async function setup(): Promise<void> {
  const path = await ensurePgliteTemplate();
  if (!path) console.warn('PGlite template: no node_modules/.cache to keep it in; each new PGlite store runs initdb (slower)');
}
