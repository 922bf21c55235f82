// The Slack adapter's door: start-up code calls startSlack when SLACK_BOT_TOKEN is set.
import { webApi } from '@slack/bolt';
import type { NudgeSink } from '../../src/nudges/sink.js';
import { createSlackApp, slackClientOptions, type SlackAppOptions, type SlackConnection } from './app.js';
import { slackErrorCode, slackStartupProblem } from './errors.js';

export { createSlackApp, type SlackApp, type SlackAppOptions } from './app.js';
export { SlackNudgeSink } from './sink.js';

export type StartedSlack = { sink: NudgeSink; state(): SlackConnection; stopIntake(): Promise<void>; stop(): Promise<void> };

/**
 * Checks SLACK_BOT_TOKEN with auth.test first, so a wrong token or an unreachable Slack stops start-up
 * with one line (an Error whose message is that line), then connects or mounts the receiver.
 */
export async function startSlack(opts: Omit<SlackAppOptions, 'testing' | 'verified'>): Promise<StartedSlack> {
  const { config, log } = opts;
  let verified: webApi.AuthTestResponse;
  try {
    verified = await new webApi.WebClient(config.SLACK_BOT_TOKEN, { ...slackClientOptions(config), logLevel: webApi.LogLevel.ERROR, logger: silent }).auth.test();
  } catch (e) {
    log.error({ code: 'slack_auth_failed', slackError: slackErrorCode(e) }, 'slack_auth_failed');
    throw new Error(slackStartupProblem(e, 'SLACK_BOT_TOKEN', config.SLACK_API_URL));
  }
  const slack = createSlackApp({ ...opts, verified });
  const { port } = await slack.start();
  log.info({ code: 'slack_started', mode: slack.mode, ...(port !== null ? { port } : {}) }, 'slack_started');
  return { sink: slack.sink, state: () => slack.state(), stopIntake: () => slack.stopIntake(), stop: () => slack.stop() };
}

/** The WebClient logs each failed try as prose on the console; the failure is reported once, above. */
const silent: webApi.Logger = {
  debug: () => {}, info: () => {}, warn: () => {}, error: () => {},
  setLevel: () => {}, getLevel: () => webApi.LogLevel.ERROR, setName: () => {},
};
