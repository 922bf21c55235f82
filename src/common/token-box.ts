// Secrets at rest (Slack bot tokens of OAuth installs): AES-256-GCM from node:crypto with a key from the
// environment. A sealed value names the key that sealed it by a short fingerprint, so a value sealed
// with TOKEN_ENCRYPTION_KEY_PREVIOUS still opens during a key rotation and is reported stale, for the
// caller to seal again with the current key.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { err, ok, type Result } from './result.js';

const FORMAT = 'v1';
/** GCM's recommended nonce size; a fresh random one for every seal. */
const IV_BYTES = 12;
const KEY_BYTES = 32;

/** Why a sealed value did not open; never carries the value or the key. */
export type OpenError = {
  code: 'malformed' | 'unknown_key' | 'tampered';
  message: string;
};

export type Opened = { plain: string; /** Sealed with the previous key: seal it again. */ stale: boolean };

export interface TokenBox {
  /** Encrypts `plain`; `context` (e.g. the workspace id) is bound to it, so a value copied to another row does not open. */
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): Result<Opened, OpenError>;
}

/** Decodes a base64 key of exactly 32 bytes; the message names the form expected, never the value. */
export function parseKey(b64: string): Result<Buffer, string> {
  const trimmed = b64.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return err('32 random bytes in base64, e.g. from `openssl rand -base64 32` (not base64)');
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) return err(`32 random bytes in base64, e.g. from \`openssl rand -base64 32\` (it decodes to ${key.length} bytes)`);
  return ok(key);
}

/** A short, non-secret name for a key: the first 8 hex digits of its SHA-256. */
export const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

export function createTokenBox(current: Buffer, previous?: Buffer): TokenBox {
  const keys = new Map<string, Buffer>([[keyId(current), current]]);
  if (previous) keys.set(keyId(previous), previous);
  const currentId = keyId(current);
  return {
    seal(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [FORMAT, currentId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
    },
    open(sealed, context) {
      const parts = sealed.split('.');
      if (parts.length !== 5 || parts[0] !== FORMAT) return err({ code: 'malformed', message: 'not a value sealed by backbuddy' });
      const [, id, iv, tag, body] = parts as [string, string, string, string, string];
      const key = keys.get(id);
      if (!key) {
        return err({ code: 'unknown_key', message: `sealed with key ${id}, which is neither TOKEN_ENCRYPTION_KEY (${currentId}) nor TOKEN_ENCRYPTION_KEY_PREVIOUS` });
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
        return ok({ plain, stale: id !== currentId });
      } catch {
        return err({ code: 'tampered', message: `does not authenticate under key ${id} (changed, or moved from another workspace)` });
      }
    },
  };
}
