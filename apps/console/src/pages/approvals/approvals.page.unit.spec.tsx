import { fireEvent, screen, within } from '@testing-library/react';
import { measure, proposedRevocation, stagedImport } from './approvals-fixtures';
import { fakeApi, problem, renderAt } from './approvals-test-kit';

const OWN_CASE = '11111111-1111-4111-8111-111111111111';
const OTHER_CASE = '22222222-2222-4222-8222-222222222222';
const OWN_IMPORT = 'a'.repeat(64);
const OTHER_IMPORT = 'b'.repeat(64);

function revocationPage(...items: unknown[]) {
  return [200, { items, total: items.length, page: 1, pageSize: 20 }] as const;
}

describe('the approvals queue of a senior assessor', () => {
  it('shows an own revocation proposal marked and without a review link, and links another’s to its case', async () => {
    const { sent } = fakeApi({
      'GET /api/licences': revocationPage(
        proposedRevocation(OWN_CASE, 'Eigen B.V.', 'a.senior'),
        proposedRevocation(OTHER_CASE, 'Andere B.V.', 'b.senior'),
      ),
      'GET /api/measures': [200, []],
    });
    renderAt('/approvals', 'a.senior', 'senior-assessor');

    const ownRow = (await screen.findByRole('link', { name: 'Eigen B.V.' })).closest('tr')!;
    expect(within(ownRow).getByText(/Uw eigen voorstel: een andere senior beoordelaar/)).toBeTruthy();
    expect(within(ownRow).queryByRole('link', { name: /beoordelen/ })).toBeNull();

    const otherRow = screen.getByRole('link', { name: 'Andere B.V.' }).closest('tr')!;
    expect(within(otherRow).queryByText(/Uw eigen voorstel/)).toBeNull();
    const review = within(otherRow).getByRole('link', {
      name: /Voorstel tot intrekking voor Andere B.V. beoordelen/,
    });
    expect(review.getAttribute('href')).toBe(`/cases/${OTHER_CASE}`);

    expect(sent[0]?.url).toContain('revocationProposed=true');
    expect(sent[0]?.url).toContain('pageSize=20');
  });

  it('shows the API’s refusal of the revocation filter instead of an empty queue', async () => {
    fakeApi({
      'GET /api/licences': problem(400, 'VALIDATION_FAILED', [
        { field: 'revocationProposed', messages: ['property revocationProposed should not exist'] },
      ]),
      'GET /api/measures': [200, []],
    });
    renderAt('/approvals', 'a.senior', 'senior-assessor');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('VALIDATION_FAILED');
    expect(alert.textContent).toContain('property revocationProposed should not exist');
    expect(screen.queryByText(/geen voorstellen tot intrekking/)).toBeNull();
  });

  it('lets a senior assessor approve another’s measure but not their own', async () => {
    const { sent } = fakeApi({
      'GET /api/licences': revocationPage(),
      'GET /api/measures': [200, [measure('m-own', 'TR', 'a.senior'), measure('m-other', 'RU', 'b.senior')]],
      'POST /api/measures/m-other/approve': [
        200,
        { ...measure('m-other', 'RU', 'b.senior'), status: 'approved' },
      ],
    });
    renderAt('/approvals', 'a.senior', 'senior-assessor');

    const own = await screen.findByRole('article', { name: /Turkije/ });
    expect(
      within(own).getByText(/Uw eigen voorstel: een andere senior beoordelaar moet het goedkeuren/),
    ).toBeTruthy();
    expect(within(own).queryByRole('button', { name: 'Goedkeuren' })).toBeNull();
    expect(within(own).queryByRole('button', { name: 'Afwijzen' })).toBeNull();

    const other = screen.getByRole('article', { name: /Rusland/ });
    fireEvent.click(within(other).getByRole('button', { name: 'Goedkeuren' }));

    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain('De maatregel voor Rusland (RU) is goedgekeurd.');
    expect(document.activeElement?.contains(notice)).toBe(true);
    const approval = sent.find((r) => r.method === 'POST')!;
    expect(approval.url).toBe('/api/measures/m-other/approve');
    expect(approval.body).toBeUndefined();
    // Measure routes refuse these headers with 400.
    expect(Object.keys(approval.headers)).not.toEqual(expect.arrayContaining(['If-Match']));
    expect(Object.keys(approval.headers)).not.toEqual(expect.arrayContaining(['Idempotency-Key']));
  });

  it('shows the link to propose a country measure', async () => {
    fakeApi({ 'GET /api/licences': revocationPage(), 'GET /api/measures': [200, []] });
    renderAt('/approvals', 'a.senior', 'senior-assessor');
    const link = await screen.findByRole('link', { name: 'Een landenmaatregel voorstellen' });
    expect(link.getAttribute('href')).toBe('/measures/new');
    expect(await screen.findByText('Er wachten geen landenmaatregelen op goedkeuring.')).toBeTruthy();
  });
});

describe('the approvals queue of an administrator', () => {
  it('lets an administrator approve an import another staged, with no body, but not their own', async () => {
    const { sent } = fakeApi({
      'GET /api/imports': [200, [stagedImport(OWN_IMPORT, 'c.admin'), stagedImport(OTHER_IMPORT, 'd.admin')]],
      [`POST /api/imports/${OTHER_IMPORT}/approve`]: [
        200,
        { importId: OTHER_IMPORT, accepted: 1, eventsAppended: 2, refusedTotal: 0, position: 99 },
      ],
    });
    renderAt('/approvals', 'c.admin', 'admin');

    const own = await screen.findByRole('article', { name: `Import ${OWN_IMPORT.slice(0, 12)}` });
    expect(within(own).getByText(/Door u klaargezet: een andere beheerder moet/)).toBeTruthy();
    expect(within(own).queryByRole('button')).toBeNull();

    const other = screen.getByRole('article', { name: `Import ${OTHER_IMPORT.slice(0, 12)}` });
    fireEvent.click(within(other).getByRole('button', { name: 'Goedkeuren' }));
    expect((await screen.findByRole('status')).textContent).toContain('1 zaken, 2 gebeurtenissen toegevoegd');
    const approval = sent.find((r) => r.method === 'POST')!;
    expect(approval.url).toBe(`/api/imports/${OTHER_IMPORT}/approve`);
    expect(approval.body).toBeUndefined();
    // Revocations and measures are a senior assessor's: an administrator's queue does not ask for them.
    expect(sent.some((r) => r.url.startsWith('/api/measures') || r.url.startsWith('/api/licences'))).toBe(
      false,
    );
  });
});
