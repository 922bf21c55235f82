// npm run faults — backbuddy under faults, on loopback, each scenario bounded (the whole run takes 1-2
// minutes). Prints a summary and exits 1 when a scenario fails, 2 when it could not run.
//  storm     a malformed event storm (bad JSON, bad signatures, wrong types, 1 MB bodies) on a PGlite
//            server: it stays up, and mentions sent afterwards are answered.
//  webapi    the fake Web API answers chat.postMessage with HTTP 500 for a while, then 429 (retry-after
//            1 s) for a while: the server stays up, nothing is answered twice, and every mention sent
//            after the faults is answered.
//  pg-kill   PostgreSQL connections killed with pg_terminate_backend every half second while mentions
//            arrive and 30 nudges are due: every mention answered once, every nudge sent once.
//  sigkill   a replica killed with SIGKILL while holding nudge claims (its posts held unanswered by the
//            fake Web API): a second replica sends each of them once after the lease (NUDGE_LEASE_SECONDS=6).
// The PostgreSQL scenarios need FAULTS_DATABASE_URL or TEST_DATABASE_URL (a server where a throwaway
// database may be created and dropped); without either they are reported as skipped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startFakeSlackApi, type FakeSlackApi } from '../test/fakes/slack-api.js';
import { slackSignedHeaders } from '../test/fakes/slack-sign.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { mentionBody, postEvent, SIGNING_SECRET, startBackbuddy, stopServer, type Server } from './lib/slack-drive.js';

type Outcome = { name: string; ok: boolean | null; lines: string[] };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const alive = (s: Server) => s.child.exitCode === null && s.child.signalCode === null;
/** The last lines a server wrote to stderr (pino lines with codes), for a failed scenario. */
const lastWords = (s: Server) => s.stderr().trim().split('\n').slice(-3).map((l) => `stderr: ${l.slice(0, 300)}`);

/** Completed (ok) chat.postMessage calls, by thread for answers and by channel for nudges. */
function postLedger(api: FakeSlackApi, fault: () => { status: number; retryAfter?: number } | null | Promise<never>) {
  const answers = new Map<string, number>();
  const nudges = new Map<string, number>();
  api.on('chat.postMessage', (args) => {
    const f = fault();
    if (f instanceof Promise) return f;
    if (f) return { httpStatus: f.status, ...(f.retryAfter ? { headers: { 'retry-after': String(f.retryAfter) } } : {}), body: { ok: false, error: f.status === 429 ? 'ratelimited' : 'internal_error' } };
    const key = args.thread_ts ? String(args.thread_ts) : String(args.channel);
    const map = args.thread_ts ? answers : nudges;
    map.set(key, (map.get(key) ?? 0) + 1);
    return undefined;
  });
  return { answers, nudges };
}

async function waitUntil(pred: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    if (pred()) return true;
    await sleep(50);
  }
  return pred();
}

const env = (dataDir: string, extra: Record<string, string> = {}) => ({ DATA_DIR: dataDir, RATE_LIMIT_PER_USER: '0', RATE_LIMIT_PER_CHANNEL: '0', NUDGE_TICK_SECONDS: '1', ...extra });

