// A person's DM with the bot and their profile zone, for personal nudges. Slack words only; what the
// answers mean is src/nudges (ProfileZone, SinkFailure).
import type { SlackClients } from './clients.js';
import type { webApi } from '@slack/bolt';
import type { ProfileZone } from '../../src/nudges/sink.js';
import { slackErrorCode } from './errors.js';

// users.info answers these when the person cannot be reached any more (left, deactivated, or hidden
// from the bot). https://docs.slack.dev/reference/methods/users.info#errors
const GONE = new Set(['user_not_found', 'user_not_visible', 'account_inactive', 'user_disabled']);

export class SlackPeople {
  /** DM channel per user: conversations.open is idempotent, the cache only saves a call per nudge. */
  private readonly dms = new Map<string, string>();
  constructor(private readonly client: webApi.WebClient) {}

  /** The DM channel id with `user` (conversations.open); throws Slack's error (cannot_dm_bot, user_not_found…). */
  async dmChannel(user: string): Promise<string> {
    const known = this.dms.get(user);
    if (known) return known;
    const res = await this.client.conversations.open({ users: user, return_im: false });
    const id = res.channel?.id;
    if (!id) throw Object.assign(new Error('conversations.open returned no channel'), { code: 'slack_webapi_platform_error', data: { error: 'channel_not_found' } });
    this.dms.set(user, id);
    return id;
  }

  /** Forget a DM channel that failed, so the next post opens it again. */
  forget(user: string): void {
    this.dms.delete(user);
  }

  /** The zone of the person's Slack profile (`users.info` `user.tz`, an IANA name). */
  async profileZone(user: string): Promise<ProfileZone> {
    try {
      const res = await this.client.users.info({ user });
      if (res.user?.deleted) return { kind: 'gone', code: 'account_inactive' };
      return { kind: 'found', tz: typeof res.user?.tz === 'string' ? res.user.tz : null };
    } catch (e) {
      const code = slackErrorCode(e);
      return GONE.has(code) ? { kind: 'gone', code } : { kind: 'unavailable', code };
    }
  }
}

/** The SlackPeople of each workspace: its own bot token when installed through OAuth, else the one client. */
export class SlackPeopleDirectory {
  private readonly byClient = new Map<webApi.WebClient, SlackPeople>();
  constructor(private readonly clients: SlackClients) {}

  /** The people of the workspace, or null when it is not installed. */
  async forTeam(team: string): Promise<SlackPeople | null> {
    const client = await this.clients.forTeam(team);
    return client ? this.of(client) : null;
  }

  of(client: webApi.WebClient): SlackPeople {
    let people = this.byClient.get(client);
    if (!people) {
      if (this.byClient.size >= 1000) this.byClient.clear();
      people = new SlackPeople(client);
      this.byClient.set(client, people);
    }
    return people;
  }

  /** Forget a failed DM channel for this user in every workspace's cache. */
  forgetEverywhere(user: string): void {
    for (const p of this.byClient.values()) p.forget(user);
  }
}
