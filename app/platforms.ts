// The chat platforms `backbuddy start` knows. Each is started when its settings are present, gets the
// same services, and hands back its nudge sink, its connection state (for /readyz), and how to stop:
// first taking no new work, then closing its connections. Adapters are imported only when used, so a
// Slack-only install never loads discord.js and the other way round.
import type { Logger } from 'pino';
import type { AdapterServices } from '../src/adapter-kit/services.js';
import type { Config } from '../src/config/schema.js';
import type { NudgeSink } from '../src/nudges/sink.js';
import type { PlatformState } from './health.js';
import type { HttpServer } from './http-server.js';

export type StartedPlatform = {
  sink: NudgeSink;
  state(): PlatformState;
  /** Takes no new events; work already taken can still reply. */
  stopIntake(): Promise<void>;
  /** Closes its connections. */
  stop(): Promise<void>;
};

export type PlatformContext = { config: Config; services: AdapterServices; log: Logger; http: HttpServer };

export type PlatformStarter = {
  name: 'slack' | 'discord';
  configured(config: Config): boolean;
  /**
   * Checks the credentials with the platform before the store opens (a wrong token should not wait for
   * a database), and returns what start may reuse. Like start, it rejects with an Error whose message
   * is one line for the operator: the setting and the likely cause.
   */
  check(ctx: Omit<PlatformContext, 'services' | 'http'>): Promise<unknown>;
  start(ctx: PlatformContext, checked: unknown): Promise<StartedPlatform>;
};

export const PLATFORMS: readonly PlatformStarter[] = [
  {
    name: 'slack',
    configured: (c) => Boolean(c.SLACK_BOT_TOKEN || c.SLACK_CLIENT_ID),
    // With one bot token it is checked before anything opens; OAuth installs bring their own tokens.
    check: async ({ config, log }) => (config.SLACK_BOT_TOKEN ? (await import('../adapters/slack/index.js')).verifySlackToken(config, log) : undefined),
    // HTTP mode mounts the Events API on the process's HTTP server; Socket Mode needs none.
    start: async ({ http, ...ctx }, verified) => {
      const slack = await import('../adapters/slack/index.js');
      return slack.startSlack({ ...ctx, ...(verified ? { verified: verified as Awaited<ReturnType<typeof slack.verifySlackToken>> } : {}), ...(ctx.config.SLACK_APP_TOKEN ? {} : { http }) });
    },
  },
  {
    name: 'discord',
    configured: (c) => Boolean(c.DISCORD_TOKEN),
    check: async ({ config }) => (await import('../adapters/discord/index.js')).checkDiscordToken(config),
    start: async (ctx) => (await import('../adapters/discord/index.js')).startDiscord(ctx),
  },
];