async function storm(api: FakeSlackApi, s: Server, ledger: ReturnType<typeof postLedger>): Promise<Outcome> {
  const signed = (body: string, type = 'application/json') => ({ body, headers: { 'content-type': type, ...slackSignedHeaders(SIGNING_SECRET, body) } });
  const mention = JSON.parse(mentionBody().body) as Record<string, any>;
  const bad: Array<() => { body: string; headers: Record<string, string> }> = [
    () => signed('{"type": "event_callback", "event": '),
    () => signed(JSON.stringify({ ...mention, event: 'x' })),
    () => signed(JSON.stringify({ ...mention, event: { ...mention.event, text: 123, channel: null } })),
    () => signed(JSON.stringify({ ...mention, event: { type: 'app_mention' } })),
    () => signed(JSON.stringify({ ...mention, event: { ...mention.event, text: `<@U_BOT> ${'back '.repeat(200_000)}` } })),
    () => signed(JSON.stringify({ type: 'url_verification' })),
    () => signed('payload=%7Bnot-json', 'application/x-www-form-urlencoded'),
    () => signed('command=%2Fbackbuddy&text=%00%FF', 'application/x-www-form-urlencoded'),
    () => signed(''),
    () => ({ body: JSON.stringify(mention), headers: { 'content-type': 'application/json', 'x-slack-signature': 'v0=00', 'x-slack-request-timestamp': '1' } }),
    () => signed(JSON.stringify([1, 2, 3])),
    () => signed('null'),
  ];
  const statuses = new Map<number, number>();
  let n = 0;
  const TOTAL = 3000;
  await Promise.all(Array.from({ length: 20 }, async () => {
    while (n < TOTAL) {
      const r = bad[n++ % bad.length]!();
      let status = 0;
      try {
        const res = await fetch(s.url, { method: 'POST', body: r.body, headers: r.headers });
        await res.arrayBuffer();
        status = res.status;
      } catch { /* counted as 0 */ }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  }));
  const after = Array.from({ length: 20 }, () => mentionBody({ channel: 'C_STORM' }));
  for (const m of after) await postEvent(s.url, m.body);
  const answered = await waitUntil(() => after.every((m) => ledger.answers.has(m.ts)), 30_000);
  const up = alive(s);
  return {
    name: 'storm', ok: up && answered,
    lines: [`${TOTAL} malformed requests; statuses ${[...statuses].sort().map(([k, v]) => `${k || 'no reply'}×${v}`).join(', ')}`,
      `server ${up ? 'up' : 'DOWN'}; ${after.filter((m) => ledger.answers.has(m.ts)).length}/20 mentions sent afterwards answered`, ...(up ? [] : lastWords(s))],
  };
}

async function webapi(s: Server, ledger: ReturnType<typeof postLedger>, setFault: (f: { status: number; retryAfter?: number } | null) => void): Promise<Outcome> {
  const during: string[] = [];
  const t0 = performance.now();
  const FAULT_MS = 8000;
  const sender = (async () => {
    while (performance.now() - t0 < FAULT_MS) {
      const m = mentionBody({ channel: 'C_FAULT' });
      during.push(m.ts);
      await postEvent(s.url, m.body);
      await sleep(100);
    }
  })();
  setFault({ status: 500 });
  await sleep(FAULT_MS / 2);
  setFault({ status: 429, retryAfter: 1 });
  await sleep(FAULT_MS / 2);
  setFault(null);
  await sender;
  const after = Array.from({ length: 20 }, () => mentionBody({ channel: 'C_AFTER' }));
  for (const m of after) await postEvent(s.url, m.body);
  const allAfter = await waitUntil(() => after.every((m) => ledger.answers.has(m.ts)), 30_000);
  await sleep(3000); // late retries
  const twice = [...ledger.answers.values()].filter((n) => n > 1).length;
  const answeredDuring = during.filter((ts) => ledger.answers.has(ts)).length;
  const up = alive(s);
  return {
    name: 'webapi', ok: up && allAfter && twice === 0,
    lines: [`${FAULT_MS / 2000} s of HTTP 500, then ${FAULT_MS / 2000} s of 429 (retry-after 1 s) on chat.postMessage`,
      `${answeredDuring}/${during.length} mentions sent during the faults answered (the rest given up after the Web API retries), ${twice} answered twice`,
      `server ${up ? 'up' : 'DOWN'}; ${after.filter((m) => ledger.answers.has(m.ts)).length}/20 mentions sent afterwards answered`],
  };
}

async function makeDue(store: Store, admin: pg.Client, prefix: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await store.upsertSubscription({
      platform: 'slack', workspace: 'T1', channel: `${prefix}${i}`, cadence: { kind: 'every', minutes: 480 }, tz: 'UTC',
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], startMinute: 0, endMinute: 1440, focusTags: [], createdBy: 'U1',
    });
  }
  await admin.query("UPDATE subscriptions SET next_slot = now() - interval '1 minute' WHERE starts_with(channel, $1)", [prefix]);
}

