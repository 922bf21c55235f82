// The adapter's one catch point: every handler runs through `guarded`, which logs a code (never message
// text, user names or tokens) and, when the failure was ours rather than Slack refusing a post, sends a
// polite fallback.
import type { Logger } from 'pino';
import { renderNotice } from './render.js';
import type { SlackMessage } from './blocks.js';
import { slackErrorCode } from './errors.js';

export const FALLBACK_MESSAGE: SlackMessage = renderNotice('Sorry, something went wrong on my side. Please try again in a minute.');

export type Fallback = (msg: SlackMessage) => Promise<unknown>;

export async function guarded(log: Logger, what: string, work: () => Promise<void>, fallback?: Fallback): Promise<void> {
  try {
    await work();
  } catch (e) {
    const slackError = slackErrorCode(e);
    const aborted = (e as { name?: string } | null)?.name === 'AbortError';
    log.warn({ code: `slack_${what}_failed`, slackError: aborted ? 'shutdown' : slackError }, `slack_${what}_failed`);
    // A Slack error means posting itself failed: a fallback post would fail the same way.
    if (!fallback || aborted || slackError !== 'unexpected') return;
    try {
      await fallback(FALLBACK_MESSAGE);
    } catch (e2) {
      log.warn({ code: 'slack_fallback_failed', slackError: slackErrorCode(e2) }, 'slack_fallback_failed');
    }
  }
}
