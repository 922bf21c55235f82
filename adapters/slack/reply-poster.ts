// Posting replies into channels and threads. The WebClient is built with rejectRateLimitedCalls, because
// its default on HTTP 429 is to pause its *whole* request queue for retry-after seconds, which would stall
// every other conversation. Here a rate-limited reply waits on its own and is tried once more.
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { SlackMessage } from './blocks.js';
import { toSinkFailure } from './errors.js';
import type { ReplyPlace } from './translate.js';
import type { SlackClients } from './clients.js';
import { callJson, type RetryConfig } from './transport.js';

/** Longer waits than this are not worth it for a chat reply: the person has moved on. */
const MAX_REPLY_WAIT_MS = 10_000;

export class ReplyPoster {
  private readonly stopping = new AbortController();
  constructor(private readonly clients: SlackClients, private readonly log: Logger, private readonly retry?: RetryConfig) {}

  /** Posts as the bot of workspace `team` (its own token when installed through OAuth). */
  async post(team: string, place: ReplyPlace, msg: SlackMessage): Promise<void> {
    const client = await this.clients.forTeam(team);
    if (!client) throw new Error('the workspace is not installed');
    const args = {
      channel: place.channel,
      ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
      text: msg.text,
      blocks: msg.blocks,
      unfurl_links: false,
      unfurl_media: false,
    };
    // A JSON body rather than the client's form encoding (callJson says why): an answer's blocks are its bulk.
    const send = () => callJson(client, 'chat.postMessage', args, this.retry ? { retry: this.retry } : {});
    try {
      await send();
    } catch (e) {
      const failure = toSinkFailure(e);
      if (failure.kind !== 'rate_limited' || failure.retryAfterMs > MAX_REPLY_WAIT_MS) throw e;
      this.log.info({ code: 'slack_reply_rate_limited', retryAfterMs: failure.retryAfterMs }, 'slack_reply_rate_limited');
      await delay(failure.retryAfterMs, undefined, { signal: this.stopping.signal });
      await send();
    }
  }

  /** Cancels waits for a retry (on shutdown). */
  stop(): void {
    this.stopping.abort();
  }
}

