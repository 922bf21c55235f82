// Channel and personal nudges reach Discord through this sink, over REST (no gateway cache needed). The
// REST client waits out short rate limits itself and rejects long ones (client.ts), which the engine then
// defers. A personal target (`@<user id>`) is posted in the person's DM with the bot. Discord profiles
// carry no time zone, so there is no profileZone: personal nudges use the zone given, else DEFAULT_TZ.
import { Routes, type REST } from 'discord.js';
import { personOf } from '../../src/nudges/schedule.js';
import type { Nudge, NudgeSink, SinkResult } from '../../src/nudges/sink.js';
import { imageOf, Labels } from '../../src/core/present.js';
import type { RoutineImages } from '../../src/images/routine-images.js';
import { DiscordDms } from './dm.js';
import { toSinkFailure } from './errors.js';
import { renderRoutine } from './render.js';

export class DiscordNudgeSink implements NudgeSink {
  readonly platform = 'discord' as const;
  constructor(private readonly rest: REST, private readonly images: RoutineImages, private readonly dms: DiscordDms = new DiscordDms(rest)) {}

  async post(nudge: Nudge): Promise<SinkResult> {
    const image = imageOf(nudge.routine);
    const png = image ? await this.images.png(image.entryId) : null;
    const { allowedMentions, files, ...msg } = renderRoutine(nudge.routine, nudge.subscriptionId, Labels.nudgeIntro, png);
    // Raw REST: a file goes as multipart, named in `attachments` by index (https://discord.com/developers/docs/reference#uploading-files).
    const body = { ...msg, allowed_mentions: { parse: allowedMentions.parse }, ...(files ? { attachments: files.map((f, id) => ({ id, filename: f.name, description: f.description })) } : {}) };
    const person = personOf(nudge.target);
    try {
      const channel = person ? await this.dms.channelOf(person) : nudge.target.channel;
      const res = (await this.rest.post(Routes.channelMessages(channel), {
        body,
        ...(files ? { files: files.map((f) => ({ name: f.name, data: f.attachment, contentType: 'image/png' })) } : {}),
      })) as { id?: string };
      return res.id ? { ok: true, messageRef: res.id } : { ok: true };
    } catch (e) {
      if (person) this.dms.forget(person);
      return { ok: false, failure: toSinkFailure(e) };
    }
  }
}
