/**
 * Signs development tokens; accepted only by a server in development mode
 * (LICENCES_MODE=development) with no identity configured. It stands in the source on purpose:
 * the API's `npm run token` and the console's development sign-in both use it, and a server
 * outside development mode refuses it even when it is configured as LICENCES_JWT_SECRET.
 */
export const DEVELOPMENT_JWT_SECRET = 'licences-development-secret-do-not-use-in-production';

/** The roles a token may carry, in the order the console and `npm run token` offer them. */
export const ROLES = ['intake', 'assessor', 'senior-assessor', 'oversight', 'reporting', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
