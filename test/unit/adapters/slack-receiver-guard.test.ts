import { describe, expect, it } from 'vitest';
import { guardBodyParser } from '../../../adapters/slack/receiver-guard.js';

// Bolt reads `body.ssl_check` from whatever the body parsed to, in a closure whose rejection ends the
// process: only JSON objects may reach it.
describe('Slack receiver body guard', () => {
  const req = (raw: string) => ({ rawBody: Buffer.from(raw), headers: { 'content-type': 'application/json' } });
  const fns = { parseHTTPRequestBody: (r: { rawBody: Buffer }) => JSON.parse(r.rawBody.toString()) as unknown };

  it('refuses bodies that are not JSON objects, passes objects through, and wraps once', () => {
    guardBodyParser(fns as never);
    const first = fns.parseHTTPRequestBody;
    guardBodyParser(fns as never);
    expect(fns.parseHTTPRequestBody).toBe(first);
    for (const raw of ['null', '[1,2]', '3', '"x"', 'true']) expect(() => fns.parseHTTPRequestBody(req(raw) as never)).toThrow(SyntaxError);
    expect(fns.parseHTTPRequestBody(req('{"type":"event_callback"}') as never)).toEqual({ type: 'event_callback' });
  });
});
