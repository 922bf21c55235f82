// Fake Slack Web API on 127.0.0.1, for adapter tests and the Slack bench.
// Emulates: `POST /api/<method>` with form or JSON bodies (as @slack/web-api sends them), `{ ok: true, … }`
// replies with a `ts` for posts, `{ ok: false, error }` and HTTP 429 + retry-after when a handler asks
// for them, and `POST /response/<id>` standing in for `response_url` (Bolt's `respond()` posts JSON there).
// File uploads: files.getUploadURLExternal answers a file id and an upload_url on this server
// (`POST /upload/<file id>`, recorded as method `upload` with the byte count and the PNG signature), and
// files.completeUploadExternal answers the files it was given. It does not check that the upload happened
// before the completion, nor keep the files.
// Sign in with Slack: `GET /openid/connect/authorize` (beside /api/, as on slack.com) redirects back at
// once with the code its `openid.connect.authorize` handler gives (test/fakes/slack-oidc.ts).
// Does not emulate: tokens, scopes, channel membership, real rate limits, message storage, pagination,
// or any method's real reply beyond `ts`/`channel` (auth.test returns fixed ids).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';

export interface SlackApiCall {
  /** Web API method (`chat.postMessage`), or `response_url` for posts to a response URL. */
  method: string;
  /** For `response_url` and `upload`: the id after /response/ or /upload/. */
  path?: string;
  auth?: string;
  args: Record<string, unknown>;
}

/** What a handler may answer: extra fields for an ok reply, a Slack error, or a raw HTTP status. */
export type FakeReply =
  | Record<string, unknown>
  | { error: string }
  | { httpStatus: number; headers?: Record<string, string>; body?: unknown };

/** A handler may answer later (a Promise): the fake then holds the HTTP request until it settles. */
export type FakeHandler = (args: Record<string, unknown>, call: SlackApiCall) => FakeReply | undefined | Promise<FakeReply | undefined>;

export interface FakeSlackApi {
  /** Base for `clientOptions.slackApiUrl` (trailing slash included). */
  url: string;
  /** Where fake payloads put their `response_url`: `${responseBase}<id>`. */
  responseBase: string;
  calls: SlackApiCall[];
  /** Replace or add a handler while running. */
  on(method: string, handler: FakeHandler | undefined): void;
  /** Resolves with the matching calls once `count` of them were recorded; rejects after `timeoutMs`. */
  waitFor(pred: (c: SlackApiCall) => boolean, count?: number, timeoutMs?: number): Promise<SlackApiCall[]>;
  close(): Promise<void>;
}

const isRaw = (r: FakeReply): r is { httpStatus: number; headers?: Record<string, string>; body?: unknown } => 'httpStatus' in r;

export async function startFakeSlackApi(initial: Record<string, FakeHandler> = {}): Promise<FakeSlackApi> {
  const calls: SlackApiCall[] = [];
  const handlers = new Map(Object.entries(initial));
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let tsCounter = 0;
  let fileCounter = 0;
  let base = '';
  // Default upload handlers: a test may replace them with `on()`, and `on(method, undefined)` restores them.
  const defaults = new Map<string, FakeHandler>([
    ['files.getUploadURLExternal', () => {
      const id = `F_FAKE${++fileCounter}`;
      return { file_id: id, upload_url: `${base}/upload/${id}` };
    }],
    ['files.completeUploadExternal', (args) => ({ files: parseJsonArg<Array<{ id: string; title?: string }>>(args.files).map((f) => ({ id: f.id, title: f.title ?? '' })) })],
  ]);

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (pathname.startsWith('/upload/')) {
      calls.push({ method: 'upload', path: pathname.slice('/upload/'.length), args: { bytes: bytes.length, contentType: req.headers['content-type'] ?? '', png: bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) } });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('OK - ' + bytes.length);
      events.emit('call');
      return;
    }
    if (pathname === '/openid/connect/authorize') {
      // Slack's Sign in with Slack page, without the page: the handler for `openid.connect.authorize`
      // decides who signs in ({ code }) or that they declined (none, or { error }); the browser is sent
      // back to redirect_uri with the code (or the error) and the state, as Slack does.
      const args = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
      const call: SlackApiCall = { method: 'openid.connect.authorize', args };
      calls.push(call);
      const reply = await handlers.get(call.method)?.(args, call);
      let back: URL;
      try {
        back = new URL(String(args.redirect_uri ?? ''));
      } catch {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end('bad redirect_uri');
        events.emit('call');
        return;
      }
      if (reply && 'code' in reply && typeof reply.code === 'string') back.searchParams.set('code', reply.code);
      else back.searchParams.set('error', reply && 'error' in reply ? String(reply.error) : 'access_denied');
      back.searchParams.set('state', String(args.state ?? ''));
      res.writeHead(302, { location: back.toString() });
      res.end();
      events.emit('call');
      return;
    }
    const raw = bytes.toString('utf8');
    const isJson = (req.headers['content-type'] ?? '').includes('json');
    let args: Record<string, unknown>;
    try {
      args = isJson ? JSON.parse(raw || '{}') : Object.fromEntries(new URLSearchParams(raw));
    } catch {
      args = { unparsed: raw };
    }
    const call: SlackApiCall = pathname.startsWith('/response/')
      ? { method: 'response_url', path: pathname.slice('/response/'.length), args }
      : { method: pathname.replace(/^\/api\//, ''), ...(req.headers.authorization ? { auth: req.headers.authorization } : {}), args };
    calls.push(call);
    const reply = await (handlers.get(call.method) ?? defaults.get(call.method))?.(args, call);
    if (res.destroyed) return;
    if (reply && isRaw(reply)) {
      res.writeHead(reply.httpStatus, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body ?? { ok: false, error: 'ratelimited' }));
    } else if (call.method === 'response_url') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    } else {
      const base = call.method === 'auth.test'
        ? { user_id: 'U_BOT', bot_id: 'B_BOT', team_id: 'T1' }
        : { ts: `1700000000.${String(++tsCounter).padStart(6, '0')}`, channel: args.channel };
      const body = reply && 'error' in reply ? { ok: false, ...reply } : { ok: true, ...base, ...reply };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    }
    events.emit('call');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  const waitFor: FakeSlackApi['waitFor'] = (pred, count = 1, timeoutMs = 15_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = calls.filter(pred);
        if (found.length < count) return false;
        clearTimeout(timer);
        events.off('call', check);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        events.off('call', check);
        reject(new Error(`fake Slack API: expected ${count} matching call(s), saw ${calls.filter(pred).length}; methods so far: ${calls.map((c) => c.method).join(', ')}`));
      }, timeoutMs);
      if (!check()) events.on('call', check);
    });

  return {
    url: `http://127.0.0.1:${port}/api/`,
    responseBase: `http://127.0.0.1:${port}/response/`,
    calls,
    on: (method, handler) => (handler ? handlers.set(method, handler) : handlers.delete(method)),
    waitFor,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** Blocks and views travel as JSON strings inside form bodies; JSON bodies (response_url) carry them as is. */
export const parseJsonArg = <T = any>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
