// Signs requests the way Slack does (v0 HMAC-SHA256 over `v0:<timestamp>:<raw body>`), so tests and the
// bench can POST to the real Bolt HTTP receiver. Emulates only the signature headers and the optional
// retry headers; it does not emulate Slack's delivery, retries or timeouts by itself.
// https://docs.slack.dev/authentication/verifying-requests-from-slack
import { createHmac } from 'node:crypto';

export function slackSignedHeaders(secret: string, rawBody: string, ts = Math.floor(Date.now() / 1000)): Record<string, string> {
  const sig = 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${rawBody}`).digest('hex');
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig };
}

export type SignedPost = { status: number; text: string };

export async function postSigned(
  url: string, secret: string, body: string, contentType: string,
  opts: { headers?: Record<string, string>; timestamp?: number } = {},
): Promise<SignedPost> {
  const res = await fetch(url, {
    method: 'POST', body,
    headers: { 'content-type': contentType, ...slackSignedHeaders(secret, body, opts.timestamp), ...opts.headers },
  });
  return { status: res.status, text: await res.text() };
}

export const form = (o: Record<string, string>): string => new URLSearchParams(o).toString();
export const JSON_TYPE = 'application/json';
export const FORM_TYPE = 'application/x-www-form-urlencoded';
