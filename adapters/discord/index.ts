// The Discord adapter's door: start-up code calls startDiscord when DISCORD_TOKEN is set.
import { Events } from 'discord.js';
import type { NudgeSink } from '../../src/nudges/sink.js';
import { createDiscordClient, type DiscordClientOptions } from './client.js';
import { DiscordNudgeSink } from './sink.js';

export { createDiscordClient, INTENTS } from './client.js';
export { DiscordNudgeSink } from './sink.js';

/** How long start-up waits for the gateway's READY before giving up with a hint. */
const READY_TIMEOUT_MS = 60_000;

export async function startDiscord(o: DiscordClientOptions): Promise<{ sink: NudgeSink; stop(): Promise<void> }> {
  if (!o.config.DISCORD_TOKEN) throw new Error('DISCORD_TOKEN is not set');
  const client = createDiscordClient(o);
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, () => resolve());
    timer = setTimeout(() => reject(new Error('no READY from the gateway')), READY_TIMEOUT_MS);
  });
  try {
    await client.login(o.config.DISCORD_TOKEN);
    await ready;
  } catch (e) {
    await client.destroy();
    o.log.error({ code: 'discord_login_failed', err: (e as Error).name }, 'discord_login_failed');
    throw new Error(`Discord did not accept DISCORD_TOKEN or could not be reached (${(e as Error).name}): copy the token from the Developer Portal's Bot page`);
  } finally {
    clearTimeout(timer);
  }
  o.log.info({ code: 'discord_started', guilds: client.guilds.cache.size }, 'discord_started');
  return { sink: new DiscordNudgeSink(client.rest, o.services.images), stop: () => client.destroy() };
}
