import { act, fireEvent, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import type { Session } from '../../auth/session';
import { SessionProvider } from '../../auth/session-context';
import { LanguageProvider } from '../../i18n/i18n';
import { RegisterCasePage } from './register-case.page';

const session: Session = {
  token: 'token',
  sub: 'i.jansen',
  roles: ['intake'],
  actingRole: 'intake',
  expiresAt: 4_000_000_000,
  source: 'development',
};

function CaseLocation() {
  const location = useLocation();
  return <p>at {`${location.pathname}${location.search}`}</p>;
}

function renderForm() {
  const router = createMemoryRouter(
    [
      { path: '/intake/new', element: <RegisterCasePage /> },
      { path: '/cases/:id', element: <CaseLocation /> },
    ],
    { initialEntries: ['/intake/new'] },
  );
  render(
    <LanguageProvider initial="nl">
      <SessionProvider session={session} setSession={() => undefined} signOut={() => undefined}>
        <RouterProvider router={router} />
      </SessionProvider>
    </LanguageProvider>,
  );
}

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
  });

function type(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

function fillApplication() {
  fireEvent.click(screen.getByLabelText('Aanvraag'));
  type('Naam van de aanvrager', 'Thales Nederland B.V.');
  type('KvK-nummer', '06061578');
  type('Rubriek van de controlelijst', 'ML5.a');
  type('Omschrijving', 'Vuurleidingsradar');
  type('Aantal', '2');
  type('Waarde in euro', '1250000,50');
  type('Land (ISO-code van 2 letters)', 'de');
  type('Eindgebruiker', 'Bundeswehr');
  fireEvent.change(screen.getByLabelText('Looptijd van het contract in maanden (optioneel)'), {
    target: { value: '60' },
  });
}

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Zaak registreren' }));
    await Promise.resolve();
  });
}

const sent = (fetchMock: jest.Mock<Promise<Response>, Parameters<typeof fetch>>, call = 0) => {
  const [path, init = {}] = fetchMock.mock.calls[call] ?? [''];
  const headers = init.headers as Record<string, string>;
  return { path, method: init.method, body: JSON.parse(init.body as string) as unknown, headers };
};

describe('registering a case', () => {
  let fetchMock: jest.Mock<Promise<Response>, Parameters<typeof fetch>>;
  beforeEach(() => {
    fetchMock = jest.fn<Promise<Response>, Parameters<typeof fetch>>();
    globalThis.fetch = fetchMock;
  });

  it('sends every field as the API names it, with an idempotency key, and opens the new case read at its position', async () => {
    fetchMock.mockResolvedValueOnce(
      answer(201, {
        id: 'c0ffee00-0000-4000-8000-000000000001',
        revision: 1,
        status: 'applied',
        position: 42,
      }),
    );
    renderForm();
    fillApplication();
    await submit();

    const request = sent(fetchMock);
    expect(request.path).toBe('/api/licences');
    expect(request.method).toBe('POST');
    expect(request.body).toEqual({
      procedure: 'application',
      applicant: { name: 'Thales Nederland B.V.', chamberOfCommerceNumber: '06061578' },
      kind: 'individual',
      afterSales: false,
      goodsCategory: 'military',
      goods: [
        { controlListEntry: 'ML5.a', description: 'Vuurleidingsradar', quantity: 2, valueEur: 1250000.5 },
      ],
      destinations: [{ country: 'DE', endUser: 'Bundeswehr' }],
      exportType: 'definitive',
      firearmsAct: false,
      contract: { termMonths: 60 },
    });
    expect(request.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      await screen.findByText('at /cases/c0ffee00-0000-4000-8000-000000000001?minPosition=42'),
    ).toBeTruthy();
  });

  it('shows a refused goods field at its own control, keeps what was typed, and retries under the same key', async () => {
    fetchMock.mockResolvedValue(
      answer(400, {
        status: 400,
        code: 'VALIDATION_FAILED',
        title: 'Invalid request',
        detail: 'Invalid request: goods.0.quantity',
        errors: [{ field: 'goods.0.quantity', messages: ['quantity must not be less than 1'] }],
      }),
    );
    renderForm();
    fillApplication();
    type('Aantal', '0');
    await submit();

    const quantity = screen.getByLabelText<HTMLInputElement>('Aantal');
    expect(quantity.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('goods-0-quantity-field')?.textContent).toContain(
      'quantity must not be less than 1',
    );
    expect(quantity.value).toBe('0');
    expect(screen.getByLabelText<HTMLInputElement>('Naam van de aanvrager').value).toBe(
      'Thales Nederland B.V.',
    );
    // The summary names the refusal but does not repeat the field message shown at the control.
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('VALIDATION_FAILED');
    expect(alert.textContent).not.toContain('quantity must not be less than 1');

    await submit();
    expect(sent(fetchMock, 1).headers['Idempotency-Key']).toBe(sent(fetchMock, 0).headers['Idempotency-Key']);
    type('Aantal', '3');
    await submit();
    expect(sent(fetchMock, 2).headers['Idempotency-Key']).not.toBe(
      sent(fetchMock, 0).headers['Idempotency-Key'],
    );
  });

  it('shows a case rule’s refusal (422 naming one field) at the destination it names', async () => {
    fetchMock.mockResolvedValueOnce(
      answer(422, {
        status: 422,
        code: 'UNKNOWN_COUNTRY',
        title: 'Rule violation',
        field: 'destinations.0.country',
        detail: 'XX is not an ISO 3166-1 alpha-2 country code',
      }),
    );
    renderForm();
    fillApplication();
    type('Land (ISO-code van 2 letters)', 'XX');
    await submit();

    expect(document.getElementById('destinations-0-country-field')?.textContent).toContain(
      'XX is not an ISO 3166-1 alpha-2 country code',
    );
    expect(screen.getByLabelText('Land (ISO-code van 2 letters)').getAttribute('aria-invalid')).toBe('true');
  });
});
