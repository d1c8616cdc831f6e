import { fireEvent, screen, within } from '@testing-library/react';
import { measure, stagedImport } from './approvals-fixtures';
import { fakeApi, problem, renderAt } from './approvals-test-kit';

const REASON_REQUIRED = 'reason must not be empty, nor only whitespace or zero-width characters';

function refuseEmptyReason(request: { body: unknown }) {
  const { reason } = (request.body ?? {}) as { reason?: string };
  return reason && reason.trim()
    ? ([200, {}] as const)
    : problem(400, 'VALIDATION_FAILED', [{ field: 'reason', messages: [REASON_REQUIRED] }]);
}

describe('a reject form', () => {
  it('sends the reason the API requires, showing its refusal of an empty one at the field', async () => {
    const { sent } = fakeApi({
      'GET /api/licences': [200, { items: [], total: 0, page: 1, pageSize: 20 }],
      'GET /api/measures': [200, [measure('m-ru', 'RU', 'b.senior')]],
      'POST /api/measures/m-ru/reject': refuseEmptyReason,
    });
    renderAt('/approvals', 'a.senior', 'senior-assessor');
    const item = await screen.findByRole('article', { name: /Rusland/ });
    const toggle = within(item).getByRole('button', { name: 'Afwijzen' });
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');

    const form = within(item).getByRole('group', { name: 'Maatregel afwijzen: Rusland (RU)' });
    fireEvent.click(within(form).getByRole('button', { name: 'Afwijzen' }));
    expect(await within(form).findByText(REASON_REQUIRED)).toBeTruthy();
    const reason = within(form).getByRole('textbox', { name: /Reden/ });
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([{ reason: '' }]);

    fireEvent.change(reason, { target: { value: 'De toestand is genormaliseerd' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Afwijzen' }));
    expect((await screen.findByRole('status')).textContent).toContain(
      'De maatregel voor Rusland (RU) is afgewezen.',
    );
    expect(sent.filter((r) => r.method === 'POST').at(-1)?.body).toEqual({
      reason: 'De toestand is genormaliseerd',
    });
  });

  it('rejects a staged import with its reason', async () => {
    const id = 'c'.repeat(64);
    const { sent } = fakeApi({
      'GET /api/imports': [200, [stagedImport(id, 'd.admin')]],
      [`POST /api/imports/${id}/reject`]: refuseEmptyReason,
    });
    renderAt('/approvals', 'c.admin', 'admin');
    const item = await screen.findByRole('article', { name: `Import ${id.slice(0, 12)}` });
    fireEvent.click(within(item).getByRole('button', { name: 'Afwijzen' }));
    const form = within(item).getByRole('group', { name: 'Import afwijzen' });
    fireEvent.change(within(form).getByRole('textbox', { name: /Reden/ }), {
      target: { value: 'Het bestand noemt zaken die nooit zijn beslist' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Afwijzen' }));
    expect((await screen.findByRole('status')).textContent).toContain('De import is afgewezen');
    expect(sent.at(-2)).toMatchObject({
      method: 'POST',
      url: `/api/imports/${id}/reject`,
      body: { reason: 'Het bestand noemt zaken die nooit zijn beslist' },
    });
  });
});
