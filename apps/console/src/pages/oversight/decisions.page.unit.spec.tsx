import { fireEvent, screen, within } from '@testing-library/react';
import { filterDecisions } from './decisions-filter';
import { CASE_A, CASE_B, decision, finding } from './oversight-fixtures';
import { fakeApi, renderOversightAt } from './oversight-test-kit';

const decisions = [
  decision(CASE_A, 0, 'Applied', '2024-01-01'),
  decision(CASE_A, 1, 'Issued', '2024-01-02'),
  decision(CASE_B, 1, 'Issued', '2024-02-01'),
  decision(CASE_B, 2, 'Extended', '2024-06-01'),
];
const findings = [
  finding(CASE_A, 1, 'VALIDITY_LONGER_THAN_RULE', 'deviation'),
  finding(CASE_B, 2, 'VALIDITY_SHORTER_THAN_RULE', 'note'),
  finding(CASE_B, 1, 'RULE_BASIS_DIFFERS', 'note'),
];
const caseAndRevision = (rows: ReturnType<typeof filterDecisions>) =>
  rows.map((r) => `${r.decision.caseId.slice(0, 1)}#${r.decision.revision}`);

describe('filtering the decisions of a period by finding', () => {
  it('keeps every decision without a filter, each with its own findings', () => {
    const rows = filterDecisions(decisions, findings, { code: '', severity: '' });
    expect(caseAndRevision(rows)).toEqual(['1#0', '1#1', '2#1', '2#2']);
    expect(rows[1]!.findings.map((f) => f.code)).toEqual(['VALIDITY_LONGER_THAN_RULE']);
    expect(rows[0]!.findings).toEqual([]);
  });

  it('keeps the decisions with a finding of the severity asked, or with any finding', () => {
    expect(
      caseAndRevision(filterDecisions(decisions, findings, { code: '', severity: 'deviation' })),
    ).toEqual(['1#1']);
    expect(caseAndRevision(filterDecisions(decisions, findings, { code: '', severity: 'note' }))).toEqual([
      '2#1',
      '2#2',
    ]);
    expect(caseAndRevision(filterDecisions(decisions, findings, { code: '', severity: 'any' }))).toEqual([
      '1#1',
      '2#1',
      '2#2',
    ]);
  });

  it('needs one finding with both the code and the severity when both are asked', () => {
    const code = 'VALIDITY_SHORTER_THAN_RULE';
    expect(caseAndRevision(filterDecisions(decisions, findings, { code, severity: '' }))).toEqual(['2#2']);
    expect(caseAndRevision(filterDecisions(decisions, findings, { code, severity: 'note' }))).toEqual([
      '2#2',
    ]);
    expect(filterDecisions(decisions, findings, { code, severity: 'deviation' })).toEqual([]);
  });
});

describe('the decisions page', () => {
  it('asks the API for the period in the URL, filters by severity and code, and links each decision to its replay', async () => {
    const { sent } = fakeApi({
      'GET /api/oversight/decisions': [
        200,
        {
          from: '2024-01-01',
          to: '2024-12-31',
          decisions,
          findings,
          totals: { decisions: 4, rechecked: 3, deviations: 1, notes: 2 },
        },
      ],
    });
    const router = renderOversightAt('/oversight/decisions?from=2024-01-01&to=2024-12-31');
    expect(await screen.findAllByTestId('decision-row')).toHaveLength(4);
    expect(sent[0]!.url).toBe('/api/oversight/decisions?from=2024-01-01&to=2024-12-31');

    fireEvent.change(screen.getByLabelText('Ernst'), { target: { value: 'deviation' } });
    const [row] = screen.getAllByTestId('decision-row');
    expect(screen.getAllByTestId('decision-row')).toHaveLength(1);
    expect(row!.textContent).toContain('Afwijking');
    expect(within(row!).getByRole('link').getAttribute('href')).toBe(`/oversight/cases/${CASE_A}`);
    expect(router.state.location.search).toContain('severity=deviation');

    fireEvent.change(screen.getByLabelText('Ernst'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Soort bevinding'), { target: { value: 'RULE_BASIS_DIFFERS' } });
    const rows = screen.getAllByTestId('decision-row');
    expect(rows).toHaveLength(1);
    expect(within(rows[0]!).getByRole('link').getAttribute('href')).toBe(`/oversight/cases/${CASE_B}`);
    // Filtering is done on what was fetched: no second request.
    expect(sent).toHaveLength(1);
  });

  it('shows the API’s message on the period field it refused', async () => {
    fakeApi({
      'GET /api/oversight/decisions': [
        400,
        {
          status: 400,
          code: 'VALIDATION_FAILED',
          title: 'Invalid request',
          detail: 'Invalid request: to',
          errors: [{ field: 'to', messages: ['to must be on or after from, at most 10 years later'] }],
        },
      ],
    });
    renderOversightAt('/oversight/decisions?from=2000-01-01&to=2024-12-31');
    expect(await screen.findByText('to must be on or after from, at most 10 years later')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('VALIDATION_FAILED');
  });
});
