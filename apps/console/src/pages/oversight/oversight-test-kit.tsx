import { renderPage, testSession } from '../../components/cases/console-page.test-kit';
import { ReportsPage } from '../reports/reports.page';
import { DecisionsPage } from './decisions.page';
import { ReplayPage } from './replay.page';

// The fake API behind the real ApiClient is the approvals pages' (one fake for the console).
export { fakeApi, problem } from '../approvals/approvals-test-kit';

/** The oversight and reporting pages at `path`, signed in as an oversight official, in Dutch. */
export function renderOversightAt(path: string) {
  return renderPage(
    [
      { path: '/oversight/cases/:id', element: <ReplayPage /> },
      { path: '/oversight/decisions', element: <DecisionsPage /> },
      { path: '/reports', element: <ReportsPage /> },
    ],
    path,
    testSession('erin', 'oversight'),
  );
}
