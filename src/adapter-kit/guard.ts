// The one catch point each adapter wraps its handlers in: it logs a code (never message text, user
// names or tokens) and, when the failure was ours rather than the platform refusing a post, sends a
// polite fallback. Each adapter supplies how to name a platform error.
import type { Logger } from 'pino';

export const FALLBACK_TEXT = 'Sorry, something went wrong on my side. Please try again in a minute.';

export type Guard = {
  /** `platform`: the log prefix (slack, discord). `errorCode`: the platform's error name, or 'unexpected' for our own bugs. */
  platform: string;
  errorCode: (e: unknown) => string;
  log: Logger;
};

export async function guarded(g: Guard, what: string, work: () => Promise<void>, fallback?: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (e) {
    const code = g.errorCode(e);
    const aborted = (e as { name?: string } | null)?.name === 'AbortError';
    g.log.warn({ code: `${g.platform}_${what}_failed`, [`${g.platform}Error`]: aborted ? 'shutdown' : code }, `${g.platform}_${what}_failed`);
    // A platform error means posting itself failed: a fallback post would fail the same way.
    if (!fallback || aborted || code !== 'unexpected') return;
    try {
      await fallback();
    } catch (e2) {
      g.log.warn({ code: `${g.platform}_fallback_failed`, [`${g.platform}Error`]: g.errorCode(e2) }, `${g.platform}_fallback_failed`);
    }
  }
}
