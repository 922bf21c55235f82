// Which WebClient speaks for a workspace. With SLACK_BOT_TOKEN there is one client for the one workspace;
// with OAuth installs each workspace has its own bot token, read from the store when needed, so every
// replica sees an install or uninstall made by another at once.
import { webApi } from '@slack/bolt';
import type { SlackInstallationStore } from './installations.js';

export interface SlackClients {
  /** The client holding this workspace's bot token; null when the workspace is not installed. */
  forTeam(team: string): Promise<webApi.WebClient | null>;
}

export const singleWorkspace = (client: webApi.WebClient): SlackClients => ({ forTeam: async () => client });

/** Clients are reused per token (a WebClient holds a request queue); the token is looked up on every call. */
export function installedWorkspaces(installs: SlackInstallationStore, options: webApi.WebClientOptions): SlackClients {
  const byToken = new Map<string, webApi.WebClient>();
  return {
    async forTeam(team) {
      const creds = await installs.botCredentials(team);
      if (!creds) return null;
      let client = byToken.get(creds.token);
      if (!client) {
        // A small bound: a revoked token's client is dropped when the map is full, not kept for ever.
        if (byToken.size >= 1000) byToken.clear();
        client = new webApi.WebClient(creds.token, { ...options, teamId: team });
        byToken.set(creds.token, client);
      }
      return client;
    },
  };
}
