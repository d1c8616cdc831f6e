import { fireEvent, screen } from '@testing-library/react';
import { measure } from './approvals-fixtures';
import { fakeApi, problem, renderAt } from './approvals-test-kit';

describe('proposing a country measure', () => {
  it('shows each of the API’s refusals at its field, and opens the measure once it is proposed', async () => {
    const { sent } = fakeApi({
      'POST /api/measures': (request) =>
        (request.body as { destination: string }).destination === 'TR'
          ? [201, measure('m-new', 'TR', 'a.senior')]
          : problem(400, 'VALIDATION_FAILED', [
              {
                field: 'destination',
                messages: ['destination must be an ISO 3166-1 alpha-2 code in capitals, e.g. TR'],
              },
              { field: 'legalGround', messages: ['legalGround must not be empty'] },
            ]),
      'GET /api/measures/m-new': [
        200,
        { ...measure('m-new', 'TR', 'a.senior'), worklistFixedOn: null, reassessments: [], outcomes: {} },
      ],
    });
    const router = renderAt('/measures/new', 'a.senior', 'senior-assessor');
    const destination = screen.getByRole('textbox', { name: /Bestemming/ });
    fireEvent.change(destination, { target: { value: 'tr' } });
    fireEvent.click(screen.getByRole('button', { name: 'Voorstel indienen' }));

    expect(await screen.findByText(/alpha-2 code in capitals/)).toBeTruthy();
    expect(destination.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('textbox', { name: /Juridische grondslag/ }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(screen.getByRole('textbox', { name: /Redenen/ }).getAttribute('aria-invalid')).not.toBe('true');

    fireEvent.change(destination, { target: { value: 'TR' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Juridische grondslag/ }), {
      target: { value: 'Kamerstuk 22054-316' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: /Redenen/ }), {
      target: { value: 'Militaire operatie' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Voorstel indienen' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Landenmaatregel voor Turkije (TR)' }),
    ).toBeTruthy();
    expect(router.state.location.pathname).toBe('/measures/m-new');
    const proposal = sent.filter((r) => r.method === 'POST').at(-1)!;
    expect(proposal.body).toEqual({
      destination: 'TR',
      legalGround: 'Kamerstuk 22054-316',
      reasons: 'Militaire operatie',
    });
    expect(Object.keys(proposal.headers)).not.toContain('Idempotency-Key');
  });
});
