// Builds the Bolt app: Socket Mode with SLACK_APP_TOKEN, else HTTP (Events API) with the signing secret.
// With SLACK_CLIENT_ID instead of SLACK_BOT_TOKEN it installs into many workspaces through OAuth (HTTP
// mode): Bolt serves /slack/install and /slack/oauth_redirect and authorizes each event from the store.
// Listeners only translate; every handler acks first, then works (Slack gives 3 s to ack).
// Named imports: `import bolt from` gives module.exports under Node but the App class under vitest.
import { App, LogLevel, type AppOptions, type webApi } from '@slack/bolt';
import type { RequestListener, Server } from 'node:http';
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
import { slackErrorCode, slackStartupProblem } from './errors.js';
import { guarded } from './failure.js';
import { homeView } from './home.js';
import { answerMessage } from './messages.js';
import { SlackPeopleDirectory } from './people.js';
import { ReplyPoster } from './reply-poster.js';
import { guardBodyParser } from './receiver-guard.js';
import { SlackNudgeSink } from './sink.js';
import { installedWorkspaces, singleWorkspace, type SlackClients } from './clients.js';
import { oauthOptions, StartError } from './oauth.js';
import { SlackImages } from './images.js';
import { RETRY_CONFIG, sharedWebApiFetch } from './transport.js';
import type { SlackMessageEvent } from './translate.js';

export { StartError } from './oauth.js';

export type SlackAppOptions = {
  config: Config;
  /** The assistant, nudge management, feedback and de-duplication (src/adapter-kit/services.ts). */
  services: AdapterServices;
  log: Logger;
  /** Tests: the bot's ids (skips auth.test per event), WebClient options (retries), listen host. */
  testing?: { botId: string; botUserId: string; clientOptions?: webApi.WebClientOptions; host?: string };
  /**
   * The token's auth.test, already made (startSlack verifies it first so a bad token is one clear line).
   * Its ids are handed to Bolt, which then never calls auth.test itself: Bolt's own call in its
   * constructor rejects outside any await, and that crashed start-up with a stack trace.
   */
  verified?: webApi.AuthTestResponse;
  /** In HTTP mode, the process's one HTTP server (app/http-server.ts): Slack's requests are mounted on it instead of a server of Bolt's. */
  http?: { fallback(listener: RequestListener | null): void };
};

export type SlackConnection = 'connecting' | 'connected' | 'disconnected';

export type SlackApp = {
  app: InstanceType<typeof App>;
  mode: 'socket' | 'http';
  /** Connects (Socket Mode) or listens (HTTP); returns the HTTP port in HTTP mode. */
  start(): Promise<{ port: number | null }>;
  /** HTTP mode: connected once started (there is no standing connection); Socket Mode: the socket's state. */
  state(): SlackConnection;
  /** Takes no new events (Socket Mode disconnects, so Slack redelivers to another replica; HTTP answers 503); replies in progress can still post. */
  stopIntake(): Promise<void>;
  stop(): Promise<void>;
  sink: NudgeSink;
};

/** While shutting down, Slack's requests get 503 and Slack retries them (another replica can take them). */
const unavailable: RequestListener = (_req, res) => {
  res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5' });
  res.end('shutting down\n');
};


const apiUrl = (url: string | undefined) => (url ? (url.endsWith('/') ? url : `${url}/`) : undefined);

/** The Web API client's options: the API URL (a fake in tests), retries, rate limits, the HTTP transport. */
export const slackClientOptions = (config: Pick<Config, 'SLACK_API_URL'>): webApi.WebClientOptions => ({
  ...(config.SLACK_API_URL ? { slackApiUrl: apiUrl(config.SLACK_API_URL) } : {}),
  fetch: sharedWebApiFetch(),
  rejectRateLimitedCalls: true,
  retryConfig: RETRY_CONFIG,
});

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

/** The events the app listens to (the manifest's bot events), as one pattern. */
const EVENT_TYPES = /^(?:app_mention|message|app_home_opened|app_uninstalled|tokens_revoked)$/;
const COMMANDS = /^\/(?:backtip|backbuddy)$/;

/** Each button's action id, exactly, or with its `:<n>` for the ones that sit side by side. */
const actionPatterns: ReadonlyArray<readonly [RegExp, ActionId]> = Object.values(ActionId).map((a) =>
  [a === ActionId.openEntry || a === ActionId.clarifyOption ? indexedActionPattern(a) : new RegExp(`^${a}$`), a] as const);
