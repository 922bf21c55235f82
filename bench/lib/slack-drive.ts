// Playing Slack against a running app over loopback, for bench:slack, load and faults: signed
// app_mention events sent to an HTTP receiver, the backbuddy server started the way `npm start` starts
// it (a child process with settings in its environment), and a free port to give it.
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { slackSignedHeaders } from '../../test/fakes/slack-sign.js';

export const SIGNING_SECRET = 'bench-signing-secret-0123456789';
export const QUESTIONS = [
  'why do my hips feel tight after sitting all day?', 'is heat or ice better for a sore back?',
  'how often should I take a break from sitting?', 'what stretch helps my lower back at my desk?',
  'is a standing desk worth it?', 'hello', 'do I need an MRI for back pain?', 'thanks!',
];

let seq = 0;
export type MentionOptions = { user?: string; channel?: string; text?: string; fromBot?: boolean; eventId?: string };

/** A signed-ready app_mention event callback body; each call gets a new event id and ts unless told. */
export function mentionBody(o: MentionOptions = {}): { body: string; eventId: string; ts: string } {
  const n = ++seq;
  const ts = `${1700000000 + n}.${String(n % 1e6).padStart(6, '0')}`;
  const eventId = o.eventId ?? `EvB${process.pid}x${n}`;
  const body = JSON.stringify({
    token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: eventId, event_time: 1700000000 + n,
    authorizations: [{ team_id: 'T1', user_id: 'U_BOT', is_bot: true }],
    event: { type: 'app_mention', user: o.user ?? 'U_ALICE', text: `<@U_BOT> ${o.text ?? QUESTIONS[n % QUESTIONS.length]}`, ts,
      channel: o.channel ?? `C${n % 50}`, event_ts: ts, ...(o.fromBot ? { bot_id: 'B_OTHER' } : {}) },
  });
  return { body, eventId, ts };
}

/** POSTs a signed body; resolves with the HTTP status (0 when the connection failed). */
export async function postEvent(url: string, body: string, headers: Record<string, string> = {}): Promise<number> {
  try {
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...slackSignedHeaders(SIGNING_SECRET, body), ...headers } });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/**
 * A poster like postEvent over node:http with one keep-alive agent, for many senders at once. npm run
 * load used fetch: with 200 senders some of its requests took 10-30 s to come back while the server
 * answered the others in under a second, against a bare Bolt app as well as backbuddy; with this
 * client, under the same load, none took over 2 s. The time was the client's, not the server's.
 */
export function keepAlivePoster(): { post: (url: string, body: string) => Promise<number>; close: () => void } {
  const agent = new Agent({ keepAlive: true });
  const post = (url: string, body: string, retried = false): Promise<number> =>
    new Promise<number>((resolve) => {
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...slackSignedHeaders(SIGNING_SECRET, body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      });
      req.on('error', (e: NodeJS.ErrnoException) => {
        // A keep-alive connection the server closes while idle can fail a request that goes out on it at
        // that moment: sent once more on a new connection, as Node's documentation for
        // request.reusedSocket advises (a run saw one such status-0 ack in 16,000).
        if (!retried && req.reusedSocket && e.code === 'ECONNRESET') resolve(post(url, body, true));
        else resolve(0);
      });
      req.end(body);
    });
  return { post: (url, body) => post(url, body), close: () => agent.destroy() };
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

export const BIN = fileURLToPath(new URL('../../../bin/backbuddy.js', import.meta.url));

export type Server = { child: ChildProcess; port: number; url: string; stderr: () => string; exited: Promise<number | null> };

/**
 * Starts `backbuddy start` (what `npm start` runs: node bin/backbuddy.js start) in Slack HTTP mode
 * against the fake Web API at `apiUrl`, with `env` on top; resolves once /readyz answers 200. Not
 * /healthz: that answers as soon as the HTTP server listens, before the store is open and the Slack
 * receiver is mounted, and an event sent then gets a 404 and is never answered.
 */
export function startBackbuddy(apiUrl: string, env: Record<string, string>, timeoutMs = 120_000): Promise<Server> {
  return startApp([BIN, 'start'], apiUrl, env, timeoutMs, '/readyz');
}

/** Starts a node script with the Slack settings and a free PORT; resolves once GET `probe` answers 200. */
export async function startApp(args: string[], apiUrl: string, env: Record<string, string>, timeoutMs = 120_000, probe = '/healthz'): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: apiUrl, PORT: String(port), DEFAULT_TZ: 'UTC', LOG_LEVEL: 'warn', ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-20_000); });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = `http://127.0.0.1:${port}/slack/events`;
  const t0 = performance.now();
  let gone = false;
  void exited.then(() => { gone = true; });
  for (;;) {
    if (gone) throw new Error(`${args.join(' ')} exited before listening: ${err.trim().split('\n').slice(-3).join(' | ')}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}${probe}`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (performance.now() - t0 > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${args.join(' ')} did not listen within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, port, url, stderr: () => err, exited };
}

/** SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stopServer(s: Server, graceMs = 15_000): Promise<number | null> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return s.child.exitCode;
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), graceMs);
  const code = await s.exited;
  clearTimeout(timer);
  return code;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
