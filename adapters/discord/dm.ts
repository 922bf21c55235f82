// A person's DM channel with the bot, for personal nudges: POST /users/@me/channels is idempotent
// (https://discord.com/developers/docs/resources/user#create-dm); the cache only saves a call per nudge.
import { Routes, type REST } from 'discord.js';

/**
 * Discord DMs belong to no server, so a person's own nudges are one subscription across servers, kept
 * under this workspace name (personalTarget('discord', DISCORD_DM_WORKSPACE, userId)).
 */
export const DISCORD_DM_WORKSPACE = 'dm';

export class DiscordDms {
  private readonly channels = new Map<string, string>();
  constructor(private readonly rest: REST) {}

  /** The DM channel id with `user`; throws Discord's error (50007 cannot message this user, 10013 unknown user). */
  async channelOf(user: string): Promise<string> {
    const known = this.channels.get(user);
    if (known) return known;
    const res = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: user } })) as { id?: string };
    if (!res.id) throw new Error('create DM returned no channel');
    this.channels.set(user, res.id);
    return res.id;
  }

  forget(user: string): void {
    this.channels.delete(user);
  }
}
