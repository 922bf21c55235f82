// Bolt's HTTPReceiver handles each request in an async closure whose rejection nobody catches, and it
// reads `body.ssl_check` from whatever the body parsed to: a correctly signed body of `null` (or a
// form whose payload is `null`) throws there, and Node ends the process on the unhandled rejection
// (bolt 5.1.0, receivers/HTTPReceiver.js). Only someone holding the signing secret can send one, but
// bad input must never stop the server. Bolt parses bodies through its exported HTTPModuleFunctions
// object, so the parser is wrapped once: a body that is not a JSON object is refused as malformed,
// which Bolt answers with 400 like any other unreadable body.
import { HTTPModuleFunctions } from '@slack/bolt';

type Parse = typeof HTTPModuleFunctions.parseHTTPRequestBody;
const GUARDED = Symbol.for('backbuddy.slack.bodyGuard');

export function guardBodyParser(fns: { parseHTTPRequestBody: Parse } = HTTPModuleFunctions): void {
  const current = fns.parseHTTPRequestBody as Parse & { [GUARDED]?: true };
  if (current[GUARDED]) return;
  const guarded = ((req) => {
    const body: unknown = current(req);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new SyntaxError('the body is not a JSON object');
    return body;
  }) as Parse & { [GUARDED]?: true };
  guarded[GUARDED] = true;
  fns.parseHTTPRequestBody = guarded;
}
