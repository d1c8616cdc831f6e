import { decodeJwt } from 'jose';
import { isRole } from '@licences/shared-identity';
import type { Role } from '@licences/shared-identity';

/** Who is signed in, held in memory only: a reload signs out. */
export interface Session {
  readonly token: string;
  readonly sub: string;
  readonly roles: readonly Role[];
  /** The role this official acts in; sent as X-Acting-Role when the token holds several. */
  readonly actingRole: Role;
  /** Seconds since the epoch, from the token's `exp`. */
  readonly expiresAt: number;
  readonly source: 'development' | 'oidc';
}

/** A claim at a dotted path (`realm_access.roles`), as the API reads it. */
export function claimAt(payload: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = payload;
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

export class SessionError extends Error {}

/**
 * The session a token opens. Only for showing the right pages: the API verifies every request,
 * so a token this reads wrongly gets a 401 or 403 there, never more.
 */
export function sessionFromToken(
  token: string,
  source: Session['source'],
  claims: { readonly rolesClaim: string; readonly subjectClaim: string } = {
    rolesClaim: 'roles',
    subjectClaim: 'sub',
  },
): Session {
  const payload = decodeJwt(token);
  const sub = claimAt(payload, claims.subjectClaim);
  if (typeof sub !== 'string' || sub.trim() === '') throw new SessionError('The token names no official');
  const listed = claimAt(payload, claims.rolesClaim);
  const named: unknown[] = [...(Array.isArray(listed) ? (listed as unknown[]) : []), payload['role']];
  const roles = [...new Set(named.filter(isRole))];
  const [first] = roles;
  if (first === undefined) throw new SessionError('The token holds no role of this system');
  if (typeof payload.exp !== 'number') throw new SessionError('The token has no expiry');
  return { token, sub, roles, actingRole: first, expiresAt: payload.exp, source };
}

export function hasRole(session: Session | undefined, ...roles: Role[]): boolean {
  return session !== undefined && roles.includes(session.actingRole);
}
