// Channel and personal nudges reach Slack through this sink; the engine decides when to post, retry or
// give up. A personal target (`@U123`) is posted in the person's DM with the bot.
import type { webApi } from '@slack/bolt';
import { personOf } from '../../src/nudges/schedule.js';
import type { Nudge, NudgeSink, ProfileZone, SinkResult } from '../../src/nudges/sink.js';
import { slackErrorCode, toSinkFailure } from './errors.js';
import { imageOf, Labels } from '../../src/core/present.js';
import { SlackPeopleDirectory } from './people.js';
import { renderRoutine } from './render.js';
import { singleWorkspace, type SlackClients } from './clients.js';
import type { SlackImages } from './images.js';

export class SlackNudgeSink implements NudgeSink {
  readonly platform = 'slack' as const;
  private readonly clients: SlackClients;
  private readonly people: SlackPeopleDirectory;
  /** One client (SLACK_BOT_TOKEN), or each workspace's own (OAuth installs). */
  constructor(client: webApi.WebClient | SlackClients, private readonly images: SlackImages, people?: SlackPeopleDirectory) {
    this.clients = 'forTeam' in client ? client : singleWorkspace(client);
    this.people = people ?? new SlackPeopleDirectory(this.clients);
  }

  async post(nudge: Nudge): Promise<SinkResult> {
    const person = personOf(nudge.target);
    try {
      const client = await this.clients.forTeam(nudge.target.workspace);
      // Uninstalled meanwhile: the uninstall event disables its subscriptions too; this covers the gap.
      if (!client) return { ok: false, failure: { kind: 'permanent', code: 'not_installed', message: 'the app is not installed in this workspace' } };
      const channel = person ? await this.people.of(client).dmChannel(person) : nudge.target.channel;
      const image = await this.images.forView(nudge.target.workspace, imageOf(nudge.routine));
      const send = (withImage: boolean) => client.chat.postMessage({
        channel, unfurl_links: false, unfurl_media: false,
        ...renderRoutine(nudge.routine, nudge.subscriptionId, Labels.nudgeIntro, withImage ? image : null),
      });
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
      if (person) this.people.forgetEverywhere(person);
      return { ok: false, failure: toSinkFailure(e) };
    }
  }

  async profileZone(workspace: string, user: string): Promise<ProfileZone> {
    const people = await this.people.forTeam(workspace);
    return people ? people.profileZone(user) : { kind: 'gone', code: 'not_installed' };
  }
}
