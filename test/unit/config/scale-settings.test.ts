// The settings for installing into many workspaces and for scale: Slack OAuth, the token keys, Discord shards.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../../src/config/load.js';

const K1 = Buffer.alloc(32, 1);

describe('OAuth settings', () => {
  const oauth = {
    SLACK_CLIENT_ID: '1111.2222', SLACK_CLIENT_SECRET: 'secret-123', SLACK_STATE_SECRET: 'state-secret-0123456789',
    SLACK_SIGNING_SECRET: 'signing-secret', TOKEN_ENCRYPTION_KEY: K1.toString('base64'),
  };
  it('accepts a complete OAuth set-up, with the manifest scopes by default', () => {
    const c = loadConfig(oauth, '/x');
    const manifest = parse(readFileSync(join(import.meta.dirname, '../../../adapters/slack/manifest.yaml'), 'utf8')) as { oauth_config: { scopes: { bot: string[] } } };
    expect(c.ok && c.value.SLACK_SCOPES).toEqual(manifest.oauth_config.scopes.bot);
  });
  it.each([
    [{ TOKEN_ENCRYPTION_KEY: undefined }, 'TOKEN_ENCRYPTION_KEY: required with SLACK_CLIENT_ID'],
    [{ TOKEN_ENCRYPTION_KEY: 'abcd' }, 'TOKEN_ENCRYPTION_KEY: 32 random bytes in base64'],
    [{ TOKEN_ENCRYPTION_KEY_PREVIOUS: 'abcd' }, 'TOKEN_ENCRYPTION_KEY_PREVIOUS: 32 random bytes in base64'],
    [{ SLACK_STATE_SECRET: undefined }, 'SLACK_STATE_SECRET: required with SLACK_CLIENT_ID'],
    [{ SLACK_CLIENT_SECRET: undefined }, 'SLACK_CLIENT_SECRET: required with SLACK_CLIENT_ID'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_BOT_TOKEN: set either SLACK_BOT_TOKEN'],
    [{ SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_APP_TOKEN: OAuth installs (SLACK_CLIENT_ID) run in HTTP mode'],
    [{ SLACK_SCOPES: 'chat:write, BAD SCOPE' }, 'SLACK_SCOPES: a comma list of scopes'],
  ])('names the setting when %o', (over, message) => {
    const r = loadConfig({ ...oauth, ...over } as NodeJS.ProcessEnv, '/x');
    expect(r).toEqual({ ok: false, error: expect.stringContaining(message) });
    expect(r.ok || r.error).not.toContain('\n');
  });
});

describe('DISCORD_SHARDS', () => {
  const discord = { DISCORD_TOKEN: 'a.b.c', DISCORD_APPLICATION_ID: '100000000000000002' };
  it.each([['auto', 'auto'], ['AUTO', 'auto'], ['2', 2], [' 16 ', 16], ['', undefined]])('reads %j as %j', (value, expected) => {
    const c = loadConfig({ ...discord, DISCORD_SHARDS: value }, '/x');
    expect(c.ok && c.value.DISCORD_SHARDS).toBe(expected);
  });
  it.each(['0', '-1', '1.5', 'many', '2000'])('refuses %j with one line naming the setting', (value) => {
    expect(loadConfig({ ...discord, DISCORD_SHARDS: value }, '/x')).toEqual({ ok: false, error: expect.stringMatching(/^configuration: DISCORD_SHARDS: /) });
  });
});
