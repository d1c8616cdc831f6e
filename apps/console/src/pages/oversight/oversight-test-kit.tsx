import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { Session } from '../../auth/session';
import { SessionProvider } from '../../auth/session-context';
import { LanguageProvider } from '../../i18n/i18n';
import { ReportsPage } from '../reports/reports.page';
import { DecisionsPage } from './decisions.page';
import { ReplayPage } from './replay.page';

// The fake API behind the real ApiClient is the approvals pages' (one fake for the console).
export { fakeApi, problem } from '../approvals/approvals-test-kit';

/** The oversight and reporting pages at `path`, signed in as an oversight official, in Dutch. */
export function renderOversightAt(path: string) {
  const session: Session = {
    token: 'test-token',
    sub: 'erin',
    roles: ['oversight'],
    actingRole: 'oversight',
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
    source: 'development',
  };
  const router = createMemoryRouter(
    [
      { path: '/oversight/cases/:id', element: <ReplayPage /> },
      { path: '/oversight/decisions', element: <DecisionsPage /> },
      { path: '/reports', element: <ReportsPage /> },
    ],
    { initialEntries: [path] },
  );
  render(
    <LanguageProvider initial="nl">
      <SessionProvider session={session} setSession={() => undefined} signOut={() => undefined}>
        <RouterProvider router={router} />
      </SessionProvider>
    </LanguageProvider>,
  );
  return router;
}
