// Why a connection failed, from the error chain Node, undici, pg and the platform SDKs build
// (`WebAPIRequestError.original.cause`, `TypeError: fetch failed` → `cause`, an `AggregateError`'s
// `errors`), so start-up can tell an operator "no such host" from "wrong token".

export type NetFailure = 'name_lookup' | 'refused' | 'timeout' | 'reset' | 'tls';

const BY_CODE: Record<string, NetFailure> = {
  ENOTFOUND: 'name_lookup',
  EAI_AGAIN: 'name_lookup',
  EAI_NONAME: 'name_lookup',
  ECONNREFUSED: 'refused',
  EHOSTUNREACH: 'refused',
  ENETUNREACH: 'refused',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  ECONNRESET: 'reset',
  UND_ERR_SOCKET: 'reset',
  EPIPE: 'reset',
  CERT_HAS_EXPIRED: 'tls',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tls',
  SELF_SIGNED_CERT_IN_CHAIN: 'tls',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls',
  ERR_TLS_CERT_ALTNAME_INVALID: 'tls',
};

/** The first network failure found in the error or its causes (depth-limited: causes can form cycles). */
export function netFailureOf(e: unknown, depth = 0): NetFailure | null {
  if (depth > 8 || e === null || typeof e !== 'object') return null;
  const o = e as { code?: unknown; cause?: unknown; original?: unknown; errors?: unknown };
  if (typeof o.code === 'string' && BY_CODE[o.code]) return BY_CODE[o.code]!;
  for (const next of [o.cause, o.original, ...(Array.isArray(o.errors) ? o.errors : [])]) {
    const found = netFailureOf(next, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Words for the operator. */
export const NET_FAILURE_TEXT: Record<NetFailure, string> = {
  name_lookup: 'the host name does not resolve (DNS)',
  refused: 'the connection was refused or the host is unreachable',
  timeout: 'the connection timed out',
  reset: 'the connection was dropped',
  tls: 'its TLS certificate was not accepted',
};

/** The host of a URL, for messages (never the path or credentials). */
export const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return 'an unreadable URL';
  }
};