const ACTION_IDS = new RegExp(actionPatterns.map(([re]) => `(?:${re.source})`).join('|'));
const actionFor = (id: string): ActionId | undefined => actionPatterns.find(([re]) => re.test(id))?.[1];

export function createSlackApp(opts: SlackAppOptions): SlackApp {
  const { config, log } = opts;
  const oauth = oauthOptions(config, opts.services, log);
  if (!config.SLACK_BOT_TOKEN && !oauth) throw new Error('SLACK_BOT_TOKEN (or SLACK_CLIENT_ID) is not set');
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  if (!socketMode && !config.SLACK_SIGNING_SECRET) throw new Error('SLACK_SIGNING_SECRET is required in HTTP mode');

  const clientOptions: webApi.WebClientOptions = { ...slackClientOptions(config), ...opts.testing?.clientOptions };
  const appOptions: AppOptions = {
    ...(oauth ? oauth.appOptions : { token: config.SLACK_BOT_TOKEN }),
    logger: boltLogger(log),
    logLevel: LogLevel.WARN,
    clientOptions,
    // Bolt's conversation store keeps per-channel state we never read; the core keeps its own context.
    convoStore: false,
    ...(opts.testing && !oauth ? { botId: opts.testing.botId, botUserId: opts.testing.botUserId } : {}),
    ...(!opts.testing && !oauth && opts.verified?.bot_id && opts.verified.user_id ? { botId: opts.verified.bot_id, botUserId: opts.verified.user_id } : {}),
    ...(socketMode
      ? { socketMode: true, appToken: config.SLACK_APP_TOKEN }
      : {
          signingSecret: config.SLACK_SIGNING_SECRET,
          customRoutes: [{ path: '/healthz', method: 'GET', handler: (_req, res) => { res.writeHead(200); res.end('ok'); } }],
        }),
  };
  const app = new App(appOptions);
  if (!socketMode) guardBodyParser();

  const clients: SlackClients = oauth ? installedWorkspaces(oauth.installs, clientOptions) : singleWorkspace(app.client);
  const poster = new ReplyPoster(clients, log, clientOptions.retryConfig ?? RETRY_CONFIG);
  const people = new SlackPeopleDirectory(clients);
  const deps: SlackDeps = { services: opts.services, log, poster, people, images: new SlackImages(clients, opts.services, log) };

  // Slack retries an event it thinks we missed; Bolt does not drop them. Events are acked before this runs.
  // Every event, command and action is counted while it runs, so shutdown can wait for it.
  app.use(async ({ body, context, next }) => deps.services.work.run(async () => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string') {
      if (!(await deps.services.firstDelivery(`slack:${eventId}`))) {
        log.info({ code: 'slack_retry_dropped', retryNum: context.retryNum ?? 0 }, 'slack_retry_dropped');
        return;
      }
    }
    await next();
  }));

  // Bolt runs every listener's middleware chain for every event, command and press: with one listener
  // per event type, command and button (fifteen), each mention went through fifteen chains to reach one.
  // So there is one listener per kind, matching every name it handles, and the name picks the handler.
  // Uninstalling the app (or revoking its token) stops the workspace's nudges.
  const forget = async (team: string) => guarded(log, 'uninstall', () => deps.services.uninstall('slack', team));
  app.event(EVENT_TYPES, async ({ event, body, context, client }) => {
    const team = String(body.team_id);
    const e = event as unknown as { type: string; tab?: string; user?: string; tokens?: { bot?: unknown[] } };
    switch (e.type) {
      case 'app_mention':
        return answerMessage(deps, 'mention', event as unknown as SlackMessageEvent, team, context.botUserId);
      case 'message':
        return answerMessage(deps, 'dm', event as unknown as SlackMessageEvent, team, context.botUserId);
      case 'app_home_opened':
        if (e.tab !== 'home' || typeof e.user !== 'string') return;
        return void (await guarded(log, 'home', async () => {
          await client.views.publish({ user_id: e.user!, view: await homeView(deps, team, e.user!) });
        }));
      case 'app_uninstalled':
        return void (await forget(team));
      case 'tokens_revoked':
        if (e.tokens?.bot?.length) await forget(team);
        return;
    }
  });

  app.command(COMMANDS, async ({ command, ack, respond }) => {
    const plan = command.command === '/backtip'
      ? backtipPlan(deps, command.text ?? '')
      : backbuddyPlan(deps, { team: command.team_id, channel: command.channel_id, user: command.user_id }, command.text ?? '');
    return runCommand(log, plan, ack as never, respond as Respond);
  });

  app.action(ACTION_IDS, (async (args: ActionArgs) => {
    await args.ack();
    const action = actionFor(String(args.action?.action_id ?? ''));
    if (!action) return;
    const input = actionInput(args, log);
    await guarded(log, `action_${action}`, () => onPress(deps, action, input),
      (msg) => input.respond({ response_type: 'ephemeral', replace_original: false, ...msg }));
  }) as never);

  app.error(async (e) => {
    // OAuth mode: an event from a workspace with no installation (uninstalled, or a stale retry). Bolt has acked it.
    if ((e as { code?: string }).code === 'slack_bolt_authorization_error') return void log.warn({ code: 'slack_not_installed' }, 'slack_not_installed');
    log.error({ code: 'slack_unhandled', slackError: slackErrorCode(e), boltCode: (e as { code?: string }).code }, 'slack_unhandled');
  });

  // Bolt's receiver is private in its types; at run time it is the HTTPReceiver (HTTP mode) or the
  // SocketModeReceiver, whose client reports the socket's state.
  const receiver = (app as unknown as { receiver: { requestListener?: RequestListener; client?: { on(event: string, f: () => void): void } } }).receiver;
  let connection: SlackConnection = socketMode ? 'connecting' : 'connected';
  if (socketMode && receiver.client) {
    receiver.client.on('connected', () => void (connection = 'connected'));
    for (const e of ['connecting', 'reconnecting', 'disconnected']) {
      receiver.client.on(e, () => void (connection = e === 'disconnected' ? 'disconnected' : 'connecting'));
    }
  }

  let server: Server | null = null;
  let started = false;
  let listening = false;
  const mounted = !socketMode && opts.http !== undefined && typeof receiver.requestListener === 'function';
  return {
    app,
    mode: socketMode ? 'socket' : 'http',
    sink: new SlackNudgeSink(clients, deps.images, people),
    state: () => (started ? connection : 'connecting'),
    async start() {
      if (oauth) {
        // A wrong key would otherwise fail every event of every workspace; say so once, at start.
        const problem = await oauth.installs.checkKey();
        if (problem) throw new StartError(problem);
      } else {
        await registerInstallation(app.client, deps, log, opts.verified);
      }
      if (socketMode) {
        try {
          await app.start();
        } catch (e) {
          await app.stop().catch(() => {});
          throw new Error(slackStartupProblem(e, 'SLACK_APP_TOKEN', config.SLACK_API_URL));
        }
        started = listening = true;
        return { port: null };
      }
      if (mounted) {
        const listener = receiver.requestListener!;
        // Bolt throws (synchronously) for a path it does not serve, for its caller to route elsewhere:
        // here nothing is left, so that is a 404, not an uncaught exception ending the process.
        opts.http!.fallback((req, res) => {
          try {
            listener(req, res);
          } catch (e) {
            if ((e as { code?: string }).code !== 'slack_bolt_http_receiver_deferred_request_error') throw e;
            res.writeHead(404, { 'content-type': 'text/plain' });
            res.end('not found\n');
          }
        });
        started = true;
        return { port: null };
      }
      server = (await app.start({ port: config.PORT, host: opts.testing?.host })) as Server;
      started = listening = true;
      return { port: (server.address() as AddressInfo).port };
    },
    async stopIntake() {
      if (mounted) return void opts.http!.fallback(unavailable);
      if (socketMode && listening) {
        listening = false;
        await app.stop();
      }
    },
    async stop() {
      poster.stop();
      if (mounted) opts.http!.fallback(unavailable);
      else if (listening) {
        listening = false;
        await app.stop();
      }
    },
  };
}

/** Records the workspace and the bot's user id; a bad token fails here, with a hint, instead of on the first event. */
async function registerInstallation(client: webApi.WebClient, deps: SlackDeps, log: Logger, verified?: webApi.AuthTestResponse): Promise<void> {
  let auth: webApi.AuthTestResponse;
  try {
    auth = verified ?? (await client.auth.test());
  } catch (e) {
    log.error({ code: 'slack_auth_failed', slackError: slackErrorCode(e) }, 'slack_auth_failed');
    throw new Error(slackStartupProblem(e, 'SLACK_BOT_TOKEN', undefined));
  }
  if (!auth.team_id) return;
  await deps.services.install({
    platform: 'slack', workspace: auth.team_id, name: auth.team ?? null, botUserId: auth.user_id ?? null,
    // Single-workspace install: the token stays in the environment, not in the database.
  });
}
