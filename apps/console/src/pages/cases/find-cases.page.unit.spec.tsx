import { act, fireEvent, screen } from '@testing-library/react';
import {
  fakeApi,
  json,
  renderPage as renderRoutes,
  testSession,
} from '../../components/cases/console-page.test-kit';
import { FindCasesPage } from './find-cases.page';

const refusal = () =>
  json(400, {
    status: 400,
    code: 'VALIDATION_FAILED',
    title: 'Invalid request',
    detail: 'Invalid request: destination',
    errors: [
      { field: 'destination', messages: ['destination must be an ISO 3166-1 alpha-2 code in capitals'] },
    ],
  });
const none = () => json(200, { items: [], total: 0, page: 1, pageSize: 25 });

describe('finding cases', () => {
  let requested: string[];
  beforeEach(() => {
    requested = [];
    fakeApi((url) => {
      requested.push(url);
      return url.includes('destination=xx') ? refusal() : none();
    });
  });

  const renderPage = (entry: string) =>
    renderRoutes(
      [{ path: '/cases', element: <FindCasesPage /> }],
      entry,
      testSession('b.de-vries', 'assessor'),
    );

  it('searches with the filters chosen, keeps them in the URL and starts again from page 1', async () => {
    const router = renderPage('/cases?page=3');
    await screen.findByText('Geen zaken gevonden met deze filters.');
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'issued' } });
    fireEvent.change(screen.getByLabelText('Geldig op (datum)'), { target: { value: '2025-06-01' } });
    const search = screen.getByRole('button', { name: 'Zoeken' });
    search.focus();
    await act(async () => {
      fireEvent.click(search);
      await Promise.resolve();
    });
    expect(router.state.location.search).toBe('?status=issued&validOn=2025-06-01');
    expect(requested.at(-1)).toBe('/api/licences?status=issued&validOn=2025-06-01&page=1&pageSize=25');
    expect(document.activeElement).toBe(search);

    // Back to another search's URL: the form shows that search's filters.
    await act(() => router.navigate('/cases?status=denied'));
    expect(screen.getByLabelText<HTMLSelectElement>('Status').value).toBe('denied');
    expect(screen.getByLabelText<HTMLInputElement>('Geldig op (datum)').value).toBe('');
  });

  it('shows the API’s refusal of a filter at that filter, with what was typed still there', async () => {
    renderPage('/cases?destination=xx');
    const message = await screen.findByText('destination must be an ISO 3166-1 alpha-2 code in capitals');
    expect(message.closest('#destination-field')).not.toBeNull();
    expect(screen.getByLabelText<HTMLInputElement>(/^Bestemming/).value).toBe('xx');
    expect(screen.getByRole('alert').textContent).not.toContain('alpha-2');
  });
});
