// OAuth installs (SLACK_CLIENT_ID): Bolt's installer settings, with our installation store sealing each
// workspace's token under TOKEN_ENCRYPTION_KEY. Null in single-workspace token mode (SLACK_BOT_TOKEN).
import type { AppOptions } from '@slack/bolt';
import type { Logger } from 'pino';
import type { AdapterServices } from '../../src/adapter-kit/services.js';
import { createTokenBox, parseKey } from '../../src/common/token-box.js';
import type { Config } from '../../src/config/schema.js';
import { SlackInstallationStore } from './installations.js';

/** A start-up failure whose message is the whole story for the operator (one line, no stack). */
export class StartError extends Error {
  override readonly name = 'StartError';
}

export type OAuth = { installs: SlackInstallationStore; appOptions: Partial<AppOptions> };

/** Bolt's installer settings for OAuth installs (SLACK_CLIENT_ID); null in single-workspace token mode. */
export function oauthOptions(c: Config, services: AdapterServices, log: Logger): OAuth | null {
  if (!c.SLACK_CLIENT_ID) return null;
  // The config schema has checked both keys and that these are set.
  const key = parseKey(c.TOKEN_ENCRYPTION_KEY ?? '');
  const previous = c.TOKEN_ENCRYPTION_KEY_PREVIOUS ? parseKey(c.TOKEN_ENCRYPTION_KEY_PREVIOUS) : null;
  if (!key.ok) throw new StartError(`TOKEN_ENCRYPTION_KEY: ${key.error}`);
  if (previous && !previous.ok) throw new StartError(`TOKEN_ENCRYPTION_KEY_PREVIOUS: ${previous.error}`);
  const installs = new SlackInstallationStore(services, createTokenBox(key.value, previous?.value), log);
  return {
    installs,
    appOptions: {
      clientId: c.SLACK_CLIENT_ID,
      clientSecret: c.SLACK_CLIENT_SECRET,
      // The state is a signed token in a cookie, not server memory, so any replica can finish an install.
      stateSecret: c.SLACK_STATE_SECRET,
      scopes: c.SLACK_SCOPES,
      installationStore: installs,
      ...(c.SLACK_REDIRECT_URI ? { redirectUri: c.SLACK_REDIRECT_URI } : {}),
      installerOptions: {
        installPath: '/slack/install',
        redirectUriPath: '/slack/oauth_redirect',
        ...(c.SLACK_REDIRECT_URI ? { redirectUriPath: new URL(c.SLACK_REDIRECT_URI).pathname } : {}),
        // The install page shows an "Add to Slack" button that carries the state (and sets its cookie).
        directInstall: false,
      },
    },
  };
}
