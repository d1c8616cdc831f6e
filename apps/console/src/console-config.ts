/**
 * How the console signs in, as the API server says at /console/config.json: with the development
 * secret (development mode, no identity configured), through an OpenID Connect provider with
 * PKCE, or not at all (the server has an identity but no client for the console).
 */
export type SignInConfig =
  | { readonly kind: 'development' }
  | {
      readonly kind: 'oidc';
      readonly authority: string;
      readonly clientId: string;
      readonly scope: string;
      /** Dotted paths into the access token, as the API reads them (LICENCES_JWT_*_CLAIM). */
      readonly rolesClaim: string;
      readonly subjectClaim: string;
    }
  | { readonly kind: 'none' };

export interface ConsoleConfig {
  readonly signIn: SignInConfig;
}

function isConsoleConfig(value: unknown): value is ConsoleConfig {
  if (typeof value !== 'object' || value === null) return false;
  const signIn = (value as { signIn?: { kind?: unknown } }).signIn;
  return (
    typeof signIn === 'object' &&
    signIn !== null &&
    (signIn.kind === 'development' || signIn.kind === 'oidc' || signIn.kind === 'none')
  );
}

export async function loadConsoleConfig(fetchFn: typeof fetch = fetch): Promise<ConsoleConfig> {
  const response = await fetchFn('/console/config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`The console's settings could not be read (HTTP ${response.status})`);
  const body: unknown = await response.json();
  if (!isConsoleConfig(body)) throw new Error("The console's settings are not in the expected form");
  return body;
}
