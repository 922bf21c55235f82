// Channel nudges reach Slack through this sink; the engine decides when to post, retry or give up.
import type { webApi } from '@slack/bolt';
import type { Nudge, NudgeSink, SinkResult } from '../../src/nudges/sink.js';
import { slackErrorCode, toSinkFailure } from './errors.js';
import { imageOf, Labels } from '../../src/core/present.js';
import { renderRoutine } from './render.js';
import type { SlackImages } from './images.js';

export class SlackNudgeSink implements NudgeSink {
  readonly platform = 'slack' as const;
  constructor(private readonly client: webApi.WebClient, private readonly images: SlackImages) {}

  async post(nudge: Nudge): Promise<SinkResult> {
    const image = await this.images.forView(nudge.target.workspace, imageOf(nudge.routine));
    const send = (withImage: boolean) => this.client.chat.postMessage({
      channel: nudge.target.channel, unfurl_links: false, unfurl_media: false,
      ...renderRoutine(nudge.routine, nudge.subscriptionId, Labels.nudgeIntro, withImage ? image : null),
    });
    try {
      let res;
      try {
        res = await send(image !== null);
      } catch (e) {
        // Slack refuses the whole message when it cannot show a file (deleted, or not processed yet):
        // the routine matters more than its picture, so it goes again without it.
        if (!image || slackErrorCode(e) !== 'invalid_blocks') throw e;
        await this.images.forget(nudge.target.workspace, imageOf(nudge.routine));
        res = await send(false);
      }
      return res.ts ? { ok: true, messageRef: res.ts } : { ok: true };
    } catch (e) {
      return { ok: false, failure: toSinkFailure(e) };
    }
  }
}
