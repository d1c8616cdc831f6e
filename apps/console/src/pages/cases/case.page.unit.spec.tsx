import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { LicenceView } from '../../api/licence.types';
import { APPLIED, fakeFetch, renderCasePage, step } from './case-page.test-kit';
import type { Sent } from './case-page.test-kit';

const HISTORY = { id: 'c-1', decisions: [step('Applied', { changes: [], notCoveredBySondage: [] })] };
const POLICY = {
  months: 36,
  validUntil: '2029-11-29',
  ruleId: 'allies',
  policyVersion: 'v@2023',
  source: { reference: 'letter BZ2408569' },
  decidingDestination: 'DE',
  destinationGroups: ['EU'],
  legalMaximum: null,
  on: '2026-11-30',
};

/** Reads answer the case (`view` may change after a command); commands answer `command`. */
function api(view: () => LicenceView, command: (request: Sent) => readonly [number, unknown]) {
  return fakeFetch((request) => {
    if (request.method === 'POST') return command(request);
    if (request.url.startsWith('/api/policy/validity')) return [200, POLICY];
    if (request.url.startsWith('/api/licences/c-1/history')) return [200, HISTORY];
    return [200, view()];
  });
}

async function openAction(name: RegExp) {
  fireEvent.click(await screen.findByText(name, { selector: 'summary' }));
}

