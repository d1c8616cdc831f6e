import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { RouteObject } from 'react-router';
import type { Role } from '@licences/shared-identity';
import type { Session } from '../../auth/session';
import { SessionProvider } from '../../auth/session-context';
import { LanguageProvider } from '../../i18n/i18n';

/*
 * For unit tests of a page: the page signed in, in Dutch, at a URL of a memory router, with the
 * API answered by a fake `fetch` (the console's API client asks by path, a string).
 */

export function testSession(sub: string, role: Role): Session {
  return {
    token: 'token',
    sub,
    roles: [role],
    actingRole: role,
    expiresAt: 4_000_000_000,
    source: 'development',
  };
}

export type FakeFetch = jest.Mock<Promise<Response>, Parameters<typeof fetch>>;

/** Every request goes to `answer(path)`; the mock keeps the calls. */
export function fakeApi(answer: (path: string, init: RequestInit) => Response): FakeFetch {
  const fake: FakeFetch = jest.fn((input, init) => Promise.resolve(answer(input as string, init ?? {})));
  globalThis.fetch = fake;
  return fake;
}

/** A JSON answer as the API gives it: problem+json when it is no success. */
export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
  });
}

export function renderPage(routes: RouteObject[], entry: string, session: Session) {
  const router = createMemoryRouter(routes, { initialEntries: [entry] });
  render(
    <LanguageProvider initial="nl">
      <SessionProvider session={session} setSession={() => undefined} signOut={() => undefined}>
        <RouterProvider router={router} />
      </SessionProvider>
    </LanguageProvider>,
  );
  return router;
}
