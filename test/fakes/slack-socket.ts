// Fake Slack Socket Mode server (a `ws` server on 127.0.0.1). The fake Web API's `apps.connections.open`
// returns its URL. Emulates: the `hello` message, envelopes for events_api / slash_commands / interactive
// with `envelope_id`, `retry_attempt` and `accepts_response_payload`, and hands back the client's ack.
// Does not emulate: `disconnect` warnings, refresh/reconnect, server pings (tests are shorter than the
// client's 30 s ping timeout), several connections, or ticket checks.
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';

export type SocketEnvelopeType = 'events_api' | 'slash_commands' | 'interactive';
export type SocketAck = { envelope_id: string; payload?: unknown };

export interface FakeSocketMode {
  wsUrl: string;
  connected: Promise<void>;
  /** Sends one envelope; resolves with the client's ack. */
  send(type: SocketEnvelopeType, payload: unknown, retryAttempt?: number): Promise<SocketAck>;
  close(): Promise<void>;
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const acks = new Map<string, (msg: SocketAck) => void>();
  let sock: WebSocket | undefined;
  const connected = new Promise<void>((resolve) => wss.on('connection', (ws) => {
    sock = ws;
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as SocketAck;
      acks.get(m.envelope_id)?.(m);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A1' } }));
    resolve();
  }));
  let n = 0;
  const send: FakeSocketMode['send'] = (type, payload, retryAttempt = 0) => {
    if (!sock) throw new Error('fake Socket Mode: no client connected');
    const envelope_id = `env-${++n}`;
    const acked = new Promise<SocketAck>((r) => acks.set(envelope_id, r));
    sock.send(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type !== 'events_api',
      retry_attempt: retryAttempt, retry_reason: retryAttempt ? 'timeout' : '' }));
    return acked;
  };
  return {
    wsUrl: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link?ticket=t`,
    connected, send,
    close: () => new Promise<void>((r) => { for (const c of wss.clients) c.close(); wss.close(() => r()); }),
  };
}
