// Fake Discord on 127.0.0.1: the REST API (as @discordjs/rest calls it) and the gateway (as @discordjs/ws
// speaks it), for adapter tests.
// Emulates: `GET /gateway/bot` naming the fake gateway; interaction callbacks (204); the webhook routes
// discord.js uses for editReply/followUp; `POST /channels/:id/messages`; `PUT` of application commands
// (global and guild) echoing them with ids. The gateway sends HELLO, answers IDENTIFY with READY and a
// GUILD_CREATE per guild, acks heartbeats, and dispatches whatever a test sends (INTERACTION_CREATE,
// MESSAGE_CREATE). Multipart bodies (messages with attachments) are read as discord.js sends them:
// `payload_json` becomes the call's body and each file part is recorded in `files` (name, type, size,
// whether it is a PNG). Plain JSON frames only (no zlib-sync in the project, so discord.js asks for none).
// With `shards: N`, /gateway/bot recommends N shards (max_concurrency N unless `maxConcurrency` says, so
// shards identify at once instead of 5 s apart); each
// connection is the shard its IDENTIFY names, READY carries that shard and the guilds it serves
// ((guild_id >> 22) % N), and `dispatch(t, d, shard)` sends on that shard's connection.
// Does not emulate: tokens or intents (nothing is checked), permissions, real rate limits (a handler can
// answer 429 with retry_after), RESUME, message storage, or any route not listed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import { WebSocketServer, type WebSocket } from 'ws';

export const BOT = { id: '100000000000000001', username: 'backbuddy', discriminator: '0', global_name: null, avatar: null, bot: true };
export const APP_ID = '100000000000000002';

export type DiscordFile = { field: string; name: string; type: string; size: number; png: boolean };
export type DiscordCall = {
  method: string; path: string; query: string; auth: string | undefined; body: any;
  /** File parts of a multipart body (attachments). */
  files: DiscordFile[];
  /** When it arrived (ms since epoch), to check a client waited. */
  at: number;
};
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A multipart body as discord.js sends it: payload_json plus files[n]. */
async function readMultipart(bytes: Buffer, contentType: string): Promise<{ body: any; files: DiscordFile[] }> {
  const form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  const files: DiscordFile[] = [];
  let body: any = {};
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = JSON.parse(value);
      continue;
    }
    const data = Buffer.from(await value.arrayBuffer());
    files.push({ field, name: value.name, type: value.type, size: data.length, png: data.subarray(0, 8).equals(PNG_SIGNATURE) });
  }
  return { body, files };
}
/** A handler's answer: a status with a JSON body (and headers), or undefined for the default. */
export type FakeAnswer = { status: number; body?: unknown; headers?: Record<string, string> } | undefined;
export type FakeRoute = (call: DiscordCall) => FakeAnswer;

export interface FakeDiscord {
  /** For `rest.api` / DISCORD_API_URL (no /v10). */
  api: string;
  calls: DiscordCall[];
  /** Every payload the client sent over the gateway (IDENTIFY, heartbeats). */
  gatewayIn: any[];
  identified: Promise<any>;
  /** The `shard` field of every IDENTIFY received, in order. */
  identifiedShards: Array<[number, number]>;
  /** Overrides a route: `match` is tested against "METHOD /path". */
  on(match: RegExp, route: FakeRoute | undefined): void;
  /** Sends a dispatch on a shard's connection (default: the latest connection). */
  dispatch(t: string, d: unknown, shard?: number): void;
  waitFor(pred: (c: DiscordCall) => boolean, count?: number, timeoutMs?: number): Promise<DiscordCall[]>;
  close(): Promise<void>;
}

let snowflake = 800000000000000000n;
export const nextId = (): string => String(++snowflake);

const message = (channelId: string, body: any) => ({
  id: nextId(), channel_id: channelId, author: BOT, content: body?.content ?? '', timestamp: new Date().toISOString(),
  edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [],
  embeds: body?.embeds ?? [], components: body?.components ?? [], pinned: false, type: 0, flags: body?.flags ?? 0,
});

/** The shard Discord routes a guild to: https://discord.com/developers/docs/events/gateway#sharding */
export const shardOf = (guildId: string, shards: number) => Number((BigInt(guildId) >> 22n) % BigInt(shards));

