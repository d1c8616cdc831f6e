import { SignJWT } from 'jose';
import { DEVELOPMENT_JWT_SECRET } from '@licences/shared-identity';
import type { Role } from '@licences/shared-identity';
import { sessionFromToken } from './session';
import type { Session } from './session';

/** Eight hours: a working day, inside the API's twelve-hour limit on token lifetimes. */
const LIFETIME_SECONDS = 8 * 3600;

/** A name as the API records it: one line, no control characters, 1 to 100 characters. */
export const OFFICIAL_NAME = /^[\p{L}\p{N}._@-]{1,100}$/u;

/**
 * Signs a development token in the browser, as `npm run token` does on the command line. Only a
 * server in development mode with no identity configured accepts it.
 */
export async function developmentSignIn(sub: string, roles: readonly Role[], now: Date): Promise<Session> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({ roles: [...roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + LIFETIME_SECONDS)
    .sign(new TextEncoder().encode(DEVELOPMENT_JWT_SECRET));
  return sessionFromToken(token, 'development');
}
