// npm run load [-- --seconds N --users N --database-url postgres://…] — 200 simulated people (by default) ask questions through the
// Slack HTTP path for 60 s (by default), each waiting for its answer before asking again. backbuddy runs
// as `npm start` would run it (its own process, HTTP mode, PGlite in a fresh DATA_DIR or the PostgreSQL
// database given with --database-url, whose tables it shares with nothing else during the run; per-person and
// per-channel limits off so every question is answered rather than slowed down); Slack's side is a fake
// Web API on loopback. Prints answer latency p50/p99 (from the POST of the event to the answer reaching
// chat.postMessage), errors (a non-200 ack or an answer missing after 30 s; target 0) and the peak RSS
// of the backbuddy process (target < 250 MB). Exits 1 when a target is missed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeSlackApi } from '../test/fakes/slack-api.js';
import { keepAlivePoster, mentionBody, percentile, startBackbuddy, stopServer } from './lib/slack-drive.js';

const ANSWER_TIMEOUT_MS = 30_000;
const RSS_TARGET_MB = 250;

/** Resident set size of a process in MB, from /proc (Linux); null elsewhere. */
function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, users: { type: 'string', default: '200' }, 'database-url': { type: 'string' } } });
  const seconds = Number(values.seconds);
  const users = Number(values.users);
  if (!(seconds > 0 && seconds <= 3600) || !(users > 0 && users <= 5000)) {
    console.error('load: --seconds must be 1-3600 and --users 1-5000');
    return 2;
  }
  const waiting = new Map<string, () => void>();
  const api = await startFakeSlackApi({
    'chat.postMessage': (args) => {
      waiting.get(String(args.thread_ts))?.();
      return undefined;
    },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'bb-load-'));
  const databaseUrl = values['database-url'];
  const server = await startBackbuddy(api.url, { DATA_DIR: dataDir, RATE_LIMIT_PER_USER: '0', RATE_LIMIT_PER_CHANNEL: '0', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const pid = server.child.pid!;
  const startRss = rssMb(pid);
  let peakRss = startRss ?? 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb(pid) ?? 0);
    api.calls.length = 0; // the fake keeps every call; this run only needs the waiting map
  }, 250);

  // node:http with keep-alive, not fetch: see keepAlivePoster.
  const client = keepAlivePoster();
  const latencies: number[] = [];
  const errors = { ack: 0, noAnswer: 0 };
  const deadline = performance.now() + seconds * 1000;
  const person = async (u: number) => {
    while (performance.now() < deadline) {
      const { body, ts } = mentionBody({ user: `U_LOAD${u}`, channel: `C_LOAD${u % 20}` });
      const t0 = performance.now();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const answered = new Promise<boolean>((resolve) => {
        waiting.set(ts, () => resolve(true));
        timer = setTimeout(() => resolve(false), ANSWER_TIMEOUT_MS);
      });
      const status = await client.post(server.url, body);
      if (status !== 200) {
        errors.ack++;
        waiting.delete(ts);
        clearTimeout(timer);
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      const ok = await answered;
      clearTimeout(timer);
      waiting.delete(ts);
      if (ok) latencies.push(performance.now() - t0);
      else errors.noAnswer++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: users }, (_, u) => person(u)));
  const elapsed = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  client.close();
  peakRss = Math.max(peakRss, rssMb(pid) ?? 0);
  const exit = await stopServer(server);
  // Warnings the server logged (codes only), to say where missing answers went.
  const codes = new Map<string, number>();
  for (const line of server.stderr().split('\n')) {
    const code = /"code":"([^"]+)"/.exec(line)?.[1];
    if (code) codes.set(code, (codes.get(code) ?? 0) + 1);
  }
  await api.close();
  rmSync(dataDir, { recursive: true, force: true });

  const errorCount = errors.ack + errors.noAnswer;
  const rssKnown = startRss !== null;
  console.log(`load: ${users} people asking through Slack HTTP for ${seconds} s (backbuddy start, ${databaseUrl ? 'PostgreSQL' : 'PGlite in a fresh DATA_DIR'}, Node ${process.version})`);
  console.log(`  answered     ${latencies.length} (${(latencies.length / elapsed).toFixed(0)}/s)`);
  console.log(`  latency      p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${percentile(latencies, 100).toFixed(0)} ms`);
  console.log(`  errors       ${errorCount} (acks not 200: ${errors.ack}, answers missing after ${ANSWER_TIMEOUT_MS / 1000} s: ${errors.noAnswer})   target 0 ${errorCount === 0 ? 'OK' : 'MISSED'}`);
  console.log(rssKnown
    ? `  RSS          ${startRss!.toFixed(0)} MB at start, peak ${peakRss.toFixed(0)} MB   target < ${RSS_TARGET_MB} MB ${peakRss < RSS_TARGET_MB ? 'OK' : 'MISSED'}`
    : '  RSS          not measured (no /proc on this system)');
  console.log(`  shutdown     exit code ${exit}`);
  if (codes.size) console.log(`  server warnings (last 20 kB of stderr): ${[...codes].map(([c, n]) => `${c}×${n}`).join(', ')}`);
  return errorCount === 0 && (!rssKnown || peakRss < RSS_TARGET_MB) && latencies.length > 0 ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  console.error(`load: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
});
