import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { DecisionsInPeriod } from '../../api/oversight.types';
import { decisionRows } from './decisions-filter';
import { FINDING_CODES } from './finding.vocabulary';
import { CASE_A, CASE_B, decision, finding } from './oversight-fixtures';
import { fakeApi, problem, renderOversightAt } from './oversight-test-kit';

const TOTALS = { decisions: 60, rechecked: 31, deviations: 17, notes: 9 };

/** A page as the API answers it: the decisions it chose, their findings and the counts. */
function apiPage(page: number, matching: number): DecisionsInPeriod {
  return {
    from: '2024-01-01',
    to: '2024-12-31',
    decisions: [decision(CASE_A, 1, 'Issued', '2024-01-02'), decision(CASE_B, 2, 'Extended', '2024-06-01')],
    findings: [
      finding(CASE_A, 1, 'VALIDITY_LONGER_THAN_RULE', 'deviation'),
      finding(CASE_A, 1, 'RULE_MISMATCH', 'deviation'),
    ],
    totals: TOTALS,
    page,
    pageSize: 25,
    matching,
  };
}

const queryOf = (url: string) => Object.fromEntries(new URL(url, 'http://console').searchParams);

describe('the findings of a page of decisions', () => {
  it('go to the decision they belong to, none to the others', () => {
    const page = apiPage(1, 2);
    const rows = decisionRows(page.decisions, page.findings);
    expect(rows.map((r) => r.findings.map((f) => f.code))).toEqual([
      ['VALIDITY_LONGER_THAN_RULE', 'RULE_MISMATCH'],
      [],
    ]);
  });
});

describe('the decisions page', () => {
  it('asks the API for the period, filter and page in the URL and shows the page it answers', async () => {
    const { sent } = fakeApi({ 'GET /api/oversight/decisions': [200, apiPage(2, 60)] });
    renderOversightAt(
      '/oversight/decisions?from=2024-01-01&to=2024-12-31&severity=deviation&code=RULE_MISMATCH&page=2',
    );

    const rows = await screen.findAllByTestId('decision-row');
    expect(queryOf(sent[0]!.url)).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
      severity: 'deviation',
      code: 'RULE_MISMATCH',
      page: '2',
      pageSize: '25',
    });
    // The rows are the API's: the console filters nothing away itself.
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('RULE_MISMATCH');
    expect(rows[1]!.textContent).toContain('Geen');
    expect(within(rows[1]!).getByRole('link').getAttribute('href')).toBe(`/oversight/cases/${CASE_B}`);
    // The totals of the whole period, and the pages of what matches.
    expect(screen.getByText('Afwijkingen').nextSibling?.textContent).toBe('17');
    expect(screen.getByText('Pagina 2 van 3 (60 in totaal)')).toBeTruthy();
    expect(screen.queryByText(/al zijn opgehaald/)).toBeNull();
  });

  it('sends a changed filter to the API from the first page, and a next page on request', async () => {
    const { sent } = fakeApi({
      'GET /api/oversight/decisions': (request) => [200, apiPage(Number(queryOf(request.url)['page']), 60)],
    });
    const router = renderOversightAt('/oversight/decisions?from=2024-01-01&to=2024-12-31&page=2');
    await screen.findAllByTestId('decision-row');

    fireEvent.change(screen.getByLabelText('Ernst'), { target: { value: 'note' } });
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(queryOf(sent[1]!.url)).toMatchObject({ severity: 'note', page: '1' });
    expect(router.state.location.search).toContain('severity=note');
    expect(router.state.location.search).not.toContain('page=');

    fireEvent.change(screen.getByLabelText('Soort bevinding'), { target: { value: 'RULE_BASIS_DIFFERS' } });
    await waitFor(() => expect(sent).toHaveLength(3));
    expect(queryOf(sent[2]!.url)).toMatchObject({ severity: 'note', code: 'RULE_BASIS_DIFFERS', page: '1' });

    await screen.findByText('Pagina 1 van 3 (60 in totaal)');
    fireEvent.click(screen.getByRole('button', { name: 'Volgende pagina' }));
    await waitFor(() => expect(sent).toHaveLength(4));
    expect(queryOf(sent[3]!.url)).toMatchObject({ code: 'RULE_BASIS_DIFFERS', page: '2' });
    expect(router.state.location.search).toContain('page=2');
  });

  it('offers every finding code the API knows, whatever the page holds', async () => {
    fakeApi({ 'GET /api/oversight/decisions': [200, apiPage(1, 2)] });
    renderOversightAt('/oversight/decisions?from=2024-01-01&to=2024-12-31');
    await screen.findAllByTestId('decision-row');
    const options = within(screen.getByLabelText('Soort bevinding')).getAllByRole('option');
    expect(options.map((o) => (o as HTMLOptionElement).value)).toEqual(['', ...FINDING_CODES]);
  });

  it('shows the API’s message on the period field it refused', async () => {
    fakeApi({
      'GET /api/oversight/decisions': problem(400, 'VALIDATION_FAILED', [
        { field: 'to', messages: ['to must be on or after from, at most 10 years later'] },
      ]),
    });
    renderOversightAt('/oversight/decisions?from=2000-01-01&to=2024-12-31');
    expect(await screen.findByText('to must be on or after from, at most 10 years later')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('VALIDATION_FAILED');
  });
});
