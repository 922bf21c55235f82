import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { callJson, webApiFetch } from '../../../adapters/slack/transport.js';
import { slackErrorCode, toSinkFailure } from '../../../adapters/slack/errors.js';
import { netFailureOf } from '../../../src/common/net-error.js';

// The Web API client's transport over node:http: what the client sends reaches the server unchanged,
// and what comes back (status, headers, body, failures) reads as the global fetch's would.
describe('Slack Web API transport', () => {
  let server: Server;
  let base: string;
  const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
  let handler: (req: IncomingMessage, res: ServerResponse, body: string) => void = () => {};

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        handler(req, res, body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(value));
  };

  it('carries a WebClient call, form body and headers included, and gives back its result', async () => {
    handler = (_req, res, body) => json(res, 200, { ok: true, ts: '1.2', echoed: new URLSearchParams(body).get('blocks') });
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: `${base}/api/`, fetch: webApiFetch(), retryConfig: { retries: 0 } });
    const blocks = JSON.stringify([{ type: 'section', text: { type: 'mrkdwn', text: 'Héllo & “quotes” ✓' } }]);
    const result = await client.chat.postMessage({ channel: 'C1', text: 'Héllo', blocks: blocks as never });
    expect(result).toMatchObject({ ok: true, ts: '1.2', echoed: blocks });
    const req = seen.at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api/chat.postMessage');
    expect(req.headers.authorization).toBe('Bearer xoxb-test');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Number(req.headers['content-length'])).toBe(Buffer.byteLength(req.body));
    expect(new URLSearchParams(req.body).get('text')).toBe('Héllo');
  });

  it('answers a 429 with its headers, so the client reads retry-after', async () => {
    handler = (_req, res) => json(res, 429, { ok: false }, { 'retry-after': '7' });
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: `${base}/api/`, fetch: webApiFetch(), rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 7 });
  });

  it('refuses a redirect, as fetch does with redirect: error', async () => {
    handler = (_req, res) => {
      res.writeHead(302, { location: 'http://elsewhere.invalid/' });
      res.end();
    };
    const f = webApiFetch();
    await expect(f(`${base}/api/x`, { method: 'POST', body: 'a=1', headers: {}, redirect: 'error' })).rejects.toThrow(TypeError);
  });

  it('reads an empty body, a 204 and a plain-text error like fetch', async () => {
    const f = webApiFetch();
    handler = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    const empty = await f(`${base}/api/x`, { method: 'POST', body: '', headers: {}, redirect: 'error' });
    expect([empty.status, await empty.text()]).toEqual([204, '']);
    handler = (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('boom');
    };
    const error = await f(`${base}/api/x`, { method: 'POST', body: 'a=1', headers: {}, redirect: 'error' });
    expect([error.status, error.headers.get('content-type'), await error.text()]).toEqual([500, 'text/plain', 'boom']);
  });

  it('fails a refused connection as fetch does, with the cause start-up names', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const error = await webApiFetch()(`http://127.0.0.1:${port}/api/x`, { method: 'POST', body: 'a=1', headers: {}, redirect: 'error' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(netFailureOf(error)).toBe('refused');
  });

  it('rejects with the signal reason when aborted', async () => {
    handler = () => {}; // never answers
    const controller = new AbortController();
    const pending = webApiFetch()(`${base}/api/x`, { method: 'POST', body: 'a=1', headers: {}, redirect: 'error', signal: controller.signal });
    controller.abort(new Error('gave up'));
    await expect(pending).rejects.toThrow('gave up');
  });

  it('sends a request again on a new connection when the kept-alive one was closed while idle', async () => {
    handler = (_req, res) => json(res, 200, { ok: true });
    const f = webApiFetch();
    const post = () => f(`${base}/api/x`, { method: 'POST', body: 'a=1', headers: {}, redirect: 'error' });
    expect((await post()).status).toBe(200);
    // The server drops its idle connections; the next request goes out on the dead one first.
    server.closeIdleConnections();
    const before = seen.length;
    expect((await post()).status).toBe(200);
    expect(seen.length).toBe(before + 1);
  });

  it('leaves what it does not handle (other methods, non-string bodies) to the fallback', async () => {
    const calls: unknown[] = [];
    const fallback = (async (input: unknown, init: unknown) => {
      calls.push([input, init]);
      return new Response('fallback');
    }) as typeof fetch;
    const f = webApiFetch(fallback);
    await f(`${base}/api/x`);
    await f(`${base}/upload`, { method: 'POST', body: new FormData(), redirect: 'error' });
    await f(`${base}/api/x`, { method: 'POST', body: 'a=1', headers: new Headers(), redirect: 'error' });
    expect(calls).toHaveLength(3);
  });

  describe('callJson', () => {
    const client = () => new webApi.WebClient('xoxb-json', { slackApiUrl: `${base}/api/` });
    const noWait = { retries: 2, minTimeout: 1, maxTimeout: 1 };

    it('posts the arguments as JSON with the token, and returns the result', async () => {
      handler = (_req, res) => json(res, 200, { ok: true, ts: '9.9' });
      const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'a “b” & c' } }];
      expect(await callJson(client(), 'chat.postMessage', { channel: 'C1', text: 'x', blocks })).toMatchObject({ ok: true, ts: '9.9' });
      const req = seen.at(-1)!;
      expect(req.url).toBe('/api/chat.postMessage');
      expect(req.headers.authorization).toBe('Bearer xoxb-json');
      expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(req.body)).toEqual({ channel: 'C1', text: 'x', blocks });
    });

    it('fails as the Web API client does: Slack errors, rate limits, HTTP errors after retries, network errors', async () => {
      handler = (_req, res) => json(res, 200, { ok: false, error: 'channel_not_found' });
      const platform = await callJson(client(), 'chat.postMessage', {}, { retry: noWait }).catch((e: unknown) => e);
      expect(slackErrorCode(platform)).toBe('channel_not_found');
      expect(toSinkFailure(platform)).toMatchObject({ kind: 'permanent' });

      handler = (_req, res) => json(res, 429, { ok: false }, { 'retry-after': '3' });
      let before = seen.length;
      expect(toSinkFailure(await callJson(client(), 'chat.postMessage', {}, { retry: noWait }).catch((e: unknown) => e))).toEqual({ kind: 'rate_limited', retryAfterMs: 3000 });
      expect(seen.length - before).toBe(1);

      handler = (_req, res) => json(res, 503, { ok: false });
      before = seen.length;
      expect(slackErrorCode(await callJson(client(), 'chat.postMessage', {}, { retry: noWait }).catch((e: unknown) => e))).toBe('http_503');
      expect(seen.length - before).toBe(3);

      const closed = createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((r) => closed.close(r));
      const gone = new webApi.WebClient('xoxb-json', { slackApiUrl: `http://127.0.0.1:${port}/api/` });
      const network = await callJson(gone, 'chat.postMessage', {}, { retry: { retries: 0 } }).catch((e: unknown) => e);
      expect(slackErrorCode(network)).toBe('request_failed');
      expect(netFailureOf(network)).toBe('refused');
    });

    it('succeeds on a retry after a transient error', async () => {
      let n = 0;
      handler = (_req, res) => (++n === 1 ? json(res, 500, { ok: false }) : json(res, 200, { ok: true }));
      expect(await callJson(client(), 'chat.postMessage', {}, { retry: noWait })).toMatchObject({ ok: true });
      expect(n).toBe(2);
    });
  });
});