async function deliveredTwice(admin: pg.Client, prefix: string): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT d.subscription_id FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
     WHERE starts_with(s.channel, $1) AND d.status = 'delivered' GROUP BY d.subscription_id HAVING count(*) > 1) x`, [prefix]);
  return rows[0]!.n;
}

async function pgKill(api: FakeSlackApi, dbUrl: string, dbName: string, admin: pg.Client, store: Store, dataDir: string): Promise<Outcome> {
  const ledger = postLedger(api, () => null);
  const s = await startBackbuddy(api.url, env(dataDir, { DATABASE_URL: dbUrl, NUDGE_LEASE_SECONDS: '10' }));
  try {
    await makeDue(store, admin, 'C_PGK', 30);
    const killer = new pg.Client({ connectionString: dbUrl.replace(/\/[^/?]+(\?|$)/, '/postgres$1') });
    await killer.connect();
    let killed = 0;
    const t0 = performance.now();
    const sent: string[] = [];
    const sender = (async () => {
      while (performance.now() - t0 < 8000) {
        const m = mentionBody({ channel: 'C_PG' });
        sent.push(m.ts);
        const status = await postEvent(s.url, m.body);
        if (status !== 200) sent.pop(); // not acked: Slack would retry it; not counted as lost here
        await sleep(40);
      }
    })();
    while (performance.now() - t0 < 8000) {
      const r = await killer.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name <> 'bb-faults'", [dbName]);
      killed += r.rowCount ?? 0;
      await sleep(500);
    }
    await sender;
    await killer.end();
    const done = await waitUntil(() => sent.every((ts) => ledger.answers.has(ts)) && [...Array(30).keys()].every((i) => ledger.nudges.has(`C_PGK${i}`)), 40_000);
    const twiceAnswers = [...ledger.answers.values()].filter((n) => n > 1).length;
    const twiceNudges = [...ledger.nudges.values()].filter((n) => n > 1).length + (await deliveredTwice(admin, 'C_PGK'));
    const up = alive(s);
    return {
      name: 'pg-kill', ok: up && done && twiceAnswers === 0 && twiceNudges === 0,
      lines: [`${killed} connections terminated over 8 s (every 0.5 s) while mentions arrived and 30 nudges were due`,
        `${sent.filter((ts) => ledger.answers.has(ts)).length}/${sent.length} acked mentions answered, ${twiceAnswers} twice`,
        `${[...Array(30).keys()].filter((i) => ledger.nudges.has(`C_PGK${i}`)).length}/30 nudges sent, ${twiceNudges} twice; server ${up ? 'up' : 'DOWN'}`, ...(up ? [] : lastWords(s))],
    };
  } finally {
    await stopServer(s);
  }
}

async function sigkill(api: FakeSlackApi, dbUrl: string, admin: pg.Client, store: Store, dataDir: string): Promise<Outcome> {
  let hold = true;
  let held = 0;
  const ledger = postLedger(api, () => (hold ? (held++, new Promise<never>(() => {})) : null));
  const replicaEnv = env(dataDir, { DATABASE_URL: dbUrl, NUDGE_LEASE_SECONDS: '6' });
  const a = await startBackbuddy(api.url, replicaEnv);
  await makeDue(store, admin, 'C_KIL', 10);
  const claimed = await waitUntil(() => held > 0, 20_000);
  const { rows } = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM subscriptions WHERE starts_with(channel, 'C_KIL') AND lease_until > now()");
  const heldClaims = rows[0]!.n;
  a.child.kill('SIGKILL');
  await a.exited;
  hold = false;
  const t0 = performance.now();
  const b = await startBackbuddy(api.url, replicaEnv);
  try {
    const all = await waitUntil(() => [...Array(10).keys()].every((i) => ledger.nudges.has(`C_KIL${i}`)), 40_000);
    const took = (performance.now() - t0) / 1000;
    await sleep(2000);
    const twice = [...ledger.nudges.values()].filter((n) => n > 1).length + (await deliveredTwice(admin, 'C_KIL'));
    return {
      name: 'sigkill', ok: claimed && heldClaims > 0 && all && twice === 0,
      lines: [`replica A killed with SIGKILL holding ${heldClaims} claims (${held} posts held unanswered); lease 6 s`,
        `replica B sent ${[...Array(10).keys()].filter((i) => ledger.nudges.has(`C_KIL${i}`)).length}/10 nudges within ${took.toFixed(1)} s of A's death, ${twice} twice`],
    };
  } finally {
    await stopServer(b);
  }
}

