// Sign in with Slack against the fake Web API (slack-api.ts): handlers for the authorize step, the code
// exchange (`openid.connect.token`, whose ID token carries the nonce given at authorize) and `users.info`
// (admin, owner or member, answered only to the bot token of the person's own workspace, as the
// OAuth fakes hand them out: `xoxb-<team>-…`). Who signs in is whoever the test names with `signInAs`.
// Not emulated: Slack's consent page, the ID token's signature (backbuddy does not check it: it comes
// straight from the token endpoint), access tokens' use, refresh.
import type { FakeHandler } from './slack-api.js';

export type FakePerson = { team: string; user: string; role: 'admin' | 'owner' | 'member'; name?: string };

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

export type FakeOidc = {
  handlers: Record<string, FakeHandler>;
  /** Who the authorize step signs in next (null: they press Cancel). */
  signInAs(person: FakePerson | null): void;
};

export function fakeOidc(o: { clientId: string; clientSecret: string; people: readonly FakePerson[]; now?: () => Date }): FakeOidc {
  let next: FakePerson | null = null;
  let n = 0;
  const codes = new Map<string, { person: FakePerson; nonce: string; redirectUri: string }>();
  const now = o.now ?? (() => new Date());
  return {
    signInAs: (p) => void (next = p),
    handlers: {
      'openid.connect.authorize': (args) => {
        if (args.client_id !== o.clientId || !String(args.scope ?? '').split(' ').includes('openid') || args.response_type !== 'code') return { error: 'invalid_request' };
        if (!next) return { error: 'access_denied' };
        const code = `oidc-code-${++n}`;
        codes.set(code, { person: next, nonce: String(args.nonce ?? ''), redirectUri: String(args.redirect_uri ?? '') });
        return { code };
      },
      'openid.connect.token': (args) => {
        if (args.client_id !== o.clientId || args.client_secret !== o.clientSecret) return { error: 'invalid_client' };
        const c = codes.get(String(args.code ?? ''));
        // A code is good once, for the redirect URI it was issued to.
        codes.delete(String(args.code ?? ''));
        if (!c || c.redirectUri !== args.redirect_uri) return { error: 'invalid_code' };
        const iat = Math.floor(now().getTime() / 1000);
        const claims = {
          iss: 'https://slack.com', sub: c.person.user, aud: o.clientId, exp: iat + 3600, iat, auth_time: iat, nonce: c.nonce,
          'https://slack.com/user_id': c.person.user, 'https://slack.com/team_id': c.person.team, name: c.person.name ?? 'Alice Example',
        };
        return { access_token: `xoxp-${c.person.team}-${c.person.user}-user-token`, token_type: 'Bearer', id_token: `${b64({ alg: 'RS256', kid: 'fake' })}.${b64(claims)}.ZmFrZS1zaWduYXR1cmU` };
      },
      'users.info': (args, call) => {
        const team = /^Bearer xoxb-(T\w+)-/.exec(call.auth ?? '')?.[1];
        if (!team) return { error: 'invalid_auth' };
        const p = o.people.find((x) => x.team === team && x.user === args.user);
        if (!p) return { error: 'user_not_found' };
        return { user: { id: p.user, team_id: p.team, name: 'alice', real_name: p.name ?? 'Alice Example', deleted: false, is_bot: false, is_admin: p.role !== 'member', is_owner: p.role === 'owner', is_primary_owner: false, tz: 'Europe/London' } };
      },
    },
  };
}
