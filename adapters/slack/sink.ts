// Channel and personal nudges reach Slack through this sink; the engine decides when to post, retry or
// give up. A personal target (`@U123`) is posted in the person's DM with the bot.
import type { webApi } from '@slack/bolt';
import { personOf } from '../../src/nudges/schedule.js';
import type { Nudge, NudgeSink, ProfileZone, SinkResult } from '../../src/nudges/sink.js';
import { toSinkFailure } from './errors.js';
import { Labels } from '../../src/core/present.js';
import { SlackPeople } from './people.js';
import { renderRoutine } from './render.js';

export class SlackNudgeSink implements NudgeSink {
  readonly platform = 'slack' as const;
  constructor(private readonly client: webApi.WebClient, private readonly people: SlackPeople = new SlackPeople(client)) {}

  async post(nudge: Nudge): Promise<SinkResult> {
    const msg = renderRoutine(nudge.routine, nudge.subscriptionId, Labels.nudgeIntro);
    const person = personOf(nudge.target);
    try {
      const channel = person ? await this.people.dmChannel(person) : nudge.target.channel;
      const res = await this.client.chat.postMessage({ channel, ...msg, unfurl_links: false, unfurl_media: false });
      return res.ts ? { ok: true, messageRef: res.ts } : { ok: true };
    } catch (e) {
      if (person) this.people.forget(person);
      return { ok: false, failure: toSinkFailure(e) };
    }
  }

  profileZone(_workspace: string, user: string): Promise<ProfileZone> {
    // One bot token, one workspace: the workspace is the token's.
    return this.people.profileZone(user);
  }
}
