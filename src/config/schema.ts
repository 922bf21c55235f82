import { REGIONS } from '../core/safety-schema.js';
import { z } from 'zod';
import { parseKey } from '../common/token-box.js';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const SHARDS_FORM = 'auto, or a number of shards from 1 to 1024';

/** Every setting backbuddy reads, from the environment (and `.env`). `.env.example` documents each. */
export const ConfigSchema = z.object({
  /** pino log level. */
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  /** Folder for the embedded PGlite database. */
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  /** PostgreSQL URL; when set, used instead of the embedded store (for several replicas). */
  DATABASE_URL: z.preprocess(emptyToUndefined, z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL').optional()),
  /** Folder with entries/, tags.yaml, synonyms.yaml and safety.yaml. */
  KNOWLEDGE_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
  /**
   * Where the people using the bot are: chooses the emergency number, urgent-care wording and crisis
   * line of urgent replies (uk, ie, us, ca, au, nz, eu, other). Default uk.
   */
  REGION: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : undefined), z.enum(REGIONS).default('uk')),
  /** Overrides the region's emergency number in urgent replies. */
  EMERGENCY_NUMBER: z.preprocess(emptyToUndefined, z.string().regex(/^[0-9+ ]{2,15}$/, 'digits, e.g. 112').optional()),
  /** Default IANA time zone for nudge subscriptions made without one. */
  DEFAULT_TZ: z.preprocess(emptyToUndefined, z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Berlin or UTC').optional()),
  /** Minutes a conversation's context is kept for follow-up questions. */
  CONTEXT_TTL_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1440).default(30)),
  /** Questions one person may ask a minute before a friendly "slow down" reply; 0 turns the limit off. Urgent replies are never held back. */
  RATE_LIMIT_PER_USER: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(10_000).default(10)),
  /** Questions one channel (or direct message) may ask a minute; 0 turns the limit off. */
  RATE_LIMIT_PER_CHANNEL: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(10_000).default(10)),
  /** Minutes between retention runs, which delete expired conversation context, old question logs and old event ids. */
  RETENTION_INTERVAL_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1440).default(60)),
  /** Seconds between the nudge engine's looks for due nudges. */
  NUDGE_TICK_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(300).default(15)),
  /** Seconds a replica holds a claimed nudge; a replica that dies holding one frees it after this long. */
  NUDGE_LEASE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(5).max(3600).default(60)),
  /** Days the text of questions the knowledge base could not answer is kept for `kb gaps` (1-30). */
  QUESTION_LOG_RETENTION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(30).default(30)),
  /** Slack bot token (xoxb-…); with it, `npm start` connects to Slack. */
  SLACK_BOT_TOKEN: z.preprocess(emptyToUndefined, z.string().startsWith('xoxb-', 'a bot token starting with xoxb-').optional()),
  /** Slack app-level token (xapp-…); with it, Socket Mode is used instead of HTTP. */
  SLACK_APP_TOKEN: z.preprocess(emptyToUndefined, z.string().startsWith('xapp-', 'an app token starting with xapp-').optional()),
  /** Slack signing secret, needed for HTTP mode. */
  SLACK_SIGNING_SECRET: z.preprocess(emptyToUndefined, z.string().min(8, 'the signing secret from the app settings').optional()),
  /** Slack app Client ID (Basic Information); with it, the app installs into many workspaces through OAuth (/slack/install) instead of SLACK_BOT_TOKEN. */
  SLACK_CLIENT_ID: z.preprocess(emptyToUndefined, z.string().regex(/^\d+\.\d+$/, 'the Client ID from Basic Information, e.g. 1234567890.1234567890').optional()),
  /** Slack app Client Secret (Basic Information); required with SLACK_CLIENT_ID. */
  SLACK_CLIENT_SECRET: z.preprocess(emptyToUndefined, z.string().min(8, 'the Client Secret from Basic Information').optional()),
  /** Secret that signs the OAuth state (CSRF protection); the same on every replica. Required with SLACK_CLIENT_ID. */
  SLACK_STATE_SECRET: z.preprocess(emptyToUndefined, z.string().min(16, 'at least 16 random characters, e.g. from `openssl rand -base64 24`').optional()),
  /** Bot scopes requested on install, comma separated; the default is the manifest's. */
  SLACK_SCOPES: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z:.]+(\s*,\s*[a-z:.]+)*$/, 'a comma list of scopes such as app_mentions:read,chat:write')
    .default('app_mentions:read,chat:write,commands,files:write,im:history,im:write,users:read').transform((v) => v.split(',').map((x) => x.trim()))),
  /** The OAuth redirect URL registered with the app (https://your-host/slack/oauth_redirect); needed when the app lists several. */
  SLACK_REDIRECT_URI: z.preprocess(emptyToUndefined, z.url().optional()),
  /** Key that encrypts installation tokens at rest (AES-256-GCM): 32 random bytes in base64. Required with SLACK_CLIENT_ID. */
  TOKEN_ENCRYPTION_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  /** The key before the last rotation; values sealed with it are still read and sealed again with TOKEN_ENCRYPTION_KEY. */
  TOKEN_ENCRYPTION_KEY_PREVIOUS: z.preprocess(emptyToUndefined, z.string().optional()),
  /** Override of the Slack Web API base URL (tests point it at a fake). */
  SLACK_API_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  /** Discord bot token (Developer Portal → Bot → Reset Token); with it, `npm start` connects to Discord. */
  DISCORD_TOKEN: z.preprocess(emptyToUndefined, z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'the bot token from the Developer Portal (three parts separated by dots)').optional()),
  /** Discord application id (General Information → Application ID), for registering commands. */
  DISCORD_APPLICATION_ID: z.preprocess(emptyToUndefined, z.string().regex(/^\d{17,20}$/, 'the numeric Application ID').optional()),
  /**
   * Gateway shards: `auto` asks Discord how many (it requires sharding from 2,500 servers; one shard
   * serves up to 2,500), a number runs that many in this process. Unset: one shard.
   */
  DISCORD_SHARDS: z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().toLowerCase()) : v),
    z.union([z.literal('auto'), z.coerce.number().int(SHARDS_FORM).min(1, SHARDS_FORM).max(1024, SHARDS_FORM)], SHARDS_FORM).optional()),
  /** Override of the Discord REST base URL, without /v10 (tests point it at a fake whose /gateway/bot names a fake gateway). */
  DISCORD_API_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  /**
   * Password of the wellbeing lead's page at /admin (single-team installs): at least 16 characters.
   * With it, or with Sign in with Slack (SLACK_CLIENT_ID), /admin is served on PORT; with neither it answers 404.
   */
  ADMIN_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, 'at least 16 random characters, e.g. from `openssl rand -base64 24`').optional()),
  /** Slack user ids (comma separated) let into /admin through Sign in with Slack besides the workspace's admins and owners. */
  ADMIN_SLACK_USER_IDS: z.preprocess(emptyToUndefined, z.string().regex(/^[UW][A-Z0-9]{2,}(\s*,\s*[UW][A-Z0-9]{2,})*$/, 'a comma list of Slack user ids such as U0123ABCD,U0456EFGH')
    .optional().transform((v) => (v ? v.split(',').map((x) => x.trim()) : []))),
  /**
   * Where browsers reach this server, scheme and host (https://backbuddy.example.com): Sign in with
   * Slack comes back to ADMIN_PUBLIC_URL/admin/slack/callback, and sign-in cookies are Secure when it
   * is https. Unset: taken from each request (Host, X-Forwarded-Proto).
   */
  ADMIN_PUBLIC_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).refine((u) => new URL(u).pathname === '/' && !new URL(u).search, 'scheme and host only, e.g. https://backbuddy.example.com').optional()),
  /** Hours an /admin sign-in lasts (1-24). */
  ADMIN_SESSION_HOURS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(24).default(8)),
  /** HTTP port for the Slack Events API receiver. */
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
}).superRefine((c, ctx) => {
  if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'required for HTTP mode when SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN' });
  }
  for (const name of ['TOKEN_ENCRYPTION_KEY', 'TOKEN_ENCRYPTION_KEY_PREVIOUS'] as const) {
    const value = c[name];
    const key = value === undefined ? null : parseKey(value);
    if (key && !key.ok) ctx.addIssue({ code: 'custom', path: [name], message: key.error });
  }
  if (c.SLACK_CLIENT_ID) {
    const need = (name: 'SLACK_CLIENT_SECRET' | 'SLACK_STATE_SECRET' | 'TOKEN_ENCRYPTION_KEY' | 'SLACK_SIGNING_SECRET', why: string) => {
      if (!c[name]) ctx.addIssue({ code: 'custom', path: [name], message: `required with SLACK_CLIENT_ID (${why})` });
    };
    if (c.SLACK_BOT_TOKEN) ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID (OAuth, many workspaces), not both' });
    if (c.SLACK_APP_TOKEN) ctx.addIssue({ code: 'custom', path: ['SLACK_APP_TOKEN'], message: 'OAuth installs (SLACK_CLIENT_ID) run in HTTP mode: leave SLACK_APP_TOKEN unset' });
    need('SLACK_CLIENT_SECRET', 'Basic Information → Client Secret');
    need('SLACK_STATE_SECRET', 'signs the OAuth state');
    need('TOKEN_ENCRYPTION_KEY', 'encrypts the bot tokens: `openssl rand -base64 32`');
    need('SLACK_SIGNING_SECRET', 'verifies requests in HTTP mode');
  }
  if (c.ADMIN_SLACK_USER_IDS.length && !c.SLACK_CLIENT_ID) {
    ctx.addIssue({ code: 'custom', path: ['ADMIN_SLACK_USER_IDS'], message: 'used only by Sign in with Slack, which needs SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (OAuth installs); sign in with ADMIN_TOKEN instead' });
  }
  if (c.DISCORD_TOKEN && !c.DISCORD_APPLICATION_ID) {
    ctx.addIssue({ code: 'custom', path: ['DISCORD_APPLICATION_ID'], message: 'required when DISCORD_TOKEN is set (General Information → Application ID)' });
  }
});
export type Config = z.infer<typeof ConfigSchema>;
