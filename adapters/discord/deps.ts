// What every Discord handler gets: the shared services, logging, and the REST client for channel posts.
import type { DiscordDms } from './dm.js';
import type { REST } from 'discord.js';
import type { Logger } from 'pino';
import type { AdapterServices } from '../../src/adapter-kit/services.js';
import { guarded, type Guard } from '../../src/adapter-kit/guard.js';
import { discordErrorCode } from './errors.js';

/** `dms`: a person's DM channel with the bot, for personal nudges. */
export type DiscordDeps = { services: AdapterServices; log: Logger; rest: REST; dms: DiscordDms };

export const guardOf = (log: Logger): Guard => ({ platform: 'discord', errorCode: discordErrorCode, log });

/** The adapter's one catch point: a code in the log, and the fallback when the failure was ours. */
export const guard = (deps: DiscordDeps, what: string, work: () => Promise<void>, fallback?: () => Promise<unknown>) =>
  guarded(guardOf(deps.log), what, work, fallback);
