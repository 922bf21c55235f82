// Bolt's InstallationStore over our store: what `oauth.v2.access` returns for a workspace (its bot token
// included) is sealed with AES-256-GCM (src/common/token-box.ts) before it reaches the database, and
// opened on each authorize. A value sealed with the previous key is sealed again with the current one
// when read, which is how a key rotation completes. Uninstalling drops it (services.uninstall).
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Logger } from 'pino';
import type { TokenBox } from '../../src/common/token-box.js';
import type { AdapterServices } from '../../src/adapter-kit/services.js';

/** The part of an installation that posting needs. */
export type BotCredentials = { token: string; botId: string | null; botUserId: string | null };

export class SlackInstallationStore implements InstallationStore {
  constructor(private readonly services: AdapterServices, private readonly box: TokenBox, private readonly log: Logger) {}

  async storeInstallation(installation: Installation): Promise<void> {
    // Org-wide (Enterprise Grid) installs have no team and would need per-team lookups we do not do.
    if (installation.isEnterpriseInstall || !installation.team?.id) throw new Error('org-wide installs are not supported: install into each workspace');
    if (!installation.bot?.token) throw new Error('the install returned no bot token: check the bot scopes');
    const team = installation.team.id;
    await this.services.install({ platform: 'slack', workspace: team, name: installation.team.name ?? null, botUserId: installation.bot.userId ?? null });
    await this.services.credentials.save('slack', team, this.box.seal(JSON.stringify(installation), team));
    this.log.info({ code: 'slack_installed' }, 'slack_installed');
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const found = query.teamId ? await this.read(query.teamId) : null;
    // Bolt treats a throw as "not authorized" and drops the event; the message names no token.
    if (!found) throw new Error('no installation for this workspace');
    return found;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    if (query.teamId) await this.services.uninstall('slack', query.teamId);
  }

  /** The bot token of a workspace, for calls outside an event (nudges, replies); null when not installed. */
  async botCredentials(team: string): Promise<BotCredentials | null> {
    const i = await this.read(team);
    return i?.bot?.token ? { token: i.bot.token, botId: i.bot.id ?? null, botUserId: i.bot.userId ?? null } : null;
  }

  /**
   * Opens up to `sample` stored installations with the configured keys. A key that opens none of them
   * is the wrong key: start-up stops with this line instead of failing on every event.
   */
  async checkKey(sample = 3): Promise<string | null> {
    const rows = await this.services.credentials.list('slack', sample);
    for (const row of rows) {
      const opened = this.box.open(row.sealed, row.workspace);
      if (!opened.ok) {
        return `TOKEN_ENCRYPTION_KEY cannot decrypt the stored Slack installations (${opened.error.message}); ` +
          'set the key they were sealed with, or during a rotation the old one as TOKEN_ENCRYPTION_KEY_PREVIOUS';
      }
    }
    return null;
  }

  private async read(team: string): Promise<Installation | null> {
    const sealed = await this.services.credentials.get('slack', team);
    if (!sealed) return null;
    const opened = this.box.open(sealed, team);
    if (!opened.ok) {
      this.log.error({ code: 'slack_credentials_unreadable', reason: opened.error.code }, 'slack_credentials_unreadable');
      return null;
    }
    if (opened.value.stale) {
      await this.services.credentials.save('slack', team, this.box.seal(opened.value.plain, team));
      this.log.info({ code: 'slack_credentials_resealed' }, 'slack_credentials_resealed');
    }
    return JSON.parse(opened.value.plain) as Installation;
  }
}
