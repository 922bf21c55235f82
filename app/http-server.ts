// The one HTTP server on PORT, in every mode: /healthz and /readyz (app/health.ts), any route another
// part adds (the Slack installer, say), and, in Slack HTTP mode, the Events API receiver as the fallback
// for every other request. One server, so probes answer the same way whichever platforms run.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export type HttpServer = {
  /** Serves `method path` (exact path, query ignored). A later route for the same pair replaces the earlier. */
  route(method: 'GET' | 'POST', path: string, handler: RouteHandler): void;
  /** Takes every request no route matched (the Slack receiver in HTTP mode); without one they get 404. */
  fallback(listener: RequestListener | null): void;
  /** Starts listening; resolves with the port (PORT=0 picks a free one). */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting connections and closes idle ones; requests in progress get `graceMs` to finish. */
  close(graceMs?: number): Promise<void>;
};

const notFound = (res: ServerResponse) => {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found\n');
};

export function createHttpServer(onError: (e: Error) => void = () => {}): HttpServer {
  const routes = new Map<string, RouteHandler>();
  let rest: RequestListener | null = null;
  let server: Server | null = null;

  const handle: RequestListener = (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = routes.get(`${req.method ?? 'GET'} ${path}`) ?? (req.method === 'HEAD' ? routes.get(`GET ${path}`) : undefined);
    if (handler) {
      Promise.resolve()
        .then(() => handler(req, res))
        .catch((e: Error) => {
          onError(e);
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
      return;
    }
    if (rest) {
      // A fallback that throws must not end the process (an uncaught exception in a 'request' listener does).
      try {
        rest(req, res);
      } catch (e) {
        onError(e as Error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }
      return;
    }
    notFound(res);
  };

  return {
    route: (method, path, handler) => void routes.set(`${method} ${path}`, handler),
    fallback: (listener) => void (rest = listener),
    listen: (port, host) =>
      new Promise<number>((resolve, reject) => {
        const s = createServer(handle);
        s.once('error', reject);
        s.listen(port, host, () => {
          s.off('error', reject);
          s.on('error', onError);
          server = s;
          resolve((s.address() as AddressInfo).port);
        });
      }),
    close: (graceMs = 3_000) =>
      new Promise<void>((resolve) => {
        if (!server) return resolve();
        const s = server;
        server = null;
        const cut = setTimeout(() => s.closeAllConnections(), graceMs);
        s.close(() => {
          clearTimeout(cut);
          resolve();
        });
        // Keep-alive sockets with no request in flight would hold close() open; busy ones finish first.
        s.closeIdleConnections();
      }),
  };
}
