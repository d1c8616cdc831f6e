import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { Session } from '../../auth/session';
import { SessionProvider } from '../../auth/session-context';
import type { CaseRow } from '../../components/cases/case-table';
import { LanguageProvider } from '../../i18n/i18n';
import { WorkQueuesPage } from './work-queues.page';

const session: Session = {
  token: 'token',
  sub: 'b.de-vries',
  roles: ['assessor'],
  actingRole: 'assessor',
  expiresAt: 4_000_000_000,
  source: 'development',
};

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
  return new Response(JSON.stringify({ items, total, page: pageNumber, pageSize: 10 }), {
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('the work queues', () => {
  let requested: string[];
  beforeEach(() => {
    requested = [];
    globalThis.fetch = jest.fn<Promise<Response>, Parameters<typeof fetch>>((input) => {
      // The API client asks by path, a string.
      const url = input as string;
      requested.push(url);
      const pageNumber = Number(new URL(url, 'http://x').searchParams.get('page'));
      return Promise.resolve(url.includes('status=applied') ? page([applied], 25, pageNumber) : page([]));
    });
  });

  async function renderQueues(entry = '/queues') {
    const router = createMemoryRouter([{ path: '/queues', element: <WorkQueuesPage /> }], {
      initialEntries: [entry],
    });
    render(
      <LanguageProvider initial="nl">
        <SessionProvider session={session} setSession={() => undefined} signOut={() => undefined}>
          <RouterProvider router={router} />
        </SessionProvider>
      </LanguageProvider>,
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
