// The Web API client's HTTP transport. @slack/web-api posts every call with the global fetch (undici),
// whose WHATWG layers (Request and Headers objects, web streams, abort signals) cost about as much CPU per
// chat.postMessage as answering the question does: under npm run bench:slack the fetch machinery was
// the largest single part of a reply's cost after the core. The client takes a `fetch` option, so its
// calls (a form-encoded POST with a plain header object, redirects refused) go over node:http(s) with
// keep-alive agents instead: the same request on the wire, the same Response back. Anything else it
// might send (file uploads with FormData or bytes) goes to the global fetch as before. callJson, which
// posts the answers, reads the same exchange without the Response around it.
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { setTimeout as delay } from 'node:timers/promises';
import { webApi } from '@slack/bolt';

/** undici's default headers and body timeouts: a server that stops answering is given up on after this. */
const IDLE_TIMEOUT_MS = 300_000;
/** Statuses whose Response must have no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 204, 205, 304]);
const REDIRECT = new Set([301, 302, 303, 307, 308]);

type Init = NonNullable<Parameters<typeof fetch>[1]>;

/** What came back from one POST, before any WHATWG wrapping: callJson reads it as it is. */
export type RawResponse = { status: number; statusText: string; rawHeaders: string[]; body: Buffer };

/** One POST of a string body over the kept-alive agents; rejects as the global fetch would (TypeError 'fetch failed', its cause). */
export type RawPost = (url: URL, body: string, headers: Record<string, string>, signal?: AbortSignal) => Promise<RawResponse>;

export function rawPoster(): RawPost {
  const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };
  const send = (url: URL, body: string, given: Record<string, string>, signal: AbortSignal | undefined, retried: boolean): Promise<RawResponse> =>
    new Promise<RawResponse>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const headers = { ...given, 'content-length': String(Buffer.byteLength(body)) };
      const options = { method: 'POST', headers, agent: agents[url.protocol as 'http:'] };
      let settled = false;
      const fail = (e: unknown) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        reject(e);
      };
      const onAbort = () => {
        req.destroy();
        fail(signal!.reason);
      };
      const req: ClientRequest = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => fail(new TypeError('fetch failed', { cause: e })));
        res.on('aborted', () => fail(new TypeError('fetch failed', { cause: Object.assign(new Error('the response was cut short'), { code: 'ECONNRESET' }) })));
        res.on('end', () => {
          if (settled) return;
          const status = res.statusCode ?? 0;
          // fetch with redirect: 'error' rejects on a redirect instead of following it.
          if (REDIRECT.has(status)) return fail(new TypeError('fetch failed', { cause: new Error('unexpected redirect') }));
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          resolve({ status, statusText: res.statusMessage ?? '', rawHeaders: res.rawHeaders, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) });
        });
      });
      req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('no answer from the server'), { code: 'ETIMEDOUT' })));
      req.on('error', (e: NodeJS.ErrnoException) => {
        // A kept-alive connection the server closed while it sat idle fails the request written on it
        // at that moment, before the server read it: sent once more on a new connection, as Node's
        // documentation for request.reusedSocket advises (undici does the same for idle sockets).
        if (!settled && !retried && req.reusedSocket && e.code === 'ECONNRESET') {
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          return resolve(send(url, body, given, signal, true));
        }
        fail(new TypeError('fetch failed', { cause: e }));
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      req.end(body);
    });
  return (url, body, headers, signal) => send(url, body, headers, signal, false);
}

/** A fetch for the Web API client; `fallback` takes what it does not handle itself. */
export function webApiFetch(fallback: typeof fetch = globalThis.fetch, post: RawPost = rawPoster()): typeof fetch {
  const handles = (input: unknown, init: Init | undefined): input is string =>
    typeof input === 'string' && init !== undefined && init.method === 'POST' && typeof init.body === 'string' && init.redirect === 'error' &&
    init.headers !== null && typeof init.headers === 'object' && Object.getPrototypeOf(init.headers) === Object.prototype;

  return (async (input: Parameters<typeof fetch>[0], init?: Init) => {
    if (!handles(input, init)) return fallback(input as Parameters<typeof fetch>[0], init);
    const url = new URL(input);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return fallback(input, init);
    const res = await post(url, init!.body as string, init!.headers as Record<string, string>, init!.signal ?? undefined);
    const pairs: [string, string][] = [];
    for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
    return new Response(NULL_BODY.has(res.status) ? null : res.body, { status: res.status, statusText: res.statusText, headers: pairs });
  }) as typeof fetch;
}

/** Transient failures are retried twice quickly, as the Web API client's own calls are (adapters/slack/app.ts). */
export const RETRY_CONFIG = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000, randomize: true };
export type RetryConfig = { retries?: number; factor?: number; minTimeout?: number; maxTimeout?: number; randomize?: boolean };

