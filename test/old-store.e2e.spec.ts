import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { NewEvent } from '@licences/event-store';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { licenceStreamId } from '@licences/licensing-application';
import { TestApp } from './support/test-app';

/*
 * A store written before cases had several destinations, an export type or a firearms-act link:
 * SondageRequested and Applied at schema v1 with one `destination`, Issued and Extended as the
 * code of that time recorded them (a rule without per-destination judgements). The app reads it
 * after the change and must give the same answers for these cases.
 */

const APPLICANT = { name: 'Thales Nederland B.V.', chamberOfCommerceNumber: '06061578' };
const ASSESSMENT = { summary: 'No clear risk', findings: [{ criterion: 7, finding: 'Low diversion risk' }] };
const INTAKE = { sub: 'old-intake', role: 'intake' };
const ASSESSOR = { sub: 'old-assessor', role: 'assessor' };
const VERSION = 'nl-export-licence-validity@2023-04-18';

function oldDetails(country: string, endUser: string, overrides: Record<string, unknown> = {}) {
  return {
    applicant: APPLICANT,
    kind: 'individual',
    afterSales: false,
    goodsCategory: 'military',
    goods: [
      { controlListEntry: 'ML5.a', description: 'Fire control radar', quantity: 2, valueEur: 1_250_000 },
    ],
    destination: { country, endUser },
    ...overrides,
  };
}

/** A rule as the code before the change recorded it: one destination's facts, no judgements. */
function oldRule(ruleId: string, months: number, groups: string[], country: string, on: string) {
  return {
    ruleId,
    policyId: 'nl-export-licence-validity',
    policyVersion: VERSION,
    months,
    source: { reference: 'letter BZ2408569 (Kamerstuk 22054-438)' },
    matchedRuleIds: ruleId === 'allies' ? ['allies', 'default'] : ['default'],
    countryFacts: { country, on, groups, memberships: [] },
  };
}

function event(type: string, schemaVersion: number, data: object, at: string, actor: object): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion,
    data,
    metadata: {
      occurredAt: at,
      actor: actor as NewEvent['metadata']['actor'],
      correlationId: 'old',
      causationId: 'old',
    },
  };
}

