// What every Slack handler gets: the shared services (assistant, nudges, feedback), logging, and one way to post replies.
import type { Logger } from 'pino';
import type { AdapterServices } from '../../src/adapter-kit/services.js';
import type { SlackPeopleDirectory } from './people.js';
import type { ReplyPoster } from './reply-poster.js';
import type { SlackImages } from './images.js';

export type SlackDeps = {
  services: AdapterServices;
  log: Logger;
  poster: ReplyPoster;
  /** The people (profile zone, DM channel) of each workspace. */
  people: SlackPeopleDirectory;
  /** Routine illustrations, uploaded once per workspace. */
  images: SlackImages;
};
