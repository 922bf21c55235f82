// Builds the Bolt app: Socket Mode with SLACK_APP_TOKEN, else HTTP (Events API) with the signing secret.
// Listeners only translate; every handler acks first, then works (Slack gives 3 s to ack).
// Named imports: `import bolt from` gives module.exports under Node but the App class under vitest.
import { App, LogLevel, type AppOptions, type webApi } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from '../../src/config/schema.js';
import type { AdapterServices } from '../../src/adapter-kit/services.js';
import { ActionId, indexedActionPattern } from '../../src/core/reply-actions.js';
import type { NudgeSink } from '../../src/nudges/sink.js';
import { onPress, type ActionInput } from './actions.js';
import { boltLogger } from './bolt-logger.js';
import { backbuddyPlan } from './commands/backbuddy.js';
import { backtipPlan } from './commands/backtip.js';
import { runCommand, type Respond } from './commands/reply.js';
import type { SlackDeps } from './deps.js';
import { slackErrorCode } from './errors.js';
import { guarded } from './failure.js';
import { homeView } from './home.js';
import { answerMessage } from './messages.js';
import { ReplyPoster } from './reply-poster.js';
import { SlackNudgeSink } from './sink.js';
import { SlackImages } from './images.js';
import type { SlackMessageEvent } from './translate.js';

export type SlackAppOptions = {
  config: Config;
  /** The assistant, nudge management, feedback and de-duplication (src/adapter-kit/services.ts). */
  services: AdapterServices;
  log: Logger;
  /** Tests: the bot's ids (skips auth.test per event), WebClient options (retries), listen host. */
  testing?: { botId: string; botUserId: string; clientOptions?: webApi.WebClientOptions; host?: string };
};

export type SlackApp = {
  app: InstanceType<typeof App>;
  mode: 'socket' | 'http';
  /** Connects (Socket Mode) or listens (HTTP); returns the HTTP port in HTTP mode. */
  start(): Promise<{ port: number | null }>;
  stop(): Promise<void>;
  sink: NudgeSink;
};

/** Transient errors are retried twice quickly; longer waits are the nudge engine's business. */
const RETRY_CONFIG = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000, randomize: true };

const apiUrl = (url: string | undefined) => (url ? (url.endsWith('/') ? url : `${url}/`) : undefined);

type ActionArgs = { ack: () => Promise<void>; body: any; action: any; respond?: Respond };

function actionInput(args: ActionArgs, log: Logger): ActionInput {
  const { body, action } = args;
  const message = body.message as { ts?: string; thread_ts?: string } | undefined;
  return {
    value: typeof action?.value === 'string' ? action.value : undefined,
    user: String(body.user?.id ?? ''),
    team: String(body.team?.id ?? body.user?.team_id ?? ''),
    channel: body.channel?.id ?? body.container?.channel_id ?? null,
    message: message?.ts ? { ts: message.ts, ...(message.thread_ts ? { threadTs: message.thread_ts } : {}) } : null,
    ephemeral: Boolean(body.container?.is_ephemeral) || !message,
    respond: args.respond ?? (async () => log.warn({ code: 'slack_no_response_url' }, 'slack_no_response_url')),
  };
}

