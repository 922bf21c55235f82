// The adapter's one catch point (src/adapter-kit/guard.ts) with Slack's error names; the fallback is a
// polite notice in Block Kit.
import type { Logger } from 'pino';
import { FALLBACK_TEXT, guarded as guard } from '../../src/adapter-kit/guard.js';
import { renderNotice } from './render.js';
import type { SlackMessage } from './blocks.js';
import { slackErrorCode } from './errors.js';

export const FALLBACK_MESSAGE: SlackMessage = renderNotice(FALLBACK_TEXT);

export type Fallback = (msg: SlackMessage) => Promise<unknown>;

export const guarded = (log: Logger, what: string, work: () => Promise<void>, fallback?: Fallback): Promise<void> =>
  guard({ platform: 'slack', errorCode: slackErrorCode, log }, what, work, fallback && (() => fallback(FALLBACK_MESSAGE)));
