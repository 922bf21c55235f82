// Channel nudges reach Slack through this sink; the engine decides when to post, retry or give up.
import type { webApi } from '@slack/bolt';
import type { Nudge, NudgeSink, SinkResult } from '../../src/nudges/sink.js';
import { toSinkFailure } from './errors.js';
import { Labels } from '../../src/core/present.js';
import { renderRoutine } from './render.js';

export class SlackNudgeSink implements NudgeSink {
  readonly platform = 'slack' as const;
  constructor(private readonly client: webApi.WebClient) {}

  async post(nudge: Nudge): Promise<SinkResult> {
    const msg = renderRoutine(nudge.routine, nudge.subscriptionId, Labels.nudgeIntro);
    try {
      const res = await this.client.chat.postMessage({ channel: nudge.target.channel, ...msg, unfurl_links: false, unfurl_media: false });
      return res.ts ? { ok: true, messageRef: res.ts } : { ok: true };
    } catch (e) {
      return { ok: false, failure: toSinkFailure(e) };
    }
  }
}
