// Builds the discord.js client: the least intents that work, and the event wiring. Handlers only translate.
import { Client, Events, GatewayIntentBits, Partials, RESTEvents } from 'discord.js';
import type { Logger } from 'pino';
import type { AdapterServices } from '../../src/adapter-kit/services.js';
import type { Config } from '../../src/config/schema.js';
import { guard, type DiscordDeps } from './deps.js';
import { DiscordDms } from './dm.js';
import { onInteraction } from './interactions.js';
import { onMessage } from './messages.js';

/**
 * Guilds: guild and channel events (the cache interactions and messages are resolved against).
 * GuildMessages: messages in server channels, for mentions. DirectMessages: DMs. Not MessageContent
 * (privileged): Discord still sends the content of DMs and of messages that mention the bot.
 */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

/** Replies wait out rate limits up to this long (discord.js honours retry-after); longer ones fail, and nudges are deferred. */
export const MAX_RATE_LIMIT_WAIT_MS = 10_000;

export type DiscordClientOptions = { config: Config; services: AdapterServices; log: Logger };

export function createDiscordClient(o: DiscordClientOptions): Client {
  const shards = o.config.DISCORD_SHARDS;
  const client = new Client({
    intents: INTENTS,
    // Every shard runs in this process (discord.js's internal sharding); events carry no shard here, the
    // handlers work the same whichever shard a guild is on. Unset: discord.js's default of one shard.
    ...(shards === 'auto' ? { shards: 'auto' as const } : shards ? { shards: [...Array(shards).keys()], shardCount: shards } : {}),
    // DM channels are not cached before their first message; without this partial, DMs are dropped.
    partials: [Partials.Channel],
    rest: {
      ...(o.config.DISCORD_API_URL ? { api: o.config.DISCORD_API_URL.replace(/\/$/, '') } : {}),
      rejectOnRateLimit: (info) => info.timeToReset > MAX_RATE_LIMIT_WAIT_MS,
      retries: 2,
    },
    // Nothing we post may ping everyone or a role, whatever text it echoes.
    allowedMentions: { parse: [], repliedUser: true },
  });
  const deps: DiscordDeps = { services: o.services, log: o.log, rest: client.rest, dms: new DiscordDms(client.rest) };

  const install = (guildId: string, name: string | null) =>
    guard(deps, 'install', () => o.services.install({ platform: 'discord', workspace: guildId, name, botUserId: client.user?.id ?? null }));
  client.once(Events.ClientReady, async (c) => {
    for (const g of c.guilds.cache.values()) await install(g.id, g.name ?? null);
  });
  client.on(Events.GuildCreate, (g) => void install(g.id, g.name ?? null));
  // Removed from a server (not an outage): its nudges stop, and status says why.
  client.on(Events.GuildDelete, (g) => {
    if (g.available) void guard(deps, 'uninstall', () => o.services.uninstall('discord', g.id));
  });
  // Counted while they run, so shutdown can wait for them (src/adapter-kit/in-flight.ts).
  const unhandled = (e: unknown) => o.log.error({ code: 'discord_unhandled', err: (e as Error | null)?.name ?? 'error' }, 'discord_unhandled');
  client.on(Events.InteractionCreate, (i) => void o.services.work.run(() => onInteraction(deps, i)).catch(unhandled));
  client.on(Events.MessageCreate, (m) => void o.services.work.run(() => onMessage(deps, m)).catch(unhandled));
  client.on(Events.Error, (e) => o.log.error({ code: 'discord_client_error', err: e.name }, 'discord_client_error'));
  // A 429 is waited out by discord.js (retry-after) and the request tried again; a known limit delays it before sending.
  client.rest.on(RESTEvents.Response, (req, res) => {
    if (res.status === 429) o.log.info({ code: 'discord_rate_limited', method: req.method, retryAfter: res.headers.get('retry-after') }, 'discord_rate_limited');
  });
  client.rest.on(RESTEvents.RateLimited, (info) => o.log.info({ code: 'discord_rate_limit_wait', method: info.method, retryAfterMs: info.retryAfter, global: info.global }, 'discord_rate_limit_wait'));
  return client;
}
