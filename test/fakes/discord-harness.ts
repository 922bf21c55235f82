// Test harness for the Discord adapter: the real client (createDiscordClient) logged in to the fake
// Discord (discord-server.ts) with one server, two text channels and a thread-free layout. It builds
// gateway payloads in the shapes Discord sends (saved examples in test/fixtures/payloads/discord) and
// captures pino output as parsed lines. It emulates nothing by itself.
import { TEST_IMAGE_CACHE } from './image-cache.js';
import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Events, type Client } from 'discord.js';
import pino from 'pino';
import { createDiscordClient } from '../../adapters/discord/client.js';
import { createAdapterServices, type AdapterServices } from '../../src/adapter-kit/services.js';
import type { Clock } from '../../src/common/clock.js';
import { ConfigSchema } from '../../src/config/schema.js';
import type { Assistant } from '../../src/core/assistant.js';
import type { Store } from '../../src/store/store.js';
import { APP_ID, BOT, nextId, startFakeDiscord, type FakeDiscord } from './discord-server.js';

export const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.fake-part.not-a-real-token-at-all';
export const GUILD = '200000000000000001';
export const CHANNEL = '300000000000000001';
export const OTHER_CHANNEL = '300000000000000002';
export const DM_CHANNEL = '300000000000000009';
export const USER = { id: '400000000000000001', username: 'alice', discriminator: '0', global_name: 'Alice', avatar: null };
/** Manage Channels (16) + View Channel (1024) + Send Messages (2048). */
export const MANAGER = '3088';
/** View Channel + Send Messages only. */
export const MEMBER = '3072';

const fixtureDir = fileURLToPath(new URL('../fixtures/payloads/discord/', import.meta.url));
export const fixture = <T = any>(name: string): T => JSON.parse(readFileSync(`${fixtureDir}${name}.json`, 'utf8')) as T;

const channel = (id: string, name: string) => ({ id, type: 0, guild_id: GUILD, name, position: 0, permission_overwrites: [], nsfw: false, parent_id: null });
export const GUILD_CREATE = {
  id: GUILD, name: 'Test server', icon: null, owner_id: USER.id, afk_channel_id: null, afk_timeout: 300, verification_level: 0,
  default_message_notifications: 0, explicit_content_filter: 0, features: [], mfa_level: 0, application_id: null,
  system_channel_id: null, system_channel_flags: 0, rules_channel_id: null, vanity_url_code: null, description: null,
  banner: null, premium_tier: 0, preferred_locale: 'en-US', public_updates_channel_id: null, nsfw_level: 0,
  premium_progress_bar_enabled: false, joined_at: new Date().toISOString(), large: false, member_count: 2, unavailable: false,
  roles: [{ id: GUILD, name: '@everyone', color: 0, hoist: false, position: 0, permissions: MEMBER, managed: false, mentionable: false, flags: 0 }],
  channels: [channel(CHANNEL, 'general'), channel(OTHER_CHANNEL, 'stretch')],
  members: [], voice_states: [], presences: [], threads: [], emojis: [], stickers: [], stage_instances: [], guild_scheduled_events: [],
};

export type LogLine = { level: number; code?: string; [k: string]: unknown };

export interface DiscordHarness {
  fake: FakeDiscord;
  client: Client;
  /** The adapter services the client was given (routine images, nudges). */
  services: AdapterServices;
  logs: LogLine[];
  rawLogs(): string;
  waitForLog(code: string, count?: number, timeoutMs?: number): Promise<LogLine[]>;
  /** Dispatches INTERACTION_CREATE; returns the interaction's id and token (its callback path). */
  interact(type: number, data: any, over?: Record<string, unknown>): { id: string; token: string; callback: string; webhook: string };
  /** Dispatches MESSAGE_CREATE from a fixture (message_mention, message_dm) with fields replaced. */
  message(name: 'message_mention' | 'message_dm', over?: Record<string, unknown>): string;
  close(): Promise<void>;
}

export type DiscordHarnessOptions = { assistant: Assistant; store: Store; clock?: Clock };

export async function startDiscordHarness(o: DiscordHarnessOptions): Promise<DiscordHarness> {
  const fake = await startFakeDiscord({ guilds: [GUILD_CREATE] });
  const logs: LogLine[] = [];
  let raw = '';
  const logEvents = new EventEmitter();
  logEvents.setMaxListeners(0);
  const log = pino({ level: 'debug' }, { write: (s: string) => { raw += s; logs.push(JSON.parse(s)); logEvents.emit('log'); } });
  const config = ConfigSchema.parse({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.api, DEFAULT_TZ: 'Europe/Berlin' });
  const services = createAdapterServices({ assistant: o.assistant, store: o.store, log, defaultTz: 'Europe/Berlin', imageCacheDir: TEST_IMAGE_CACHE, ...(o.clock ? { clock: o.clock } : {}) });
  const client = createDiscordClient({ config, services, log });
  const ready = new Promise<void>((r) => client.once(Events.ClientReady, () => r()));
  await client.login(TOKEN);
  await ready;

  const waitForLog: DiscordHarness['waitForLog'] = (code, count = 1, timeoutMs = 30_000) => new Promise((resolve, reject) => {
    const check = () => {
      const found = logs.filter((l) => l.code === code);
      if (found.length < count) return false;
      clearTimeout(timer);
      logEvents.off('log', check);
      resolve(found);
      return true;
    };
    const timer = setTimeout(() => {
      logEvents.off('log', check);
      reject(new Error(`expected ${count} log line(s) with code ${code}; codes so far: ${logs.map((l) => l.code).join(', ')}`));
    }, timeoutMs);
    if (!check()) logEvents.on('log', check);
  });

  return {
    fake, client, services, logs, waitForLog,
    rawLogs: () => raw,
    interact(type, data, over = {}) {
      const base = fixture(over.guild_id === null ? 'interaction_dm' : 'interaction_guild');
      const id = nextId();
      const token = `itok${id}`;
      const payload: any = { ...base, id, token, type, data, ...over };
      if (over.guild_id === null) delete payload.guild_id;
      fake.dispatch('INTERACTION_CREATE', payload);
      return { id, token, callback: `/interactions/${id}/${token}/callback`, webhook: `/webhooks/${APP_ID}/${token}` };
    },
    message(name, over = {}) {
      const id = nextId();
      fake.dispatch('MESSAGE_CREATE', { ...fixture<Record<string, unknown>>(name), id, timestamp: new Date().toISOString(), ...over });
      return id;
    },
    async close() {
      await client.destroy();
      await fake.close();
    },
  };
}

export { APP_ID, BOT };
