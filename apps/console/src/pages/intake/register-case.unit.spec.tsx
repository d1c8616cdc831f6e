import { act, fireEvent, screen } from '@testing-library/react';
import { useLocation } from 'react-router';
import { fakeApi, json, renderPage, testSession } from '../../components/cases/console-page.test-kit';
import type { FakeFetch } from '../../components/cases/console-page.test-kit';
import { RegisterCasePage } from './register-case.page';

function CaseLocation() {
  const location = useLocation();
  return <p>at {`${location.pathname}${location.search}`}</p>;
}

function renderForm() {
  renderPage(
    [
      { path: '/intake/new', element: <RegisterCasePage /> },
      { path: '/cases/:id', element: <CaseLocation /> },
    ],
    '/intake/new',
    testSession('i.jansen', 'intake'),
  );
}

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

const sent = (fetchMock: FakeFetch, call = 0) => {
  const [path, init = {}] = fetchMock.mock.calls[call] ?? [''];
  const headers = init.headers as Record<string, string>;
  return { path, method: init.method, body: JSON.parse(init.body as string) as unknown, headers };
};

describe('registering a case', () => {
  it('sends every field as the API names it, with an idempotency key, and opens the new case read at its position', async () => {
    const fetchMock = fakeApi(() =>
      json(201, {
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
    const fetchMock = fakeApi(() =>
      json(400, {
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
    fakeApi(() =>
      json(422, {
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
