import { fireEvent, screen, within } from '@testing-library/react';
import type { MeasureView } from '../../api/measure.types';
import { measure } from './approvals-fixtures';
import { fakeApi, renderAt } from './approvals-test-kit';

const CASE = '33333333-3333-4333-8333-333333333333';

function approvedView(): MeasureView {
  return {
    ...measure('m-tr', 'TR', 'a.senior'),
    status: 'approved',
    approvedBy: { sub: 'b.senior', role: 'senior-assessor' },
    approvedOn: '2026-11-30',
    executed: true,
    worklistFixedOn: '2026-11-30',
    reassessments: [{ caseId: CASE, outcome: 'revocation-proposed' }],
    outcomes: { pending: 0, maintained: 0, 'revocation-proposed': 1, 'not-applicable': 0 },
  };
}

describe('a country measure’s page', () => {
  it('shows who proposed and approved it and the cases it touched, and lifts it with a reason', async () => {
    const { sent } = fakeApi({
      'GET /api/measures/m-tr': [200, approvedView()],
      'POST /api/measures/m-tr/lift': [200, { ...approvedView(), status: 'lifted' }],
    });
    renderAt('/measures/m-tr', 'a.senior', 'senior-assessor');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Landenmaatregel voor Turkije (TR)' }),
    ).toBeTruthy();
    expect(screen.getByText('door a.senior (Senior beoordelaar) op 30 november 2026')).toBeTruthy();
    expect(screen.getByText('door b.senior (Senior beoordelaar) op 30 november 2026')).toBeTruthy();
    const row = screen.getByRole('link', { name: `Zaak ${CASE}` }).closest('tr')!;
    expect(within(row).getByText('Intrekking voorgesteld')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Opheffen' }));
    const form = screen.getByRole('group', { name: 'Maatregel opheffen: Turkije (TR)' });
    fireEvent.change(within(form).getByRole('textbox', { name: /Reden/ }), {
      target: { value: 'Genormaliseerd' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Opheffen' }));
    expect((await screen.findByRole('status')).textContent).toContain(
      'De maatregel voor Turkije (TR) is opgeheven.',
    );
    expect(sent.find((r) => r.method === 'POST')).toMatchObject({
      url: '/api/measures/m-tr/lift',
      body: { reason: 'Genormaliseerd' },
    });
  });

  it('offers an assessor no action on a measure', async () => {
    fakeApi({ 'GET /api/measures/m-tr': [200, approvedView()] });
    renderAt('/measures/m-tr', 'c.assessor', 'assessor');
    expect(await screen.findByRole('heading', { level: 1, name: /Turkije/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Opheffen' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Acties' })).toBeNull();
  });
});
