// What an adapter may use besides the assistant: nudge management, anonymous feedback, event
// de-duplication and installations, over the store it never sees. app/start.ts (and the tests) build
// it once and hand the same object to every platform.
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../common/clock.js';
import type { Assistant } from '../core/assistant.js';
import { createNudgeManager, type NudgeManager } from '../nudges/manage.js';
import { machineTimeZone } from '../nudges/options.js';
import { routineCatalogFromKnowledge, type RoutineCatalog } from '../nudges/routines.js';
import type { Platform } from '../nudges/schedule.js';
import type { InstallationInput, Store } from '../store/store.js';
import { eventOnce } from './event-once.js';
import { createInFlight, type InFlight } from './in-flight.js';
import { createRoutineImages, type RoutineImages } from '../images/routine-images.js';

export type { InstallationInput };

export type AdapterServices = {
  assistant: Assistant;
  nudges: NudgeManager;
  /** Stretch routines, for the nudge buttons' rotation. */
  routines: RoutineCatalog;
  clock: Clock;
  /** Zone for nudge options given without one (config DEFAULT_TZ, else the machine's zone). */
  defaultTz: string;
  /** Anonymous helpful / not helpful on an entry. */
  recordFeedback(entryId: string, helpful: boolean): Promise<void>;
  /** True the first time a platform event id (`slack:Ev1`, `discord:msg:123`) is seen, false for a redelivery. */
  firstDelivery(key: string): Promise<boolean>;
  /** The workspace (Slack team, Discord guild) and the bot's own id; no tokens. */
  install(input: InstallationInput): Promise<void>;
  /** Uninstalled: its subscriptions stop (status shows why), and its credentials go. */
  uninstall(platform: Platform, workspace: string): Promise<void>;
  /** An installation's credentials, sealed by the adapter before they get here (see Store.saveCredentials). */
  credentials: {
    save(platform: Platform, workspace: string, sealed: string): Promise<boolean>;
    get(platform: Platform, workspace: string): Promise<string | null>;
    list(platform: Platform, limit: number): Promise<Array<{ workspace: string; sealed: string }>>;
  };
  /** Every adapter runs each event's work through this, so shutdown can wait for it (in-flight.ts). */
  work: InFlight;
  /** Routine illustrations: entry id → SVG path, and the PNG rendered at first use. */
  images: RoutineImages;
  /** File ids of illustrations already uploaded to a workspace, by image key (Slack uploads once per workspace). */
  uploads: {
    get(platform: Platform, workspace: string, key: string): Promise<string | null>;
    save(platform: Platform, workspace: string, key: string, fileId: string): Promise<void>;
    forget(platform: Platform, workspace: string, key: string): Promise<void>;
  };
};

export type ServicesOptions = {
  assistant: Assistant; store: Store; log: Logger; clock?: Clock; defaultTz?: string | undefined;
  /** Where rendered PNGs are cached: `${DATA_DIR}/images`. */
  imageCacheDir: string;
};

export function createAdapterServices(o: ServicesOptions): AdapterServices {
  const clock = o.clock ?? systemClock;
  const routines = routineCatalogFromKnowledge(o.assistant.kb);
  const defaultTz = o.defaultTz ?? machineTimeZone();
  return {
    assistant: o.assistant,
    nudges: createNudgeManager({ store: o.store, clock, routines, defaultTz }),
    routines,
    clock,
    defaultTz,
    recordFeedback: (entryId, helpful) => o.store.recordFeedback(entryId, helpful),
    // On PGlite one process owns the store, so a redelivery can only reach this process, whose memory
    // window already knows the id: the store is asked only when replicas share it (PostgreSQL).
    firstDelivery: eventOnce(o.store.kind === 'pglite' ? async () => true : (key, now) => o.store.claimEvent(key, now), clock, o.log),
    install: async (input) => void (await o.store.upsertInstallation(input)),
    uninstall: (platform, workspace) => o.store.removeInstallation(platform, workspace),
    credentials: {
      save: (platform, workspace, sealed) => o.store.saveCredentials(platform, workspace, sealed),
      get: (platform, workspace) => o.store.getCredentials(platform, workspace),
      list: (platform, limit) => o.store.listCredentials(platform, limit),
    },
    work: createInFlight(),
    images: createRoutineImages({
      knowledgeDir: o.assistant.kb.dir,
      cacheDir: o.imageCacheDir,
      entryIds: o.assistant.kb.entries.filter((e) => e.kind === 'stretch').map((e) => e.id),
      log: o.log,
    }),
    uploads: {
      get: (platform, workspace, key) => o.store.getUploadedImage(platform, workspace, key),
      save: (platform, workspace, key, fileId) => o.store.saveUploadedImage(platform, workspace, key, fileId),
      forget: (platform, workspace, key) => o.store.forgetUploadedImage(platform, workspace, key),
    },
  };
}