/** The wait before retry number `attempt` (0 first), the way p-retry (the client's retry library) computes it. */
const backoffMs = (c: RetryConfig, attempt: number) =>
  Math.min((c.minTimeout ?? 1000) * (c.randomize ? 1 + Math.random() : 1) * (c.factor ?? 2) ** attempt, c.maxTimeout ?? Infinity);

/**
 * Calls a Web API method with a JSON body, as the client's WebClient would with a form body: its token and
 * API URL, the same retries, and the same errors (WebAPIPlatformError, WebAPIRateLimitedError,
 * WebAPIHTTPError, WebAPIRequestError), so callers read failures alike. For chat.postMessage with large
 * blocks: the client form-encodes the blocks' JSON (three bytes for most punctuation) and builds a debug
 * line of the whole body at any log level, which made the post the largest allocation of an answer.
 * Slack takes JSON bodies for chat.postMessage (https://docs.slack.dev/apis/web-api/#post-bodies).
 */
export async function callJson(
  client: webApi.WebClient,
  method: string,
  args: Record<string, unknown>,
  options: { retry?: RetryConfig; signal?: AbortSignal; post?: RawPost } = {},
): Promise<webApi.WebAPICallResult> {
  // The raw exchange rather than the fetch above: a WHATWG Response (its Headers, a web stream for the
  // body and the text() that drains it) cost more CPU per answer than reading the bytes directly.
  const post = options.post ?? sharedPost();
  const retry = options.retry ?? RETRY_CONFIG;
  const body = JSON.stringify(args);
  const headers = { Authorization: `Bearer ${client.token ?? ''}`, 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json', 'User-Agent': USER_AGENT };
  for (let attempt = 0; ; attempt++) {
    let failure: Error;
    try {
      const res = await post(methodUrl(client.slackApiUrl, method), body, headers);
      if (res.status === 429) {
        const seconds = Number.parseInt(headerOf(res.rawHeaders, 'retry-after') ?? '', 10);
        // As the client with rejectRateLimitedCalls: not retried here; the caller decides whether to wait.
        if (Number.isNaN(seconds)) throw new Error(`Retry header did not contain a valid timeout (url: ${method})`);
        throw new webApi.WebAPIRateLimitedError(seconds);
      }
      const text = utf8Text(res.body);
      if (res.status === 200) {
        let result: webApi.WebAPICallResult;
        try {
          result = JSON.parse(text) as webApi.WebAPICallResult;
        } catch {
          result = { ok: false, error: text } as webApi.WebAPICallResult;
        }
        if (!result.ok) throw new webApi.WebAPIPlatformError(result as webApi.WebAPICallResult & { error: string });
        return result;
      }
      failure = new webApi.WebAPIHTTPError(res.status, res.statusText, headerObject(res.rawHeaders), text);
    } catch (e) {
      if (e instanceof webApi.WebAPIRateLimitedError || e instanceof webApi.WebAPIPlatformError || !(e instanceof Error) || e.message.startsWith('Retry header')) throw e;
      failure = new webApi.WebAPIRequestError(e);
    }
    if (attempt >= (retry.retries ?? 0)) throw failure;
    await delay(backoffMs(retry, attempt), undefined, options.signal ? { signal: options.signal } : undefined);
  }
}

/** A header's value from Node's raw list (name, value, name, value…), by name in any case; repeats joined as Headers.get joins them. */
function headerOf(raw: string[], name: string): string | null {
  let value: string | null = null;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === name) value = value === null ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`;
  }
  return value;
}

/** The headers as Object.fromEntries(response.headers.entries()) gives them: lower-case names, repeats joined. */
function headerObject(raw: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    out[name] = name in out ? `${out[name]}, ${raw[i + 1]!}` : raw[i + 1]!;
  }
  return out;
}

/** The body as Response.text() reads it: UTF-8, a leading byte-order mark dropped. */
const utf8Text = (body: Buffer): string => {
  const text = body.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
};

/** Parsed method URLs, per API URL and method: a handful per process (a few methods, one API URL). */
const urls = new Map<string, URL>();
function methodUrl(base: string | undefined, method: string): URL {
  const href = `${base}${method}`;
  let url = urls.get(href);
  if (!url) {
    if (urls.size >= 100) urls.clear();
    url = new URL(href);
    urls.set(href, url);
  }
  return url;
}

let shared: RawPost | null = null;
let sharedFetch: typeof fetch | null = null;
const sharedPost = (): RawPost => (shared ??= rawPoster());
/** The transport every Web API client of the process uses, so they share its kept-alive connections (with callJson too). */
export const sharedWebApiFetch = (): typeof fetch => (sharedFetch ??= webApiFetch(globalThis.fetch, sharedPost()));

const USER_AGENT = `backbuddy node/${process.versions.node} ${process.platform}`;
