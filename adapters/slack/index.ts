// The Slack adapter's door: start-up code calls startSlack when SLACK_BOT_TOKEN is set.
import type { NudgeSink } from '../../src/nudges/sink.js';
import { createSlackApp, type SlackAppOptions } from './app.js';

export { createSlackApp, type SlackApp, type SlackAppOptions } from './app.js';
export { SlackNudgeSink } from './sink.js';

export async function startSlack(opts: Omit<SlackAppOptions, 'testing'>): Promise<{ stop(): Promise<void>; sink: NudgeSink }> {
  const slack = createSlackApp(opts);
  const { port } = await slack.start();
  opts.log.info({ code: 'slack_started', mode: slack.mode, ...(port !== null ? { port } : {}) }, 'slack_started');
  return { stop: () => slack.stop(), sink: slack.sink };
}
