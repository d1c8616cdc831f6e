import { TestApp } from './support/test-app';
import { caseBodyTo, revocation } from './support/cases';

describe('statistics over HTTP', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await new TestApp().start();
  });

  afterEach(async () => {
    await app.dispose();
  });

  const register = (overrides: Record<string, unknown> = {}) => app.registerCase(overrides);
  const issue = (id: string) => app.issueLicence(id);
  const deny = (id: string, criteria: number[]) =>
    app.request('POST', `/api/licences/${id}/deny`, {
      role: 'assessor',
      body: { criteria, reasoning: 'Clear risk' },
    });
  const get = (path: string, role: 'reporting' | 'oversight' | 'assessor' = 'reporting') =>
    app.request('GET', `/api/statistics/${path}`, { role });

  /**
   * A licence with ML5 and ML10 goods to DE, two denials to FR, one revoked in the next year after
   * a first proposal was rejected: ten events.
   */
  async function history(): Promise<void> {
    app.clock.set('2025-03-03T10:00:00Z');
    const both = await register({
      goods: [
        { controlListEntry: 'ML5.a', description: 'Fire control radar', quantity: 1, valueEur: 1_000_000.1 },
        { controlListEntry: 'ML10.b', description: 'Aircraft parts', quantity: 1, valueEur: 250_000.2 },
      ],
    });
    const fr1 = await register({ destination: { country: 'FR', endUser: 'Armée de Terre' } });
    const fr2 = await register({ destination: { country: 'FR', endUser: 'Armée de Terre' } });
    app.clock.set('2025-03-10T10:00:00Z');
    expect((await issue(both)).status).toBe(200);
    expect((await deny(fr1, [1, 7])).status).toBe(200);
    expect((await deny(fr2, [7])).status).toBe(200);
    // A proposal that is rejected, then one that is approved: only the revocation itself counts.
    app.clock.set('2026-01-15T10:00:00Z');
    const proposal = `/api/licences/${both}/revocation-proposal`;
    expect((await app.request('POST', proposal, { role: 'assessor', body: revocation })).status).toBe(200);
    const rejected = await app.request('POST', `${proposal}/reject`, {
      role: 'senior-assessor',
      body: { reason: 'Not shown to concern this end user' },
    });
    expect(rejected.status).toBe(200);
    app.clock.set('2026-02-01T10:00:00Z');
    expect((await app.revokeLicence(both, revocation)).status).toBe(200);
  }

  it('builds the EU annual report with the required JSON shape', async () => {
    await history();
    const answer = await get('eu-annual?year=2025');
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(answer.body).toMatchObject({ year: 2025, policyVersion: expect.any(String), position: 10 });
    expect(
      answer.body.rows.map((r: Record<string, unknown>) => [
        r['destination'],
        r['category'],
        r['licencesIssued'],
        r['valueIssuedEur'],
        r['denials'],
        r['actualExportsEur'],
      ]),
    ).toEqual([
      ['DE', 'ML5', 1, 1_000_000.1, 0, null],
      ['DE', 'ML10', 1, 250_000.2, 0, null],
      ['FR', 'ML5', 0, 0, 2, null],
    ]);
    expect(answer.body.rows[2].criteriaCited).toEqual({
      '1': 1,
      '2': 0,
      '3': 0,
      '4': 0,
      '5': 0,
      '6': 0,
      '7': 2,
      '8': 0,
    });
    expect(answer.body.totals.overall).toMatchObject({
      licencesIssued: 1,
      valueIssuedEur: 1_250_000.3,
      denials: 2,
    });
    const overview2026 = await get('yearly-overview?year=2026', 'oversight');
    expect(overview2026.body.revocations).toHaveLength(1);
    expect(overview2026.body.valueByDestination).toEqual([]);
  });

  it('answers each format with its content type', async () => {
    await history();
    const csv = await get('issued?quarter=2025-Q1&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.contentType).toMatch(/^text\/csv/);
    expect(csv.body).toContain('# military\r\n');
    const md = await get('large-licences?month=2025-03&format=md');
    expect(md.status).toBe(200);
    expect(md.contentType).toMatch(/^text\/markdown/);
    const json = await get('yearly-overview?from=2025-01-01&to=2025-06-30');
    expect(json.status).toBe(400); // the yearly reports cover a calendar year
    const html = await get('eu-annual?year=2025&format=html');
    expect(html.status).toBe(200);
    expect(html.contentType).toMatch(/^text\/html/);
  });

  it('rebuilds a report at an earlier position byte for byte, whatever came later', async () => {
    await history();
    const first = await get('eu-annual?year=2025&format=csv');
    const position = 10;
    expect(first.body).toContain(`eu-annual,2025,${position},`);
    app.clock.set('2025-06-01T10:00:00Z');
    // An imported-like late decision in the same business year: later position, same period.
    await issue(await register({ destination: { country: 'BE', endUser: 'Belgian Army' } }));
    for (const format of ['json', 'csv', 'md']) {
      const atHead = await get(`eu-annual?year=2025&format=${format}`);
      const again = await get(`eu-annual?year=2025&format=${format}&position=${position}`);
      const before = await get(`eu-annual?year=2025&format=${format}&position=${position}`);
      expect(again.body).toEqual(before.body);
      expect(JSON.stringify(atHead.body)).not.toEqual(JSON.stringify(again.body));
    }
    expect((await get(`eu-annual?year=2025&format=csv&position=${position}`)).body).toBe(first.body);
    // The listing reports are written as they are read (JSON and CSV): the same rule holds.
    for (const format of ['json', 'csv']) {
      const atHead = await get(`issued?year=2025&format=${format}`);
      const again = await get(`issued?year=2025&format=${format}&position=${position}`);
      expect(again.status).toBe(200);
      expect(again.body).toEqual((await get(`issued?year=2025&format=${format}&position=${position}`)).body);
      expect(JSON.stringify(atHead.body)).toContain('Belgium');
      expect(JSON.stringify(again.body)).not.toContain('Belgium');
    }
  });

  it('classifies transit, temporary and multi-destination licences, and writes the reports in Dutch (lang=nl)', async () => {
    app.clock.set('2025-03-03T10:00:00Z');
    const registerTo = async (destinations: { country: string; endUser: string }[], overrides = {}) =>
      (
        await app.request('POST', '/api/licences', {
          role: 'intake',
          body: caseBodyTo(destinations, overrides),
        })
      ).body.id as string;
    const global = await registerTo(
      [
        { country: 'DE', endUser: 'Bundeswehr' },
        { country: 'FR', endUser: 'Armée de Terre' },
      ],
      { kind: 'global' },
    );
    const transit = await registerTo([{ country: 'NO', endUser: 'Forsvaret' }], { kind: 'transit' });
    const fair = await registerTo([{ country: 'BE', endUser: 'Defensie' }], {
      exportType: 'temporary',
      temporaryPurpose: 'exhibition-or-demonstration',
    });
    const refused = await register({ destination: { country: 'FR', endUser: 'Armée de Terre' } });
    app.clock.set('2025-03-10T10:00:00Z');
    for (const id of [global, transit, fair]) expect((await issue(id)).status).toBe(200);
    expect((await deny(refused, [1, 7])).status).toBe(200);

    const eu = (await get('eu-annual?year=2025')).body;
    // The global licence under each of its destinations, with its whole value; the others apart.
    expect(
      eu.rows.map((r: Record<string, unknown>) => [
        r['destination'],
        r['licencesIssued'],
        r['valueIssuedEur'],
        r['denials'],
      ]),
    ).toEqual([
      ['DE', 1, 1_250_000, 0],
      ['FR', 1, 1_250_000, 1],
    ]);
    expect(eu.totals.overall).toMatchObject({ licencesIssued: 1, valueIssuedEur: 1_250_000, denials: 1 });
    expect(eu.transit.rows.map((r: Record<string, unknown>) => r['destination'])).toEqual(['NO']);
    expect(eu.temporaryExports.rows.map((r: Record<string, unknown>) => r['destination'])).toEqual(['BE']);
    expect(eu.countries['NO']).toEqual({ nl: 'Noorwegen', en: 'Norway' });
    expect(eu.lang).toBe('en');

    const md = await get('eu-annual?year=2025&lang=nl&format=md');
    expect(md.status).toBe(200);
    expect(md.body).toContain('# EU-jaarrapport');
    expect(md.body).toContain('| DE | Duitsland | Germany | ML5 | 1 | 1.250.000,00 | 0 |');
    expect((await get('eu-annual?year=2025&lang=nl')).body.lang).toBe('nl');
    const monthly = await get('issued?month=2025-03&lang=nl&format=csv');
    expect(monthly.body).toContain('# afwijzingen\r\n');
    expect(monthly.body).toMatch(
      /,2025-03-10,individual,military,FR,Frankrijk,France,Fire control radar,ML5\.a,1250000,1 7\r\n/,
    );
    const html = await get('yearly-overview?year=2025&lang=nl&format=html');
    expect(html.body).toContain('<h1>Het Nederlandse exportcontrolebeleid in 2025</h1>');

    const bad = await get('eu-annual?year=2025&lang=fr');
    expect(bad.status).toBe(400);
    expect(bad.contentType).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(bad.body)).toContain('lang');
  });

  it('allows the reporting and oversight roles only, and refuses bad periods and unknown reports', async () => {
    expect((await get('eu-annual?year=2025', 'oversight')).status).toBe(200);
    expect((await get('eu-annual?year=2025', 'assessor')).status).toBe(403);
    for (const query of [
      '',
      '?year=2025&month=2025-01',
      '?month=2025-13',
      '?from=2025-01-01',
      '?quarter=2025-Q5',
      '?year=2025&format=pdf',
      '?year=2025&position=x',
    ]) {
      expect((await get(`issued${query}`)).status).toBe(400);
    }
    expect((await get('no-such-report?year=2025')).status).toBe(404);
  });
});
