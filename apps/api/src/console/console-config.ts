import type { IdentityConfig } from '../auth/identity-config';
import { ConfigError } from '../config/app-config';

/**
 * How the console signs officials in; served at /console/config.json. The same shape is read by
 * apps/console/src/console-config.ts (the console talks to the server only over HTTP).
 */
export type ConsoleSignIn =
  | { readonly kind: 'development' }
  | {
      readonly kind: 'oidc';
      readonly authority: string;
      readonly clientId: string;
      readonly scope: string;
      readonly rolesClaim: string;
      readonly subjectClaim: string;
    }
  | { readonly kind: 'none' };

export interface ConsoleConfig {
  readonly signIn: ConsoleSignIn;
}

function httpsOrLoopback(name: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name}=${raw} is not a URL`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(`${name}=${raw} must use https (http only on a loopback host)`);
  }
  return url;
}

/**
 * The console's sign-in from the environment and the identity the API trusts:
 * - an OpenID Connect client (`LICENCES_CONSOLE_OIDC_CLIENT_ID`, with the provider at
 *   `LICENCES_CONSOLE_OIDC_ISSUER`, by default `LICENCES_JWT_ISSUER`) when one is configured;
 * - the development secret when the API accepts it (development mode, no identity configured);
 * - otherwise none: the console says it cannot sign anyone in.
 */
export function consoleConfigOf(env: NodeJS.ProcessEnv, identity: IdentityConfig): ConsoleConfig {
  const clientId = env['LICENCES_CONSOLE_OIDC_CLIENT_ID']?.trim();
  if (clientId) {
    const issuer = env['LICENCES_CONSOLE_OIDC_ISSUER']?.trim() || identity.jwks?.issuer;
    if (!issuer) {
      throw new ConfigError(
        'LICENCES_CONSOLE_OIDC_CLIENT_ID needs LICENCES_CONSOLE_OIDC_ISSUER (or LICENCES_JWT_ISSUER): the provider the console signs in with',
      );
    }
    if (!identity.jwks) {
      throw new ConfigError(
        'LICENCES_CONSOLE_OIDC_CLIENT_ID needs LICENCES_JWKS_URL or LICENCES_JWKS_FILE: the API must trust the provider whose tokens the console brings',
      );
    }
    const authority = httpsOrLoopback('LICENCES_CONSOLE_OIDC_ISSUER', issuer).toString().replace(/\/$/, '');
    return {
      signIn: {
        kind: 'oidc',
        authority,
        clientId,
        scope: env['LICENCES_CONSOLE_OIDC_SCOPE']?.trim() || 'openid',
        rolesClaim: identity.rolesClaim.join('.'),
        subjectClaim: identity.subjectClaim.join('.'),
      },
    };
  }
  if (identity.hs256?.development) return { signIn: { kind: 'development' } };
  return { signIn: { kind: 'none' } };
}

/** The origins the console's page may connect to: its own, and the identity provider's. */
export function consoleConnectSources(config: ConsoleConfig): readonly string[] {
  return config.signIn.kind === 'oidc' ? ["'self'", new URL(config.signIn.authority).origin] : ["'self'"];
}