describe('a store written before the fidelity change', () => {
  const app = new TestApp();
  const allied = randomUUID();
  const dualUse = randomUUID();
  const afterSondage = randomUUID();

  beforeAll(async () => {
    // The first start creates the stores and the access log; the old events go in while it is down.
    await app.start();
    await app.stop();
    const store = SqliteEventStore.open({ file: join(app.dataDir, 'licences.sqlite') });
    try {
      const applied = (caseId: string, details: object, on: string, procedure = 'application') =>
        event('Applied', 1, { caseId, details, procedure, decisionDate: on }, `${on}T09:00:00Z`, INTAKE);
      const issued = (rule: object, from: string, until: string) =>
        event(
          'Issued',
          2,
          {
            assessment: ASSESSMENT,
            validFrom: from,
            validUntil: until,
            rule,
            issuedBy: ASSESSOR,
            decisionDate: from,
          },
          `${from}T10:00:00Z`,
          ASSESSOR,
        );
      await store.append(
        licenceStreamId(allied),
        [
          applied(allied, oldDetails('DE', 'Bundeswehr'), '2024-11-20'),
          issued(
            oldRule('allies', 36, ['EU', 'NATO', 'NATO+'], 'DE', '2024-11-28'),
            '2024-11-28',
            '2027-11-27',
          ),
        ],
        'no-stream',
      );
      const dualUseDetails = oldDetails('US', 'US Army', {
        goodsCategory: 'dual-use',
        goods: [
          {
            controlListEntry: '5A002.a',
            description: 'Cryptographic equipment',
            quantity: 10,
            valueEur: 50_000,
          },
        ],
      });
      await store.append(
        licenceStreamId(dualUse),
        [
          applied(dualUse, dualUseDetails, '2024-11-20'),
          issued(oldRule('default', 12, ['NATO', 'NATO+'], 'US', '2024-11-28'), '2024-11-28', '2025-11-27'),
        ],
        'no-stream',
      );
      const sondageDetails = oldDetails('JP', 'Japan Ground Self-Defense Force');
      await store.append(
        licenceStreamId(afterSondage),
        [
          event(
            'SondageRequested',
            1,
            { caseId: afterSondage, details: sondageDetails, decisionDate: '2024-10-01' },
            '2024-10-01T09:00:00Z',
            INTAKE,
          ),
          event(
            'SondageAnswered',
            1,
            { outcome: 'positive', reasoning: 'Likely acceptable', criteria: [], decisionDate: '2024-10-08' },
            '2024-10-08T09:00:00Z',
            ASSESSOR,
          ),
          applied(afterSondage, sondageDetails, '2024-10-15', 'sondage'),
        ],
        'no-stream',
      );
    } finally {
      await store.close();
    }
    app.clock.set('2026-01-15T10:00:00Z');
    await app.start();
  }, 60_000);

  afterAll(() => app.dispose(), 30_000);

  const view = async (id: string) =>
    (await app.request('GET', `/api/licences/${id}`, { role: 'assessor' })).body;

  it('shows each old case as it was, its one destination as a list of one, a definitive export outside the firearms act', async () => {
    expect(await view(allied)).toMatchObject({
      status: 'issued',
      validFrom: '2024-11-28',
      validUntil: '2027-11-27',
      ruleId: 'allies',
      policyVersion: VERSION,
      destination: { country: 'DE', endUser: 'Bundeswehr' },
      destinations: [{ country: 'DE', endUser: 'Bundeswehr' }],
      exportType: 'definitive',
      firearmsAct: false,
    });
    expect(await view(dualUse)).toMatchObject({
      status: 'expired',
      validUntil: '2025-11-27',
      ruleId: 'default',
    });
    const applied = await view(afterSondage);
    expect(applied).toMatchObject({
      status: 'applied',
      procedure: 'sondage',
      destinations: [{ country: 'JP' }],
    });
    // Before the change an application could not change its sondage's details: nothing changed.
    expect(applied.applicationChanges).toEqual({ changes: [], notCoveredBySondage: [] });
  });

  it('answers validity on past dates and the destination filter as before', async () => {
    const validOn = async (date: string) =>
      (
        await app.request('GET', `/api/licences?validOn=${date}&destination=DE`, { role: 'assessor' })
      ).body.items.map((i: { id: string }) => i.id);
    expect(await validOn('2025-06-01')).toEqual([allied]);
    expect(await validOn('2027-11-28')).toEqual([]);
    const us = await app.request('GET', '/api/licences?validOn=2025-11-27&destination=US', {
      role: 'assessor',
    });
    expect(us.body.items.map((i: { id: string }) => i.id)).toEqual([dualUse]);
  });

  it('replays the old decisions without a deviation: a renamed row is a note', async () => {
    const replay = async (id: string) =>
      (await app.request('GET', `/api/oversight/licences/${id}/replay`, { role: 'oversight' })).body.findings;
    expect(await replay(allied)).toEqual([]);
    // The table now names a dual-use row for the same twelve months the old default gave.
    expect(
      (await replay(dualUse)).map((f: { code: string; severity: string }) => [f.code, f.severity]),
    ).toEqual([['RULE_BASIS_DIFFERS', 'note']]);
  });

  it('counts the old definitive export in the EU annual report of its year', async () => {
    const report = await app.request('GET', '/api/statistics/eu-annual?year=2024', { role: 'reporting' });
    expect(report.status).toBe(200);
    expect(report.body.totals.overall).toMatchObject({ licencesIssued: 1, valueIssuedEur: 1_250_000 });
  });

  it('takes new decisions on an old case under the table of today', async () => {
    app.clock.set('2026-06-01T10:00:00Z');
    const extended = await app.request('POST', `/api/licences/${allied}/extend`, {
      role: 'assessor',
      body: { reassessment: ASSESSMENT },
    });
    expect(extended.body).toMatchObject({ status: 'issued', validUntil: '2029-05-31', ruleId: 'allies' });
    const issued = await app.request('POST', `/api/licences/${afterSondage}/issue`, {
      role: 'assessor',
      body: { assessment: ASSESSMENT },
    });
    expect(issued.body).toMatchObject({ status: 'issued', ruleId: 'allies', validUntil: '2029-05-31' });
  });
});