export function createSlackApp(opts: SlackAppOptions): SlackApp {
  const { config, log } = opts;
  if (!config.SLACK_BOT_TOKEN) throw new Error('SLACK_BOT_TOKEN is not set');
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  if (!socketMode && !config.SLACK_SIGNING_SECRET) throw new Error('SLACK_SIGNING_SECRET is required in HTTP mode');

  const clientOptions: webApi.WebClientOptions = {
    ...(config.SLACK_API_URL ? { slackApiUrl: apiUrl(config.SLACK_API_URL) } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: RETRY_CONFIG,
    ...opts.testing?.clientOptions,
  };
  const appOptions: AppOptions = {
    token: config.SLACK_BOT_TOKEN,
    logger: boltLogger(log),
    logLevel: LogLevel.WARN,
    clientOptions,
    // Bolt's conversation store keeps per-channel state we never read; the core keeps its own context.
    convoStore: false,
    ...(opts.testing ? { botId: opts.testing.botId, botUserId: opts.testing.botUserId } : {}),
    ...(socketMode
      ? { socketMode: true, appToken: config.SLACK_APP_TOKEN }
      : {
          signingSecret: config.SLACK_SIGNING_SECRET,
          customRoutes: [{ path: '/healthz', method: 'GET', handler: (_req, res) => { res.writeHead(200); res.end('ok'); } }],
        }),
  };
  const app = new App(appOptions);

  const poster = new ReplyPoster(app.client, log);
  const deps: SlackDeps = { services: opts.services, log, poster, images: new SlackImages(app.client, opts.services, log) };

  // Slack retries an event it thinks we missed; Bolt does not drop them. Events are acked before this runs.
  app.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string') {
      if (!(await deps.services.firstDelivery(`slack:${eventId}`))) {
        log.info({ code: 'slack_retry_dropped', retryNum: context.retryNum ?? 0 }, 'slack_retry_dropped');
        return;
      }
    }
    await next();
  });

  app.event('app_mention', async ({ event, body, context }) =>
    answerMessage(deps, 'mention', event as unknown as SlackMessageEvent, String(body.team_id), context.botUserId));
  app.event('message', async ({ event, body, context }) =>
    answerMessage(deps, 'dm', event as unknown as SlackMessageEvent, String(body.team_id), context.botUserId));

  app.command('/backtip', async ({ command, ack, respond }) =>
    runCommand(log, backtipPlan(deps, command.text ?? ''), ack as never, respond as Respond));
  app.command('/backbuddy', async ({ command, ack, respond }) =>
    runCommand(log, backbuddyPlan(deps, { team: command.team_id, channel: command.channel_id, user: command.user_id }, command.text ?? ''),
      ack as never, respond as Respond));

  const onAction = (action: ActionId) =>
    async (args: ActionArgs) => {
      await args.ack();
      const input = actionInput(args, log);
      await guarded(log, `action_${action}`, () => onPress(deps, action, input),
        (msg) => input.respond({ response_type: 'ephemeral', replace_original: false, ...msg }));
    };
  for (const action of Object.values(ActionId)) {
    const indexed = action === ActionId.openEntry || action === ActionId.clarifyOption;
    app.action(indexed ? indexedActionPattern(action) : action, onAction(action) as never);
  }

  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    await guarded(log, 'home', async () => {
      await app.client.views.publish({ user_id: event.user, view: await homeView(deps, String(body.team_id), event.user) });
    });
  });

  // Uninstalling the app (or revoking its token) stops the workspace's nudges.
  const forget = async (team: string) => guarded(log, 'uninstall', () => deps.services.uninstall('slack', team));
  app.event('app_uninstalled', async ({ body }) => forget(String(body.team_id)));
  app.event('tokens_revoked', async ({ event, body }) => {
    if (event.tokens.bot?.length) await forget(String(body.team_id));
  });

  app.error(async (e) => {
    log.error({ code: 'slack_unhandled', slackError: slackErrorCode(e), boltCode: (e as { code?: string }).code }, 'slack_unhandled');
  });

  let server: Server | null = null;
  return {
    app,
    mode: socketMode ? 'socket' : 'http',
    sink: new SlackNudgeSink(app.client, deps.images),
    async start() {
      await registerInstallation(app.client, deps, log);
      if (socketMode) {
        await app.start();
        return { port: null };
      }
      server = (await app.start({ port: config.PORT, host: opts.testing?.host })) as Server;
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
      poster.stop();
      await app.stop();
    },
  };
}

/** Records the workspace and the bot's user id; a bad token fails here, with a hint, instead of on the first event. */
async function registerInstallation(client: webApi.WebClient, deps: SlackDeps, log: Logger): Promise<void> {
  let auth: webApi.AuthTestResponse;
  try {
    auth = await client.auth.test();
  } catch (e) {
    const code = slackErrorCode(e);
    log.error({ code: 'slack_auth_failed', slackError: code }, 'slack_auth_failed');
    throw new Error(`Slack rejected SLACK_BOT_TOKEN (${code}): copy the Bot User OAuth Token (xoxb-…) from the app's "OAuth & Permissions" page, and reinstall the app if its scopes changed.`);
  }
  if (!auth.team_id) return;
  await deps.services.install({
    platform: 'slack', workspace: auth.team_id, name: auth.team ?? null, botUserId: auth.user_id ?? null,
    // Single-workspace install: the token stays in the environment, not in the database.
  });
}
