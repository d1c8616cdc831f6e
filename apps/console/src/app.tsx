import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createBrowserRouter, Outlet, RouterProvider, useLocation } from 'react-router';
import { oidcClient, SIGNED_IN_PATH } from './auth/oidc-sign-in';
import type { Session } from './auth/session';
import { SessionProvider } from './auth/session-context';
import type { ConsoleConfig } from './console-config';
import { Shell } from './layout/shell';
import { routes } from './routes';
import { SignInPage } from './pages/sign-in.page';

/** Moves focus to the page's content after each navigation, so keyboard and screen-reader users start there. */
function FocusOnNavigation() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [location.pathname]);
  return null;
}

function Layout() {
  return (
    <Shell>
      <FocusOnNavigation />
      <Outlet />
    </Shell>
  );
}

export function App({ config }: { config: ConsoleConfig }) {
  const [session, setSession] = useState<Session>();
  const [signInError, setSignInError] = useState<string>();
  const oidc = useMemo(
    () =>
      config.signIn.kind === 'oidc'
        ? oidcClient(config.signIn, (renewed) =>
            // Keep the role the official chose to act in, if the renewed token still holds it.
            setSession((current) =>
              current && renewed.roles.includes(current.actingRole)
                ? { ...renewed, actingRole: current.actingRole }
                : renewed,
            ),
          )
        : undefined,
    [config],
  );

  // Back from the identity provider: exchange the code (with the PKCE verifier) for a token.
  useEffect(() => {
    if (!oidc || globalThis.location.pathname !== SIGNED_IN_PATH) return;
    oidc.completeSignIn(globalThis.location.href).then(
      ({ session: opened, returnTo }) => {
        globalThis.history.replaceState(null, '', `/console${returnTo === '/' ? '/' : returnTo}`);
        setSession(opened);
      },
      (error: unknown) => setSignInError(error instanceof Error ? error.message : String(error)),
    );
  }, [oidc]);

  const signOut = useCallback(() => {
    setSession(undefined);
    void oidc?.signOut();
  }, [oidc]);

  // A session ends with its token: sign out when it expires rather than fail on every request.
  useEffect(() => {
    if (!session) return;
    const left = session.expiresAt * 1000 - Date.now();
    const timer = setTimeout(signOut, Math.max(0, Math.min(left, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session, signOut]);

  const router = useMemo(
    () =>
      createBrowserRouter([{ path: '/', element: <Layout />, children: routes }], { basename: '/console' }),
    [],
  );

  if (!session) {
    const returnTo = globalThis.location.pathname.replace(/^\/console/, '') || '/';
    return (
      <SignInPage
        config={config.signIn}
        onSignedIn={setSession}
        onOidcSignIn={() => void oidc?.signIn(returnTo)}
        error={signInError}
      />
    );
  }
  return (
    <SessionProvider session={session} setSession={setSession} signOut={signOut}>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
