// Posting replies into channels and threads. The WebClient is built with rejectRateLimitedCalls, because
// its default on HTTP 429 is to pause its *whole* request queue for retry-after seconds, which would stall
// every other conversation. Here a rate-limited reply waits on its own and is tried once more.
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { SlackMessage } from './blocks.js';
import { toSinkFailure } from './errors.js';
import type { ReplyPlace } from './translate.js';
import type { SlackClients } from './clients.js';

/** Longer waits than this are not worth it for a chat reply: the person has moved on. */
const MAX_REPLY_WAIT_MS = 10_000;

export class ReplyPoster {
  private readonly stopping = new AbortController();
  constructor(private readonly clients: SlackClients, private readonly log: Logger) {}

  /** Posts as the bot of workspace `team` (its own token when installed through OAuth). */
  async post(team: string, place: ReplyPlace, msg: SlackMessage): Promise<void> {
    const client = await this.clients.forTeam(team);
    if (!client) throw new Error('the workspace is not installed');
    const args = {
      channel: place.channel,
      ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
      text: msg.text,
      // The Web API takes form fields, so the client JSON-encodes an array of blocks itself; before that
      // it walks the whole tree twice (a redacted copy for a debug line it builds whatever the log level,
      // and that copy's JSON). A string it sends as it is: the same bytes reach Slack for less work.
      blocks: JSON.stringify(msg.blocks),
      unfurl_links: false,
      unfurl_media: false,
    };
    try {
      await client.chat.postMessage(args);
    } catch (e) {
      const failure = toSinkFailure(e);
      if (failure.kind !== 'rate_limited' || failure.retryAfterMs > MAX_REPLY_WAIT_MS) throw e;
      this.log.info({ code: 'slack_reply_rate_limited', retryAfterMs: failure.retryAfterMs }, 'slack_reply_rate_limited');
      await delay(failure.retryAfterMs, undefined, { signal: this.stopping.signal });
      await client.chat.postMessage(args);
    }
  }

  /** Cancels waits for a retry (on shutdown). */
  stop(): void {
    this.stopping.abort();
  }
}

