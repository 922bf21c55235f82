// Channel nudges reach Slack through this sink; the engine decides when to post, retry or give up.
import type { webApi } from '@slack/bolt';
import type { Nudge, NudgeSink, SinkResult } from '../../src/nudges/sink.js';
import { toSinkFailure } from './errors.js';
import { Labels } from '../../src/core/present.js';
import { renderRoutine } from './render.js';
import { singleWorkspace, type SlackClients } from './clients.js';

export class SlackNudgeSink implements NudgeSink {
  readonly platform = 'slack' as const;
  private readonly clients: SlackClients;
  /** One client (SLACK_BOT_TOKEN), or each workspace's own (OAuth installs). */
  constructor(client: webApi.WebClient | SlackClients) {
    this.clients = 'forTeam' in client ? client : singleWorkspace(client);
  }

  async post(nudge: Nudge): Promise<SinkResult> {
    const msg = renderRoutine(nudge.routine, nudge.subscriptionId, Labels.nudgeIntro);
    try {
      const client = await this.clients.forTeam(nudge.target.workspace);
      // Uninstalled meanwhile: the uninstall event disables its subscriptions too; this covers the gap.
      if (!client) return { ok: false, failure: { kind: 'permanent', code: 'not_installed', message: 'the app is not installed in this workspace' } };
      const res = await client.chat.postMessage({ channel: nudge.target.channel, ...msg, unfurl_links: false, unfurl_media: false });
      return res.ts ? { ok: true, messageRef: res.ts } : { ok: true };
    } catch (e) {
      return { ok: false, failure: toSinkFailure(e) };
    }
  }
}
