// The HTTP server and the probes in process, over loopback: routes, the fallback, readiness states.
import { afterEach, describe, expect, it } from 'vitest';
import { addHealthRoutes, type PlatformState } from '../../../app/health.js';
import { createHttpServer, type HttpServer } from '../../../app/http-server.js';

let server: HttpServer | null = null;
afterEach(async () => {
  await server?.close(0);
  server = null;
});

async function serve(sources: { ping: (() => Promise<void>) | null; platforms: Record<string, PlatformState>; stopping?: boolean }) {
  server = createHttpServer();
  addHealthRoutes(server, { ping: sources.ping, platforms: () => sources.platforms, stopping: () => sources.stopping ?? false });
  const port = await server.listen(0, '127.0.0.1');
  const get = async (path: string, init?: RequestInit) => {
    const r = await fetch(`http://127.0.0.1:${port}${path}`, init);
    return { status: r.status, body: await r.text() };
  };
  return { get, server };
}

describe('/healthz and /readyz', () => {
  it('is alive while the store is still opening, and not ready', async () => {
    const { get } = await serve({ ping: null, platforms: { slack: 'connecting' } });
    expect(await get('/healthz')).toEqual({ status: 200, body: '{"status":"ok"}\n' });
    expect(await get('/readyz')).toEqual({ status: 503, body: '{"status":"not_ready","store":"opening","platforms":{"slack":"connecting"}}\n' });
  });
  it('is ready when the store answers and every platform is connected', async () => {
    const { get } = await serve({ ping: async () => {}, platforms: { slack: 'connected', discord: 'connected' } });
    expect((await get('/readyz')).status).toBe(200);
  });
  it('is not ready when one platform is disconnected, or the store fails', async () => {
    expect((await (await serve({ ping: async () => {}, platforms: { slack: 'connected', discord: 'disconnected' } })).get('/readyz')).status).toBe(503);
    await server!.close(0);
    const failing = await serve({ ping: () => Promise.reject(new Error('ECONNREFUSED')), platforms: { slack: 'connected' } });
    expect(await failing.get('/readyz')).toMatchObject({ status: 503, body: expect.stringContaining('"store":"unreachable"') });
  });
  it('says stopping while shutting down', async () => {
    const { get } = await serve({ ping: async () => {}, platforms: { slack: 'connected' }, stopping: true });
    expect(await get('/readyz')).toMatchObject({ status: 503, body: expect.stringContaining('"status":"stopping"') });
  });
  it('hands other requests to the fallback, and answers 404 without one', async () => {
    const { get, server: s } = await serve({ ping: null, platforms: {} });
    expect((await get('/slack/events', { method: 'POST', body: '{}' })).status).toBe(404);
    s.fallback((_req, res) => {
      res.writeHead(200);
      res.end('slack');
    });
    expect(await get('/slack/events', { method: 'POST', body: '{}' })).toEqual({ status: 200, body: 'slack' });
    // A route added later (an installer's, say) comes before the fallback.
    s.route('GET', '/slack/install', (_req, res) => void res.end('install'));
    expect((await get('/slack/install?x=1')).body).toBe('install');
  });
  it('answers 500 when the fallback throws, and keeps serving (Bolt throws for a path it does not know)', async () => {
    const errors: Error[] = [];
    server = createHttpServer((e) => errors.push(e));
    addHealthRoutes(server, { ping: null, platforms: () => ({}), stopping: () => false });
    server.fallback(() => {
      throw new Error('unhandled path');
    });
    const port = await server.listen(0, '127.0.0.1');
    expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(500);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(errors.map((e) => e.message)).toEqual(['unhandled path']);
  });
});
