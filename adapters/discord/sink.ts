// Channel nudges reach Discord through this sink, over REST (no gateway cache needed). The REST client
// waits out short rate limits itself and rejects long ones (client.ts), which the engine then defers.
import { Routes, type REST } from 'discord.js';
import type { Nudge, NudgeSink, SinkResult } from '../../src/nudges/sink.js';
import { Labels } from '../../src/core/present.js';
import { toSinkFailure } from './errors.js';
import { renderRoutine } from './render.js';

export class DiscordNudgeSink implements NudgeSink {
  readonly platform = 'discord' as const;
  constructor(private readonly rest: REST) {}

  async post(nudge: Nudge): Promise<SinkResult> {
    const { allowedMentions, ...msg } = renderRoutine(nudge.routine, nudge.subscriptionId, Labels.nudgeIntro);
    try {
      const res = (await this.rest.post(Routes.channelMessages(nudge.target.channel), { body: { ...msg, allowed_mentions: { parse: allowedMentions.parse } } })) as { id?: string };
      return res.id ? { ok: true, messageRef: res.id } : { ok: true };
    } catch (e) {
      return { ok: false, failure: toSinkFailure(e) };
    }
  }
}