async function main(): Promise<number> {
  const results: Outcome[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'bb-faults-'));
  const t0 = performance.now();
  try {
    // PGlite scenarios: one server, one fake Web API.
    {
      const api = await startFakeSlackApi();
      let fault: { status: number; retryAfter?: number } | null = null;
      const ledger = postLedger(api, () => fault);
      const s = await startBackbuddy(api.url, env(join(dataDir, 'pglite-server')));
      try {
        results.push(await storm(api, s, ledger));
        results.push(await webapi(s, ledger, (f) => void (fault = f)));
      } finally {
        await stopServer(s);
        await api.close();
      }
    }
    const base = process.env.FAULTS_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!base) {
      for (const name of ['pg-kill', 'sigkill']) results.push({ name, ok: null, lines: ['skipped: set FAULTS_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server'] });
    } else {
      const dbName = `bb_faults_${process.pid}`;
      const admin0 = new pg.Client({ connectionString: base });
      await admin0.connect();
      await admin0.query(`CREATE DATABASE ${dbName}`);
      const dbUrl = base.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`);
      // This script's own connections are named, so that pg-kill spares them and kills only the server's.
      const own = `${dbUrl}${dbUrl.includes('?') ? '&' : '?'}application_name=bb-faults`;
      const admin = new pg.Client({ connectionString: own });
      let store: Store | null = null;
      try {
        const opened = await openStore({ DATABASE_URL: own, DATA_DIR: dataDir });
        if (!opened.ok) throw new Error(opened.error.message);
        store = opened.value;
        await admin.connect();
        for (const scenario of [
          (api: FakeSlackApi) => pgKill(api, dbUrl, dbName, admin, store!, join(dataDir, 'pg1')),
          (api: FakeSlackApi) => sigkill(api, dbUrl, admin, store!, join(dataDir, 'pg2')),
        ]) {
          const api = await startFakeSlackApi();
          try {
            results.push(await scenario(api));
          } finally {
            await api.close();
          }
        }
      } finally {
        await store?.close().catch(() => {});
        await admin.end().catch(() => {});
        await admin0.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [dbName]).catch(() => {});
        await admin0.query(`DROP DATABASE IF EXISTS ${dbName}`).catch(() => {});
        await admin0.end();
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`faults: ${results.length} scenarios in ${((performance.now() - t0) / 1000).toFixed(0)} s (Node ${process.version})`);
  for (const r of results) {
    console.log(`  ${r.ok === null ? 'SKIP' : r.ok ? 'PASS' : 'FAIL'}  ${r.name}`);
    for (const l of r.lines) console.log(`        ${l}`);
  }
  return results.some((r) => r.ok === false) ? 1 : 0;
}

const guard = setTimeout(() => {
  console.error('faults: gave up after 5 minutes');
  process.exit(2);
}, 300_000);
guard.unref();
main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  console.error(`faults: could not run (${e instanceof Error ? e.message : String(e)})`);
  process.exitCode = 2;
});
