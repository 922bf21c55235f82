import { describe, expect, it } from 'vitest';
import { createTokenBox, keyId, parseKey } from '../../../src/common/token-box.js';

const K1 = Buffer.alloc(32, 1);
const K2 = Buffer.alloc(32, 2);

describe('token box (AES-256-GCM)', () => {
  it('seals and opens, with a fresh nonce each time, naming the key by fingerprint only', () => {
    const box = createTokenBox(K1);
    const a = box.seal('xoxb-secret', 'T1');
    const b = box.seal('xoxb-secret', 'T1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('xoxb');
    expect(a.split('.')[1]).toBe(keyId(K1));
    expect(box.open(a, 'T1')).toEqual({ ok: true, value: { plain: 'xoxb-secret', stale: false } });
  });

  it('refuses another key, another context, a changed byte and junk, with a code', () => {
    const sealed = createTokenBox(K1).seal('xoxb-secret', 'T1');
    expect(createTokenBox(K2).open(sealed, 'T1')).toMatchObject({ ok: false, error: { code: 'unknown_key' } });
    expect(createTokenBox(K1).open(sealed, 'T2')).toMatchObject({ ok: false, error: { code: 'tampered' } });
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4]!, 'base64');
    body[0] = body[0]! ^ 1;
    parts[4] = body.toString('base64');
    expect(createTokenBox(K1).open(parts.join('.'), 'T1')).toMatchObject({ ok: false, error: { code: 'tampered' } });
    for (const junk of ['', 'xoxb-plain', 'v1.a.b.c', 'v2.a.b.c.d']) expect(createTokenBox(K1).open(junk, 'T1')).toMatchObject({ ok: false, error: { code: 'malformed' } });
  });

  it('opens a value sealed with the previous key and reports it stale', () => {
    const old = createTokenBox(K1).seal('xoxb-secret', 'T1');
    expect(createTokenBox(K2, K1).open(old, 'T1')).toEqual({ ok: true, value: { plain: 'xoxb-secret', stale: true } });
  });

  it('reads keys as base64 of exactly 32 bytes', () => {
    expect(parseKey(K1.toString('base64'))).toMatchObject({ ok: true });
    expect(parseKey(Buffer.alloc(16).toString('base64'))).toEqual({ ok: false, error: expect.stringContaining('decodes to 16 bytes') });
    expect(parseKey('not base64!')).toEqual({ ok: false, error: expect.stringContaining('not base64') });
  });
});
