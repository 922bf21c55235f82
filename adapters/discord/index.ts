// The Discord adapter's door: start-up code calls startDiscord when DISCORD_TOKEN is set.
import { Events, REST, Routes, Status } from 'discord.js';
import type { Config } from '../../src/config/schema.js';
import { hostOf, NET_FAILURE_TEXT, netFailureOf } from '../../src/common/net-error.js';
import type { NudgeSink } from '../../src/nudges/sink.js';
import { createDiscordClient, type DiscordClientOptions } from './client.js';
import { DiscordNudgeSink } from './sink.js';

export { createDiscordClient, INTENTS } from './client.js';
export { DiscordNudgeSink } from './sink.js';

/** How long start-up waits for the gateway's READY before giving up with a hint. */
const READY_TIMEOUT_MS = 60_000;

export type DiscordConnection = 'connecting' | 'connected' | 'disconnected';

export type StartedDiscord = { sink: NudgeSink; state(): DiscordConnection; stopIntake(): Promise<void>; stop(): Promise<void> };

/** One line for the operator: which setting, and the likely cause (a network failure is not a bad token). */
export function discordStartupProblem(e: unknown, apiUrl: string | undefined): string {
  const net = netFailureOf(e);
  if (net) return `Discord: cannot reach ${hostOf(apiUrl ?? 'https://discord.com/api')}: ${NET_FAILURE_TEXT[net]}; check the network, DNS and any proxy${apiUrl ? ', and DISCORD_API_URL' : ''}`;
  const err = e as { code?: unknown; status?: unknown; name?: unknown } | null;
  if (err?.code === 'TokenInvalid' || err?.status === 401) {
    return 'DISCORD_TOKEN: Discord rejected the token (401 Unauthorized); on the Developer Portal open your application, Bot, Reset Token, and copy the new token';
  }
  if (err?.code === 'DisallowedIntents') return 'DISCORD_TOKEN: Discord refused the gateway intents the bot asks for (Guilds, Guild Messages, Direct Messages, none privileged); check the application on the Developer Portal';
  if (err?.code === 'no_ready') return `Discord: the gateway did not say READY within ${READY_TIMEOUT_MS / 1000} s; Discord may be having trouble (discordstatus.com), try again shortly`;
  const what = typeof err?.status === 'number' ? `HTTP ${err.status}` : typeof err?.code === 'string' ? err.code : 'an unexpected error';
  return `DISCORD_TOKEN: Discord start-up failed (${what}); check DISCORD_TOKEN and DISCORD_APPLICATION_ID`;
}

/**
 * Checks DISCORD_TOKEN with one REST call (GET /gateway/bot, which the login makes anyway) before
 * anything else opens, so a wrong token or an unreachable Discord is one line.
 */
export async function checkDiscordToken(config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL'>): Promise<void> {
  if (!config.DISCORD_TOKEN) throw new Error('DISCORD_TOKEN: not set');
  const rest = new REST({ ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL.replace(/\/$/, '') } : {}), retries: 1 }).setToken(config.DISCORD_TOKEN);
  try {
    await rest.get(Routes.gatewayBot());
  } catch (e) {
    throw new Error(discordStartupProblem(e, config.DISCORD_API_URL));
  }
}

/** Logs in and waits for READY; null when it succeeded, else the error. */
async function login(client: ReturnType<typeof createDiscordClient>, token: string): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, () => resolve());
    timer = setTimeout(() => reject(Object.assign(new Error('no READY from the gateway'), { code: 'no_ready' })), READY_TIMEOUT_MS);
  });
  try {
    await Promise.race([client.login(token), ready]);
    await ready;
    return null;
  } catch (e) {
    return e;
  } finally {
    clearTimeout(timer);
  }
}

export async function startDiscord(o: DiscordClientOptions): Promise<StartedDiscord> {
  if (!o.config.DISCORD_TOKEN) throw new Error('DISCORD_TOKEN: not set');
  let client = createDiscordClient(o);
  let failed = await login(client, o.config.DISCORD_TOKEN);
  // A pooled keep-alive connection the server closed while idle (the token check's, during the store's
  // start) fails once with "other side closed": a fresh try is the fix, not an error for the operator.
  if (failed && netFailureOf(failed) === 'reset') {
    await client.destroy();
    client = createDiscordClient(o);
    failed = await login(client, o.config.DISCORD_TOKEN);
  }
  if (failed) {
    await client.destroy();
    o.log.error({ code: 'discord_login_failed', err: (failed as Error).name, discordCode: (failed as { code?: unknown }).code }, 'discord_login_failed');
    throw new Error(discordStartupProblem(failed, o.config.DISCORD_API_URL));
  }
  const c = client;
  o.log.info({ code: 'discord_started', guilds: c.guilds.cache.size, shards: c.ws.shards.size }, 'discord_started');
  let intake = true;
  return {
    sink: new DiscordNudgeSink(c.rest, o.services.images),
    state: () => (c.ws.status === Status.Ready ? 'connected' : c.ws.status === Status.Disconnected ? 'disconnected' : 'connecting'),
    // The gateway stays up (replies in progress still post over REST) but new messages and
    // interactions are no longer taken.
    stopIntake: async () => {
      if (!intake) return;
      intake = false;
      c.removeAllListeners(Events.MessageCreate);
      c.removeAllListeners(Events.InteractionCreate);
    },
    stop: () => c.destroy(),
  };
}
