import { act, fireEvent, screen, within } from '@testing-library/react';
import { fakeApi, json, renderPage, testSession } from '../../components/cases/console-page.test-kit';
import type { CaseRow } from '../../components/cases/case-table';
import { WorkQueuesPage } from './work-queues.page';

const applied = {
  id: '2aa70f3d-3794-4459-b87b-7f04c041f43e',
  status: 'applied',
  procedure: 'application',
  kind: 'individual',
  goodsCategory: 'military',
  applicant: { name: 'Demo Trading B.V.', chamberOfCommerceNumber: '99000112' },
  destinations: [{ country: 'EG', endUser: 'Armed forces of Egypt' }],
  lastDecision: { type: 'Applied', decisionDate: '2026-11-16' },
  reassessmentRequests: [],
  onHold: true,
} as unknown as CaseRow;

function page(items: readonly CaseRow[], total = items.length, pageNumber = 1) {
  return json(200, { items, total, page: pageNumber, pageSize: 10 });
}

describe('the work queues', () => {
  let requested: string[];
  beforeEach(() => {
    requested = [];
    fakeApi((url) => {
      requested.push(url);
      const pageNumber = Number(new URL(url, 'http://x').searchParams.get('page'));
      return url.includes('status=applied') ? page([applied], 25, pageNumber) : page([]);
    });
  });

  async function renderQueues(entry = '/queues') {
    const router = renderPage(
      [{ path: '/queues', element: <WorkQueuesPage /> }],
      entry,
      testSession('b.de-vries', 'assessor'),
    );
    await screen.findByText('Demo Trading B.V.');
    return router;
  }

  it('says in words that a queue is empty, and marks a case on hold in words beside its status', async () => {
    await renderQueues();
    expect(screen.getByText('Er wachten geen sondages op een antwoord.')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Aanvragen die op een besluit wachten' });
    const row = within(table).getAllByRole('row')[1];
    expect(row?.textContent).toContain('Aangevraagd');
    expect(row?.textContent).toContain('Aangehouden');
    expect(row?.textContent).toContain('Egypte');
    expect(within(table).getByRole('link').getAttribute('href')).toBe(`/cases/${applied.id}`);
  });

  it('pages one queue through the URL without moving the others', async () => {
    const router = await renderQueues('/queues?sondages=1');
    await act(async () => {
      fireEvent.click(screen.getAllByRole('button', { name: 'Volgende pagina' })[0] as HTMLElement);
      await Promise.resolve();
    });
    expect(router.state.location.search).toBe('?sondages=1&applications=2');
    await screen.findByText('Pagina 2 van 3 (25 in totaal)');
    const last = (status: string) => requested.filter((url) => url.includes(status)).at(-1);
    expect(last('status=applied')).toContain('page=2');
    expect(last('status=sondage-requested')).toContain('page=1');
  });
});
