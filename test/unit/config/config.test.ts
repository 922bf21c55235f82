import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';

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
});
