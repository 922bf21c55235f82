// What every Slack handler gets: the core, the store, logging, time, and one way to post replies.
import type { Logger } from 'pino';
import type { Assistant } from '../../src/core/assistant.js';
import type { RoutineCatalog } from '../../src/nudges/routines.js';
import type { Clock } from '../../src/common/clock.js';
import type { Store } from '../../src/store/store.js';
import type { ReplyPoster } from './reply-poster.js';

export type SlackDeps = {
  assistant: Assistant;
  store: Store;
  log: Logger;
  clock: Clock;
  /** Zone for nudge options given without `tz` (config DEFAULT_TZ, else the machine's zone). */
  defaultTz: string;
  poster: ReplyPoster;
  /** Stretch routines for the nudge buttons' rotation. */
  routines: RoutineCatalog;
};