export async function startFakeDiscord(opts: { guilds?: any[]; heartbeatInterval?: number; shards?: number; maxConcurrency?: number } = {}): Promise<FakeDiscord> {
  const shardCount = opts.shards ?? 1;
  const calls: DiscordCall[] = [];
  const gatewayIn: any[] = [];
  const routes = new Map<string, { match: RegExp; route: FakeRoute }>();
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const gatewayUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const u = new URL(req.url ?? '/', 'http://x');
    // discord.js percent-encodes @original.
    const path = decodeURIComponent(u.pathname.replace(/^\/api\/v10/, ''));
    const contentType = req.headers['content-type'] ?? '';
    let body: any = raw;
    let files: DiscordFile[] = [];
    try {
      if (contentType.startsWith('multipart/form-data')) ({ body, files } = await readMultipart(bytes, contentType));
      else body = raw && contentType.includes('json') ? JSON.parse(raw) : raw;
    } catch { /* keep raw */ }
    const call: DiscordCall = { method: req.method ?? 'GET', path, query: u.search, auth: req.headers.authorization, body, files, at: Date.now() };
    calls.push(call);
    const send = (status: number, data?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...(data === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
      res.end(data === undefined ? undefined : JSON.stringify(data));
      events.emit('call');
    };
    for (const { match, route } of routes.values()) {
      if (!match.test(`${call.method} ${path}`)) continue;
      const answer = route(call);
      if (answer) return send(answer.status, answer.body, answer.headers);
    }
    if (path === '/gateway/bot') return send(200, { url: gatewayUrl, shards: shardCount, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: opts.maxConcurrency ?? shardCount } });
    if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return send(204);
    let m = path.match(/^\/applications\/(\d+)(?:\/guilds\/\d+)?\/commands$/);
    if (call.method === 'PUT' && m) return send(200, (body as any[]).map((c, i) => ({ id: `9${i}`.padEnd(18, '0'), application_id: m![1], version: '1', type: 1, ...c })));
    m = path.match(/^\/channels\/(\d+)\/messages$/);
    if (m && call.method === 'POST') return send(200, message(m[1]!, body));
    if (/^\/webhooks\/\d+\/[^/]+(\/messages\/@original)?$/.test(path)) return send(200, message('0', body));
    send(404, { message: 'Unknown route (fake)', code: 0 });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));

  let seq = 0;
  let sock: WebSocket | undefined;
  const byShard = new Map<number, WebSocket>();
  const identifiedShards: Array<[number, number]> = [];
  let identified!: (d: any) => void;
  const identifiedP = new Promise<any>((r) => (identified = r));
  const sendOn = (ws: WebSocket | undefined, p: object) => ws?.send(JSON.stringify(p));
  const dispatch = (t: string, d: unknown, shard?: number) => sendOn(shard === undefined ? sock : byShard.get(shard), { op: 0, t, s: ++seq, d });
  wss.on('connection', (ws) => {
    sock = ws;
    ws.on('message', (data) => {
      const p = JSON.parse(String(data));
      gatewayIn.push(p);
      if (p.op === 1) sendOn(ws, { op: 11, d: null, s: null, t: null });
      if (p.op === 2) {
        const [id, count] = Array.isArray(p.d?.shard) ? (p.d.shard as [number, number]) : [0, 1];
        identifiedShards.push([id, count]);
        byShard.set(id, ws);
        identified(p.d);
        const mine = (opts.guilds ?? []).filter((g) => shardOf(g.id, count) === id);
        const ready = { v: 10, user: BOT, session_id: `fake-session-${id}`, resume_gateway_url: gatewayUrl, shard: [id, count],
          application: { id: APP_ID, flags: 0 }, guilds: mine.map((g) => ({ id: g.id, unavailable: true })) };
        sendOn(ws, { op: 0, t: 'READY', s: ++seq, d: ready });
        for (const g of mine) sendOn(ws, { op: 0, t: 'GUILD_CREATE', s: ++seq, d: g });
      }
    });
    sendOn(ws, { op: 10, d: { heartbeat_interval: opts.heartbeatInterval ?? 5_000 }, s: null, t: null });
  });

  const waitFor: FakeDiscord['waitFor'] = (pred, count = 1, timeoutMs = 30_000) => new Promise((resolve, reject) => {
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
      reject(new Error(`expected ${count} matching call(s); calls so far: ${calls.map((c) => `${c.method} ${c.path}`).join(', ')}`));
    }, timeoutMs);
    if (!check()) events.on('call', check);
  });

  return {
    api: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    calls, gatewayIn, identified: identifiedP, identifiedShards, dispatch, waitFor,
    on: (match, route) => (route ? routes.set(match.source, { match, route }) : routes.delete(match.source)),
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
