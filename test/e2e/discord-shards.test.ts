import { TEST_IMAGE_CACHE } from '../fakes/image-cache.js';
// Discord sharding through the start path (startDiscord, as `backbuddy start` calls it) against the fake
// gateway: with DISCORD_SHARDS=2 (and =auto, when Discord recommends 2) the client opens two gateway
// connections, each IDENTIFYs as [i, 2], each receives the servers Discord routes to it, and a mention
// in a server on either shard is answered.
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { startDiscord } from '../../adapters/discord/index.js';
import { createAdapterServices } from '../../src/adapter-kit/services.js';
import { ConfigSchema } from '../../src/config/schema.js';
import { MemoryStore } from '../../src/store/memory.js';
import { testAssistant } from '../fakes/slack-test-assistant.js';
import { APP_ID, BOT, nextId, shardOf, startFakeDiscord, type FakeDiscord } from '../fakes/discord-server.js';
import { GUILD, GUILD_CREATE, TOKEN, fixture } from '../fakes/discord-harness.js';

/** A second server, on the other of two shards than GUILD. */
const GUILD_B = (() => {
  let id = BigInt(GUILD);
  while (shardOf(String(id), 2) === shardOf(GUILD, 2)) id += 1n << 22n;
  return String(id);
})();
const CHANNEL_A = GUILD_CREATE.channels[0]!.id;
const CHANNEL_B = '300000000000000021';
const GUILD_B_CREATE = {
  ...GUILD_CREATE, id: GUILD_B, name: 'Second server',
  roles: GUILD_CREATE.roles.map((r) => ({ ...r, id: GUILD_B })),
  channels: [{ ...GUILD_CREATE.channels[0]!, id: CHANNEL_B, guild_id: GUILD_B }],
};

const assistant = testAssistant();
let fake: FakeDiscord | null = null;
let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  await fake?.close();
  stop = null;
  fake = null;
});

async function startSharded(shards: string, recommended: number) {
  fake = await startFakeDiscord({ guilds: [GUILD_CREATE, GUILD_B_CREATE], shards: recommended, maxConcurrency: 2 });
  const log = pino({ level: 'silent' });
  const config = ConfigSchema.parse({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.api, DISCORD_SHARDS: shards });
  const store = new MemoryStore();
  const started = await startDiscord({ config, log, services: createAdapterServices({ assistant, store, log, defaultTz: 'Europe/Berlin', imageCacheDir: TEST_IMAGE_CACHE }) });
  stop = started.stop;
  return { fake, store };
}

const mentionIn = (f: FakeDiscord, guild: string, channel: string) =>
  f.dispatch('MESSAGE_CREATE', { ...fixture<Record<string, unknown>>('message_mention'), id: nextId(), guild_id: guild, channel_id: channel, timestamp: new Date().toISOString() }, shardOf(guild, 2));
const postsTo = (channel: string) => (c: { method: string; path: string }) => c.method === 'POST' && c.path === `/channels/${channel}/messages`;

describe('Discord sharding', () => {
  it('the two servers fall on different shards (the test set-up)', () => {
    expect(shardOf(GUILD, 2)).not.toBe(shardOf(GUILD_B, 2));
  });

  it.each([['2', 1], ['auto', 2]])('DISCORD_SHARDS=%s: two connections identify as [0,2] and [1,2], and both answer', async (shards, recommended) => {
    const { fake: f, store } = await startSharded(shards, recommended);
    expect([...f.identifiedShards].sort()).toEqual([[0, 2], [1, 2]]);
    expect(f.gatewayIn.filter((p) => p.op === 2).every((p) => p.d.token === TOKEN)).toBe(true);
    // Each server arrived on its own shard and was recorded.
    expect(await store.getInstallation('discord', GUILD)).toMatchObject({ botUserId: BOT.id });
    expect(await store.getInstallation('discord', GUILD_B)).toMatchObject({ name: 'Second server' });
    mentionIn(f, GUILD, CHANNEL_A);
    mentionIn(f, GUILD_B, CHANNEL_B);
    await f.waitFor(postsTo(CHANNEL_A));
    await f.waitFor(postsTo(CHANNEL_B));
  });
});