describe('the case page', () => {
  it('shows, before deciding, the validity the API says would apply today and until when', async () => {
    api(
      () => APPLIED,
      () => [500, {}],
    );
    renderCasePage('/cases/c-1', 'b.de-vries', 'assessor');
    const until = await screen.findByText('Geldig tot en met, bij ingang vandaag');
    expect(until.nextElementSibling?.textContent).toBe('29 november 2029');
    expect(screen.getByText('allies')).toBeTruthy();
  });

  it('denies with the criteria and reasoning typed, sending If-Match and an idempotency key, and shows a refusal at its field', async () => {
    let refuse = true;
    const sent = api(
      () => APPLIED,
      () =>
        refuse
          ? [
              422,
              {
                status: 422,
                code: 'VALIDATION_FAILED',
                title: 'Ongeldig verzoek',
                detail: 'reasoning',
                errors: [{ field: 'reasoning', messages: ['reasoning must name the risk'] }],
              },
            ]
          : [200, { id: 'c-1', revision: 4, status: 'denied', position: 42 }],
    );
    renderCasePage('/cases/c-1', 'b.de-vries', 'assessor');
    await openAction(/^Aanvraag afwijzen$/);
    const form = document.getElementById('deny-form') as HTMLFormElement;
    fireEvent.click(within(form).getByLabelText(/^2\. Mensenrechten/));
    fireEvent.click(within(form).getByLabelText(/^7\. Risico/));
    fireEvent.change(within(form).getByLabelText(/^Motivering/), { target: { value: 'Risico' } });
    fireEvent.submit(form);

    const message = await within(form).findByText('reasoning must name the risk');
    const post = sent.find((r) => r.method === 'POST');
    expect(post).toMatchObject({
      url: '/api/licences/c-1/deny',
      body: { criteria: [2, 7], reasoning: 'Risico' },
    });
    expect(post?.headers['If-Match']).toBe('"3"');
    expect(post?.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    // At the reasoning field, and what was typed is kept.
    const reasoning = within(form).getByLabelText(/^Motivering/);
    expect(reasoning.closest('.utrecht-form-field')?.contains(message)).toBe(true);
    expect((reasoning as HTMLTextAreaElement).value).toBe('Risico');
    expect(within(form).getByRole('alert').textContent).toContain('VALIDATION_FAILED');

    refuse = false;
    fireEvent.change(reasoning, { target: { value: 'Risico van omleiding' } });
    fireEvent.submit(form);
    const recorded = await screen.findByTestId('recorded');
    expect(recorded.textContent).toContain('Vastgelegd: Aanvraag afwijzen');
    await waitFor(() => expect(document.activeElement).toBe(recorded));
    const posts = sent.filter((r) => r.method === 'POST');
    // A corrected form is a new submission with its own key.
    expect(posts[1]?.headers['Idempotency-Key']).not.toBe(posts[0]?.headers['Idempotency-Key']);
    await waitFor(() => expect(sent.some((r) => r.url === '/api/licences/c-1?minPosition=42')).toBe(true));
    expect(sent.some((r) => r.url === '/api/licences/c-1/history?minPosition=42')).toBe(true);
  });

  it('shows the senior assessor who proposed a revocation the proposal, says they cannot approve it, and offers no approval', async () => {
    const view: LicenceView = {
      ...APPLIED,
      status: 'issued',
      valid: true,
      validFrom: '2026-01-01',
      validUntil: '2028-12-31',
      revocationProposal: {
        proposedBy: { sub: 'b.de-vries', role: 'senior-assessor' },
        proposedOn: '2026-11-20',
        circumstances: 'Armed conflict broke out',
        criteria: [2],
        evidence: [
          { title: 'UN report', source: 'United Nations', date: '2026-11-01', reference: 'S/2026/1' },
        ],
      },
    };
    api(
      () => view,
      () => [500, {}],
    );
    renderCasePage('/cases/c-1', 'b.de-vries', 'senior-assessor');
    const proposal = await screen.findByTestId('revocation-proposal');
    expect(proposal.textContent).toContain('Armed conflict broke out');
    expect(proposal.textContent).toContain('b.de-vries (Senior beoordelaar)');
    expect(screen.getByText(/U heeft deze intrekking zelf voorgesteld/)).not.toBeNull();
    expect(screen.queryByText(/Voorstel goedkeuren/)).toBeNull();
    expect(screen.getByText('Eigen voorstel tot intrekking terugnemen')).not.toBeNull();
  });

  it('reads the case and its history as known at an instant and on a date from the URL, says so, and offers no decision', async () => {
    const sent = api(
      () => APPLIED,
      () => [500, {}],
    );
    renderCasePage('/cases/c-1?asOf=2026-11-10T12:00:00.000Z&validOn=2026-11-05', 'b.de-vries', 'assessor');
    expect((await screen.findByTestId('past-banner')).textContent).toContain('U bekijkt het verleden');
    expect(sent.map((r) => r.url)).toEqual(
      expect.arrayContaining([
        '/api/licences/c-1?asOf=2026-11-10T12%3A00%3A00.000Z&validOn=2026-11-05',
        '/api/licences/c-1/history?asOf=2026-11-10T12%3A00%3A00.000Z',
      ]),
    );
    expect(screen.queryByText('Aanvraag afwijzen', { selector: 'summary' })).toBeNull();
    fireEvent.click(screen.getAllByRole('button', { name: 'Terug naar nu' })[0] as HTMLElement);
    await waitFor(() => expect(screen.queryByTestId('past-banner')).toBeNull());
    expect(await screen.findByText('Aanvraag afwijzen', { selector: 'summary' })).not.toBeNull();
  });

  it('says when the case moved on since it was shown (412) and loads its new state on request, keeping what was typed', async () => {
    let revision = 3;
    const sent = api(
      () => ({ ...APPLIED, revision }),
      () => [
        412,
        {
          status: 412,
          code: 'REVISION_MISMATCH',
          title: 'Revision mismatch',
          detail: 'The case is at revision 4, not 3',
        },
      ],
    );
    renderCasePage('/cases/c-1', 'b.de-vries', 'assessor');
    await openAction(/^Zaak aanhouden$/);
    const form = document.getElementById('hold-form') as HTMLFormElement;
    fireEvent.change(within(form).getByLabelText(/^Reden/), { target: { value: 'End-user check' } });
    fireEvent.submit(form);
    const alerts = (await within(form).findAllByRole('alert')).map((a) => a.textContent).join(' ');
    expect(alerts).toContain('REVISION_MISMATCH');
    expect(alerts).toContain('De zaak is gewijzigd sinds u deze pagina opende');

    revision = 4;
    const reads = sent.filter((r) => r.url === '/api/licences/c-1').length;
    fireEvent.click(within(form).getByRole('button', { name: 'Nieuwe stand van de zaak laden' }));
    await waitFor(() => expect(sent.filter((r) => r.url === '/api/licences/c-1').length).toBe(reads + 1));
    await waitFor(() =>
      expect(document.getElementById('details-heading')?.parentElement?.textContent).toContain('Versie4'),
    );
    expect(within(form).getByLabelText<HTMLTextAreaElement>(/^Reden/).value).toBe('End-user check');
    fireEvent.submit(form);
    await waitFor(() => expect(sent.filter((r) => r.method === 'POST')).toHaveLength(2));
    expect(sent.filter((r) => r.method === 'POST')[1]?.headers['If-Match']).toBe('"4"');
  });
});
