import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { SignInConfig } from '../console-config';
import { sessionFromToken } from './session';
import type { Session } from './session';

type OidcConfig = Extract<SignInConfig, { kind: 'oidc' }>;

export const SIGNED_IN_PATH = '/console/signed-in';

/**
 * The authorization-code flow with PKCE. Tokens stay in memory (a reload signs out); only the
 * flow's own state and code verifier wait in sessionStorage while the browser is at the provider,
 * and oidc-client-ts removes them when the provider answers.
 */
export function oidcClient(
  config: OidcConfig,
  onRenewed: (session: Session) => void,
  origin: string = globalThis.location.origin,
) {
  const manager = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${origin}${SIGNED_IN_PATH}`,
    post_logout_redirect_uri: `${origin}/console/`,
    response_type: 'code',
    scope: config.scope,
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: globalThis.sessionStorage }),
    // Providers give short access tokens (Keycloak: 5 minutes). A refresh token, held in memory
    // like the rest, renews them before they expire; without one the session ends with its token.
    automaticSilentRenew: true,
    loadUserInfo: false,
  });
  manager.events.addUserLoaded((user) => {
    try {
      onRenewed(sessionFromToken(user.access_token, 'oidc', config));
    } catch {
      // A renewed token this console cannot read leaves the current session to expire.
    }
  });
  return {
    signIn: (returnTo: string) => manager.signinRedirect({ state: returnTo }),
    /** Completes the sign-in on the way back; answers the session and where the official was going. */
    async completeSignIn(url: string): Promise<{ session: Session; returnTo: string }> {
      const user = await manager.signinRedirectCallback(url);
      const session = sessionFromToken(user.access_token, 'oidc', config);
      const returnTo = typeof user.state === 'string' && user.state.startsWith('/') ? user.state : '/';
      return { session, returnTo };
    },
    signOut: () => manager.removeUser(),
  };
}
