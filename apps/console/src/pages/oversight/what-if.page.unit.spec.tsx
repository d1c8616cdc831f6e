import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { WhatIfComparison, WhatIfLicence } from '../../api/oversight.types';
import { renderPage, testSession } from '../../components/cases/console-page.test-kit';
import { CASE_A, CASE_B } from './oversight-fixtures';
import { fakeApi } from './oversight-test-kit';
import { WhatIfPage } from './what-if.page';

function licence(caseId: string): WhatIfLicence {
  return {
    caseId,
    destinations: ['DE'],
    kind: 'individual',
    goodsCategory: 'military',
    afterSales: false,
    contractTermMonths: 60,
    issuedOn: '2024-03-01',
    validFrom: '2024-03-01',
    basis: 'contract-term',
    coveredByVariant: true,
    months: { actual: 36, whatIf: 60 },
    issuedValidUntil: { actual: '2027-02-28', whatIf: '2029-02-28' },
    validUntil: { actual: '2027-02-28', whatIf: '2029-02-28' },
    differenceDays: 731,
    extensions: 0,
    extensionsNotNeeded: 0,
  };
}

/** A page as the API answers it: two licences of 60, with the totals of the whole period. */
function apiPage(page: number): WhatIfComparison {
  return {
    policy: {
      id: 'contract-duration',
      title: 'Validity for the whole intended contract term',
      source: { reference: 'Motion Ram' },
    },
    from: '2024-01-01',
    to: '2024-12-31',
    licences: [licence(CASE_A), licence(CASE_B)],
    totals: {
      licences: 60,
      longer: 41,
      shorter: 3,
      unchanged: 16,
      differenceDays: 12_345,
      extensions: 4,
      extensionsNotNeeded: 2,
      revoked: 1,
      notCoveredByVariant: 16,
      actualDaysAfterRevocation: 244,
      whatIfDaysAfterRevocation: 1368,
    },
    page,
    pageSize: 25,
    matching: 60,
  };
}

const renderWhatIfAt = (path: string) =>
  renderPage(
    [{ path: '/oversight/what-if', element: <WhatIfPage /> }],
    path,
    testSession('erin', 'oversight'),
  );

describe('the what-if page', () => {
  it('asks the API for the page in the URL and shows that page beside the totals of the period', async () => {
    const { sent } = fakeApi({
      'POST /api/oversight/what-if': (request) => [200, apiPage((request.body as { page: number }).page)],
    });
    const router = renderWhatIfAt('/oversight/what-if?policy=national&from=2024-01-01&to=2024-12-31&page=2');

    const rows = await screen.findAllByTestId('what-if-row');
    expect(sent[0]!.body).toEqual({
      policy: 'national',
      from: '2024-01-01',
      to: '2024-12-31',
      page: 2,
      pageSize: 25,
    });
    // The rows are the API's page, not a slice the console cut itself.
    expect(rows).toHaveLength(2);
    expect(within(rows[1]!).getByRole('link').getAttribute('href')).toBe(`/oversight/cases/${CASE_B}`);
    expect(screen.getByTestId('what-if-totals').textContent).toContain('12.345');
    expect(screen.getByText('Pagina 2 van 3 (60 in totaal)')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Volgende pagina' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]!.body).toMatchObject({ policy: 'national', page: 3, pageSize: 25 });
    expect(router.state.location.search).toContain('page=3');
    await screen.findByText('Pagina 3 van 3 (60 in totaal)');
  });

  it('asks again from the first page when the question changes', async () => {
    const { sent } = fakeApi({ 'POST /api/oversight/what-if': [200, apiPage(1)] });
    const router = renderWhatIfAt('/oversight/what-if?policy=national&from=2024-01-01&to=2024-12-31&page=2');
    await screen.findAllByTestId('what-if-row');

    fireEvent.change(screen.getByLabelText('Variant'), { target: { value: 'contract-duration' } });
    fireEvent.click(screen.getByRole('button', { name: 'Vergelijken' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]!.body).toMatchObject({ policy: 'contract-duration', page: 1, pageSize: 25 });
    expect(router.state.location.search).not.toContain('page=');
  });

  it('asks nothing before a question is asked', async () => {
    const { sent } = fakeApi({});
    renderWhatIfAt('/oversight/what-if');
    // Lets the page settle on its empty answer.
    await act(() => Promise.resolve());
    expect(sent).toHaveLength(0);
    expect(screen.queryByTestId('what-if-row')).toBeNull();
  });
});
