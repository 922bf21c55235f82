// The chat platforms `backbuddy start` knows. Each is started when its settings are present, gets the
// same services, and hands back its nudge sink and a stop function. Adapters are imported only when
// used, so a Slack-only install never loads discord.js and the other way round.
import type { Logger } from 'pino';
import type { AdapterServices } from '../src/adapter-kit/services.js';
import type { Config } from '../src/config/schema.js';
import type { NudgeSink } from '../src/nudges/sink.js';

export type StartedPlatform = { sink: NudgeSink; stop(): Promise<void> };

export type PlatformContext = { config: Config; services: AdapterServices; log: Logger };

export type PlatformStarter = {
  name: 'slack' | 'discord';
  configured(config: Config): boolean;
  start(ctx: PlatformContext): Promise<StartedPlatform>;
  /** What to check when it does not connect. */
  hint: string;
};

export const PLATFORMS: readonly PlatformStarter[] = [
  {
    name: 'slack',
    configured: (c) => Boolean(c.SLACK_BOT_TOKEN || c.SLACK_CLIENT_ID),
    start: async (ctx) => (await import('../adapters/slack/index.js')).startSlack(ctx),
    hint: 'check SLACK_BOT_TOKEN (or SLACK_CLIENT_ID and TOKEN_ENCRYPTION_KEY) and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET',
  },
  {
    name: 'discord',
    configured: (c) => Boolean(c.DISCORD_TOKEN),
    start: async (ctx) => (await import('../adapters/discord/index.js')).startDiscord(ctx),
    hint: 'check DISCORD_TOKEN and DISCORD_APPLICATION_ID',
  },
];
