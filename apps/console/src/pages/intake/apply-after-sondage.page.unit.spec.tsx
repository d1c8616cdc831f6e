import { act, fireEvent, screen } from '@testing-library/react';
import { useLocation } from 'react-router';
import type { Role } from '@licences/shared-identity';
import type { LicenceView } from '../../api/licence.types';
import { renderPage, testSession } from '../../components/cases/console-page.test-kit';
import { APPLIED, fakeFetch } from '../cases/case-page.test-kit';
import type { Sent } from '../cases/case-page.test-kit';
import { ApplyAfterSondagePage } from './apply-after-sondage.page';

const ANSWERED: LicenceView = {
  ...APPLIED,
  revision: 2,
  status: 'sondage-answered',
  procedure: 'sondage',
  contract: { termMonths: 60 },
  sondage: { outcome: 'positive', reasoning: 'Bondgenoot.', criteria: [], decisionDate: '2026-11-20' },
  lastDecision: { type: 'SondageAnswered', decisionDate: '2026-11-20' },
};

function CaseLocation() {
  const location = useLocation();
  return <p>at {`${location.pathname}${location.search}`}</p>;
}

function renderApply(
  view: LicenceView,
  command: (request: Sent) => readonly [number, unknown],
  role: Role = 'intake',
) {
  const sent = fakeFetch((request) => (request.method === 'POST' ? command(request) : [200, view]));
  renderPage(
    [
      { path: '/cases/:id/apply', element: <ApplyAfterSondagePage /> },
      { path: '/cases/:id', element: <CaseLocation /> },
    ],
    '/cases/c-1/apply',
    testSession('i.jansen', role),
  );
  return sent;
}

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Vastleggen' }));
    await Promise.resolve();
  });
}

describe('an application after a sondage with changed details', () => {
  it('starts from the sondage’s details and sends them as changed, with If-Match and an idempotency key', async () => {
    const sent = renderApply(ANSWERED, () => [
      200,
      { id: 'c-1', revision: 3, status: 'applied', position: 77 },
    ]);
    const quantity = await screen.findByLabelText<HTMLInputElement>('Aantal');
    expect(quantity.value).toBe('2');
    expect(
      screen.getByLabelText<HTMLInputElement>('Looptijd van het contract in maanden (optioneel)').value,
    ).toBe('60');
    fireEvent.change(quantity, { target: { value: '5' } });
    fireEvent.change(screen.getByLabelText('Eindgebruiker'), { target: { value: 'Luftwaffe' } });
    await submit();

    const post = sent.find((r) => r.method === 'POST');
    expect(post?.url).toBe('/api/licences/c-1/apply');
    expect(post?.headers['If-Match']).toBe('"2"');
    expect(post?.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(post?.body).toEqual({
      applicant: ANSWERED.applicant,
      kind: 'individual',
      afterSales: false,
      goodsCategory: 'military',
      goods: [
        { controlListEntry: 'ML5.a', description: 'Fire control radar', quantity: 5, valueEur: 1250000 },
      ],
      destinations: [{ country: 'DE', endUser: 'Luftwaffe' }],
      exportType: 'definitive',
      firearmsAct: false,
      contract: { termMonths: 60 },
    });
    expect(await screen.findByText('at /cases/c-1?minPosition=77')).toBeTruthy();
  });

  it('shows another applicant’s refusal (422 APPLICANT_CHANGED) at the KvK number and keeps what was typed', async () => {
    const sent = renderApply(ANSWERED, () => [
      422,
      {
        status: 422,
        code: 'APPLICANT_CHANGED',
        title: 'Rule violation',
        // As the API names it (checked against a running server).
        field: 'applicant.chamberOfCommerceNumber',
        detail:
          'The sondage was asked by chamber of commerce number 12345678; an application by another applicant is a case of its own',
      },
    ]);
    fireEvent.change(await screen.findByLabelText('KvK-nummer'), { target: { value: '87654321' } });
    await submit();

    const kvk = await screen.findByLabelText<HTMLInputElement>('KvK-nummer');
    expect(kvk.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('applicant-kvk-field')?.textContent).toContain(
      'an application by another applicant is a case of its own',
    );
    expect(kvk.value).toBe('87654321');
    expect(screen.getByRole('alert').textContent).toContain('APPLICANT_CHANGED');

    await submit();
    const posts = sent.filter((r) => r.method === 'POST');
    expect(posts[1]?.headers['Idempotency-Key']).toBe(posts[0]?.headers['Idempotency-Key']);
  });

  it('offers no form for a case that is no answered sondage, says why and links back', async () => {
    const sent = renderApply(APPLIED, () => [500, {}]);
    expect(
      await screen.findByText(/Deze zaak is geen beantwoorde sondage \(status: Aangevraagd\)/),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Vastleggen' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Terug naar de zaak' }).getAttribute('href')).toBe('/cases/c-1');
    expect(sent.every((r) => r.method === 'GET')).toBe(true);
  });
});
