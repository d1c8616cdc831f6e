import { jwtVerify } from 'jose';
import { DEVELOPMENT_JWT_SECRET } from '@licences/shared-identity';
import { developmentSignIn } from './development-sign-in';
import { claimAt, sessionFromToken, SessionError } from './session';

function unsigned(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part(payload)}.sig`;
}

describe('signing in', () => {
  it('signs a development token the API accepts: HS256 with the development secret, the name and roles, eight hours', async () => {
    const now = new Date('2026-03-02T09:00:00Z');
    const session = await developmentSignIn('b.de-vries', ['assessor', 'senior-assessor'], now);

    const { payload, protectedHeader } = await jwtVerify(
      session.token,
      new TextEncoder().encode(DEVELOPMENT_JWT_SECRET),
      { currentDate: now },
    );
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: 'b.de-vries', roles: ['assessor', 'senior-assessor'] });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(8 * 3600);
    expect(session).toMatchObject({ sub: 'b.de-vries', actingRole: 'assessor', source: 'development' });
  });

  it("reads a provider's token through the configured claim paths, ignoring roles this system does not know", () => {
    const token = unsigned({
      preferred_username: 'carol',
      sub: 'f3a1',
      realm_access: { roles: ['offline_access', 'senior-assessor', 'oversight'] },
      exp: 2_000_000_000,
    });
    const session = sessionFromToken(token, 'oidc', {
      rolesClaim: 'realm_access.roles',
      subjectClaim: 'preferred_username',
    });
    expect(session).toMatchObject({
      sub: 'carol',
      roles: ['senior-assessor', 'oversight'],
      actingRole: 'senior-assessor',
    });
  });

  it('refuses a token without a role of this system, without a subject, or without expiry', () => {
    expect(() => sessionFromToken(unsigned({ sub: 'x', roles: ['viewer'], exp: 1 }), 'oidc')).toThrow(
      SessionError,
    );
    expect(() => sessionFromToken(unsigned({ roles: ['intake'], exp: 1 }), 'oidc')).toThrow(
      /names no official/,
    );
    expect(() => sessionFromToken(unsigned({ sub: 'x', roles: ['intake'] }), 'oidc')).toThrow(/no expiry/);
  });

  it('finds claims at dotted paths and nothing past a leaf', () => {
    expect(claimAt({ a: { b: ['x'] } }, 'a.b')).toEqual(['x']);
    expect(claimAt({ a: 'leaf' }, 'a.b')).toBeUndefined();
  });
});
