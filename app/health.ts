// GET /healthz: the process is alive (200 while it runs, even while starting or stopping).
// GET /readyz: it can do its work: the store answers a query, and every configured platform is
// connected; 503 otherwise, and while shutting down so a load balancer stops sending work first.
// Bodies are small JSON with states only (no ids, no tokens), e.g.
// {"status":"not_ready","store":"ok","platforms":{"slack":"connected","discord":"connecting"}}.
import type { HttpServer } from './http-server.js';

export type PlatformState = 'connecting' | 'connected' | 'disconnected';

export type HealthSources = {
  /** Null while the store is still opening. */
  ping: (() => Promise<void>) | null;
  /** Each configured platform's state, by name. */
  platforms(): Record<string, PlatformState>;
  stopping(): boolean;
};

/** A store that takes longer than this to answer counts as unreachable (a probe must not hang). */
export const STORE_PING_TIMEOUT_MS = 2_000;

async function storeState(ping: HealthSources['ping']): Promise<'ok' | 'opening' | 'unreachable'> {
  if (!ping) return 'opening';
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'unreachable'>((r) => (timer = setTimeout(() => r('unreachable'), STORE_PING_TIMEOUT_MS)));
  try {
    return await Promise.race([ping().then(() => 'ok' as const, () => 'unreachable' as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function readiness(h: HealthSources): Promise<{ ready: boolean; body: Record<string, unknown> }> {
  const store = await storeState(h.ping);
  const platforms = h.platforms();
  const stopping = h.stopping();
  const ready = !stopping && store === 'ok' && Object.values(platforms).every((s) => s === 'connected');
  return { ready, body: { status: stopping ? 'stopping' : ready ? 'ready' : 'not_ready', store, platforms } };
}

const json = (res: Parameters<Parameters<HttpServer['route']>[2]>[1], status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(`${JSON.stringify(body)}\n`);
};

export function addHealthRoutes(server: HttpServer, h: HealthSources): void {
  server.route('GET', '/healthz', (_req, res) => json(res, 200, { status: 'ok' }));
  server.route('GET', '/readyz', async (_req, res) => {
    const r = await readiness(h);
    json(res, r.ready ? 200 : 503, r.body);
  });
}
