import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load.js';
import { ConfigSchema } from '../../../src/config/schema.js';

describe('config', () => {
  it('defaults everything when the environment is empty', () => {
    const c = loadConfig({}, '/nonexistent/.env');
    expect(c.ok && c.value).toMatchObject({ DATA_DIR: './data', CONTEXT_TTL_MINUTES: 30, PORT: 3000, LOG_LEVEL: 'info' });
  });

  it('names the variable and the expected form when a setting is malformed', () => {
    expect(loadConfig({ PORT: 'eighty' }, '/x')).toEqual({ ok: false, error: expect.stringMatching(/^configuration: PORT: /) });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'abc' }, '/x')).toEqual({ ok: false, error: expect.stringContaining('SLACK_BOT_TOKEN: a bot token starting with xoxb-') });
    expect(loadConfig({ DEFAULT_TZ: 'Mars/Olympus' }, '/x')).toEqual({ ok: false, error: expect.stringContaining('DEFAULT_TZ: an IANA time zone') });
    expect(loadConfig({ DATABASE_URL: 'mysql://x' }, '/x')).toEqual({ ok: false, error: expect.stringContaining('DATABASE_URL') });
  });

  it('requires a signing secret for HTTP mode', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' }, '/x');
    expect(c).toEqual({ ok: false, error: expect.stringContaining('SLACK_SIGNING_SECRET') });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }, '/x').ok).toBe(true);
  });

  it('requires the application id with a Discord token, and names what each Discord setting expects', () => {
    const token = 'MTAw.fake.token';
    expect(loadConfig({ DISCORD_TOKEN: token }, '/x')).toEqual({ ok: false, error: expect.stringContaining('DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set') });
    expect(loadConfig({ DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: 'abc' }, '/x')).toEqual({ ok: false, error: expect.stringContaining('DISCORD_APPLICATION_ID: the numeric Application ID') });
    expect(loadConfig({ DISCORD_TOKEN: 'not a token' }, '/x')).toEqual({ ok: false, error: expect.stringContaining('DISCORD_TOKEN: the bot token') });
    expect(loadConfig({ DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: '100000000000000002' }, '/x').ok).toBe(true);
  });

  it('accepts UTC, which Intl.supportedValuesOf leaves out on Node 20', () => {
    expect(loadConfig({ DEFAULT_TZ: 'UTC' }, '/x').ok).toBe(true);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: '', PORT: '' }, '/x').ok).toBe(true);
  });

  it('reads REGION case-insensitively, defaults to uk, and names the allowed values when it is wrong', () => {
    const uk = loadConfig({}, '/x');
    expect(uk.ok && uk.value.REGION).toBe('uk');
    const us = loadConfig({ REGION: ' US ' }, '/x');
    expect(us.ok && us.value.REGION).toBe('us');
    expect(loadConfig({ REGION: 'mars' }, '/x')).toEqual({ ok: false, error: expect.stringMatching(/^configuration: REGION: /) });
  });
  it('reads the admin page settings: a long enough token, Slack user ids, a public origin, session hours', () => {
    const c = loadConfig({ ADMIN_TOKEN: 'x'.repeat(16), ADMIN_PUBLIC_URL: 'https://backbuddy.example.com', ADMIN_SESSION_HOURS: '12' }, '/x');
    expect(c.ok && c.value).toMatchObject({ ADMIN_TOKEN: 'x'.repeat(16), ADMIN_SLACK_USER_IDS: [], ADMIN_PUBLIC_URL: 'https://backbuddy.example.com', ADMIN_SESSION_HOURS: 12 });
    const d = loadConfig({}, '/x');
    expect(d.ok && d.value).toMatchObject({ ADMIN_SLACK_USER_IDS: [], ADMIN_SESSION_HOURS: 8 });
    expect(d.ok && d.value.ADMIN_TOKEN).toBeUndefined();
    expect(loadConfig({ ADMIN_TOKEN: 'short' }, '/x')).toEqual({ ok: false, error: expect.stringContaining('ADMIN_TOKEN: at least 16 random characters') });
    expect(loadConfig({ ADMIN_PUBLIC_URL: 'https://host.example/admin' }, '/x')).toEqual({ ok: false, error: expect.stringContaining('ADMIN_PUBLIC_URL: scheme and host only') });
    expect(loadConfig({ ADMIN_SESSION_HOURS: '48' }, '/x')).toEqual({ ok: false, error: expect.stringMatching(/^configuration: ADMIN_SESSION_HOURS: /) });
    const oauth = { SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 'client-secret', SLACK_STATE_SECRET: 's'.repeat(16), SLACK_SIGNING_SECRET: 'signing-secret', TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') };
    const ids = loadConfig({ ...oauth, ADMIN_SLACK_USER_IDS: 'U0123ABCD, W0456EFGH' }, '/x');
    expect(ids.ok && ids.value.ADMIN_SLACK_USER_IDS).toEqual(['U0123ABCD', 'W0456EFGH']);
    expect(loadConfig({ ...oauth, ADMIN_SLACK_USER_IDS: 'alice' }, '/x')).toEqual({ ok: false, error: expect.stringContaining('ADMIN_SLACK_USER_IDS: a comma list of Slack user ids') });
    expect(loadConfig({ ADMIN_SLACK_USER_IDS: 'U0123ABCD' }, '/x')).toEqual({ ok: false, error: expect.stringContaining('ADMIN_SLACK_USER_IDS: used only by Sign in with Slack') });
  });

  it('documents every setting in .env.example', () => {
    const example = readFileSync(join(import.meta.dirname, '../../../.env.example'), 'utf8');
    const missing = Object.keys(ConfigSchema.shape).filter((k) => !new RegExp(`^(# )?${k}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });
});
