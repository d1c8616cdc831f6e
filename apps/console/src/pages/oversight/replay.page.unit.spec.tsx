import { screen, within } from '@testing-library/react';
import { CASE_A, CASE_B, finding, step } from './oversight-fixtures';
import { fakeApi, renderOversightAt } from './oversight-test-kit';

describe('the replay of a case', () => {
  it('marks each finding on the step it was found at, with its severity in words, code and explanation', async () => {
    fakeApi({
      [`GET /api/oversight/licences/${CASE_A}/replay`]: [
        200,
        {
          id: CASE_A,
          steps: [
            step(0, 'Applied', '2024-01-01'),
            step(1, 'Issued', '2024-01-02'),
            step(2, 'Extended', '2025-01-01'),
          ],
          findings: [
            finding(CASE_A, 1, 'VALIDITY_LONGER_THAN_RULE', 'deviation'),
            finding(CASE_A, 2, 'VALIDITY_SHORTER_THAN_RULE', 'note'),
            finding(CASE_B, 7, 'RULE_NOT_RECORDED', 'deviation'),
          ],
        },
      ],
    });
    renderOversightAt(`/oversight/cases/${CASE_A}`);

    const steps = await screen.findAllByTestId('replay-step');
    expect(steps.map((s) => s.getAttribute('data-revision'))).toEqual(['0', '1', '2']);
    expect(within(steps[0]!).queryAllByTestId('finding')).toHaveLength(0);
    expect(within(steps[0]!).getByText('Geen bevindingen bij deze stap')).toBeTruthy();

    const issued = within(steps[1]!).getAllByTestId('finding');
    expect(issued).toHaveLength(1);
    expect(issued[0]!.className).toContain('console-finding--error');
    expect(issued[0]!.textContent).toContain('Afwijking');
    expect(issued[0]!.textContent).toContain('VALIDITY_LONGER_THAN_RULE');
    expect(issued[0]!.textContent).toContain('VALIDITY_LONGER_THAN_RULE explained by the API');

    const extended = within(steps[2]!).getAllByTestId('finding');
    expect(extended[0]!.className).toContain('console-finding--warning');
    expect(extended[0]!.textContent).toContain('Opmerking');
    expect(extended[0]!.textContent).not.toContain('Afwijking');

    // A finding that names no step of this replay is listed apart, not lost.
    const apart = screen.getByRole('region', { name: 'Bevindingen zonder stap' });
    expect(within(apart).getByText(/RULE_NOT_RECORDED explained by the API/)).toBeTruthy();
    expect(screen.getByTestId('finding-counts').textContent).toBe('Afwijking: 2; Opmerking: 1');
  });

  it('shows who decided in which role, the business date and the recorded instant of a step', async () => {
    fakeApi({
      [`GET /api/oversight/licences/${CASE_A}/replay`]: [
        200,
        { id: CASE_A, steps: [step(0, 'Applied', '2024-03-10')], findings: [] },
      ],
    });
    renderOversightAt(`/oversight/cases/${CASE_A}`);
    const [only] = await screen.findAllByTestId('replay-step');
    expect(only!.textContent).toContain('official.0');
    expect(only!.textContent).toContain('Beoordelaar');
    expect(only!.textContent).toContain('10 maart 2024');
    expect(only!.textContent).toContain('reasoning of step 0');
  });
});
