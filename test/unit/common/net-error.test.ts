import { describe, expect, it } from 'vitest';
import { netFailureOf } from '../../../src/common/net-error.js';
import { slackStartupProblem } from '../../../adapters/slack/errors.js';
import { discordStartupProblem } from '../../../adapters/discord/index.js';

/** The chain @slack/web-api builds for a failed request: WebAPIRequestError → original (fetch failed) → cause. */
const slackRequestError = (code: string) => Object.assign(new Error('A request error occurred: fetch failed'), {
  code: 'slack_webapi_request_error',
  original: Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(`getaddrinfo ${code} slack.com`), { code }) }),
});
const slackPlatformError = (error: string) => Object.assign(new Error(`An API error occurred: ${error}`), { code: 'slack_webapi_platform_error', data: { ok: false, error } });

describe('network failures, whatever wraps them', () => {
  it.each([
    ['ENOTFOUND', 'name_lookup'], ['EAI_AGAIN', 'name_lookup'], ['ECONNREFUSED', 'refused'], ['ETIMEDOUT', 'timeout'],
    ['ECONNRESET', 'reset'], ['UND_ERR_SOCKET', 'reset'], ['CERT_HAS_EXPIRED', 'tls'],
  ])('%s is %s', (code, kind) => expect(netFailureOf(slackRequestError(code))).toBe(kind));
  it('looks inside AggregateError (happy eyeballs tries IPv4 and IPv6)', () =>
    expect(netFailureOf(new TypeError('fetch failed', { cause: new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]) }))).toBe('refused'));
  it('is null for anything else, and for cycles', () => {
    const a: any = new Error('a');
    a.cause = a;
    expect(netFailureOf(a)).toBeNull();
    expect(netFailureOf(slackPlatformError('invalid_auth'))).toBeNull();
    expect(netFailureOf(null)).toBeNull();
  });
});

describe('start-up lines', () => {
  it('a name lookup failure says so and is not a rejected token', () => {
    const line = slackStartupProblem(slackRequestError('ENOTFOUND'), 'SLACK_BOT_TOKEN', undefined);
    expect(line).toBe('Slack: cannot reach slack.com: the host name does not resolve (DNS); check the network, DNS and any proxy');
  });
  it('a rejected token names the setting and where to get a new one', () => {
    expect(slackStartupProblem(slackPlatformError('token_revoked'), 'SLACK_BOT_TOKEN', undefined)).toMatch(/^SLACK_BOT_TOKEN: Slack rejected the token \(token_revoked\); copy the Bot User OAuth Token/);
    expect(slackStartupProblem(slackPlatformError('invalid_auth'), 'SLACK_APP_TOKEN', undefined)).toMatch(/^SLACK_APP_TOKEN: .*connections:write/);
  });
  it('a Slack outage is not the operator\'s token', () =>
    expect(slackStartupProblem(Object.assign(new Error('x'), { code: 'slack_webapi_http_error', statusCode: 503 }), 'SLACK_BOT_TOKEN', undefined)).toMatch(/answered http_503.*try again/));
  it('Discord: a 401 is the token, a lookup failure is the network', () => {
    expect(discordStartupProblem(Object.assign(new Error('x'), { code: 'TokenInvalid' }), undefined)).toMatch(/^DISCORD_TOKEN: Discord rejected the token/);
    expect(discordStartupProblem(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }) }), undefined)).toBe(
      'Discord: cannot reach discord.com: the host name does not resolve (DNS); check the network, DNS and any proxy');
  });
  it('every line is one line', () => {
    for (const e of [slackRequestError('ENOTFOUND'), slackPlatformError('invalid_auth'), new Error('multi\nline'), null]) {
      expect(slackStartupProblem(e, 'SLACK_BOT_TOKEN', 'http://127.0.0.1:1/api/')).not.toContain('\n');
      expect(discordStartupProblem(e, undefined)).not.toContain('\n');
    }
  });
});
