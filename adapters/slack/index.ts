// The Slack adapter's door: start-up code calls startSlack when SLACK_BOT_TOKEN is set.
import { webApi } from '@slack/bolt';
import type { NudgeSink } from '../../src/nudges/sink.js';
import { createSlackApp, slackClientOptions, type SlackAppOptions, type SlackConnection } from './app.js';
import { slackErrorCode, slackStartupProblem } from './errors.js';

export { createSlackApp, type SlackApp, type SlackAppOptions } from './app.js';
export { SlackNudgeSink } from './sink.js';

export type StartedSlack = { sink: NudgeSink; state(): SlackConnection; stopIntake(): Promise<void>; stop(): Promise<void> };

/**
 * Checks SLACK_BOT_TOKEN with auth.test, before anything else opens, so a wrong token or an unreachable
 * Slack stops start-up with one line (an Error whose message is that line).
 */
export async function verifySlackToken(config: SlackAppOptions['config'], log: SlackAppOptions['log']): Promise<webApi.AuthTestResponse> {
  // One quick retry: a start-up check should fail in seconds, not wait out the adapter's usual retries.
  const options = { ...slackClientOptions(config), retryConfig: { retries: 1, minTimeout: 500, maxTimeout: 500 }, logLevel: webApi.LogLevel.ERROR, logger: silent };
  const check = async <T>(setting: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN', call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (e) {
      log.error({ code: 'slack_auth_failed', setting, slackError: slackErrorCode(e) }, 'slack_auth_failed');
      throw new Error(slackStartupProblem(e, setting, config.SLACK_API_URL));
    }
  };
  const auth = await check('SLACK_BOT_TOKEN', () => new webApi.WebClient(config.SLACK_BOT_TOKEN, options).auth.test());
  // Socket Mode's client retries a refused app token for a long while; asking once here fails fast.
  // The URL it returns is not used (Bolt asks for its own when it connects).
  if (config.SLACK_APP_TOKEN) await check('SLACK_APP_TOKEN', () => new webApi.WebClient(config.SLACK_APP_TOKEN, options).apps.connections.open());
  return auth;
}

/** Connects (Socket Mode) or mounts the Events API receiver (HTTP mode); verifies the token first unless given its auth.test. */
export async function startSlack(opts: Omit<SlackAppOptions, 'testing'>): Promise<StartedSlack> {
  // One bot token is checked first; OAuth installs bring each workspace's own token.
  const verified = opts.verified ?? (opts.config.SLACK_BOT_TOKEN ? await verifySlackToken(opts.config, opts.log) : undefined);
  const slack = createSlackApp({ ...opts, ...(verified ? { verified } : {}) });
  const { port } = await slack.start();
  opts.log.info({ code: 'slack_started', mode: slack.mode, ...(port !== null ? { port } : {}) }, 'slack_started');
  return { sink: slack.sink, state: () => slack.state(), stopIntake: () => slack.stopIntake(), stop: () => slack.stop() };
}

/** The WebClient logs each failed try as prose on the console; the failure is reported once, above. */
const silent: webApi.Logger = {
  debug: () => {}, info: () => {}, warn: () => {}, error: () => {},
  setLevel: () => {}, getLevel: () => webApi.LogLevel.ERROR, setName: () => {},
};
