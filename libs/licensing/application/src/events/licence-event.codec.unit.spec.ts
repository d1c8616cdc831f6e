import {
  DUTCH_VALIDITY_POLICY,
  evolve,
  isValidOn,
  LICENCE_EVENT_SCHEMA_VERSION,
  replayCase,
  statusOn,
} from '@licences/licensing-domain';
import type { LicenceCase, LicenceEvent, LicenceState, LocalDate } from '@licences/licensing-domain';
import { decodeLicenceEvent } from './licence-event.codec';

const actor = { sub: 'p.de.vries', role: 'senior-assessor' };

describe('decodeLicenceEvent: events stored before they named their officials (schema v1)', () => {
  it('takes the official of a v1 Issued and Extended from the stored metadata', () => {
    const issued = decodeLicenceEvent(
      'Issued',
      1,
      { decisionDate: '2023-05-01', validUntil: '2026-04-30' },
      { actor },
    );
    expect(issued.data).toEqual({ decisionDate: '2023-05-01', validUntil: '2026-04-30', issuedBy: actor });
    const extended = decodeLicenceEvent('Extended', 1, { decisionDate: '2024-05-01' }, { actor });
    expect(extended.data).toEqual({ decisionDate: '2024-05-01', extendedBy: actor });
  });

  it('reads a v1 revocation as one official’s, without a proposal, with its effect and objection term', () => {
    const stored = {
      circumstances: 'Armed conflict',
      criteria: [2],
      evidence: [],
      validUntilAtRevocation: '2026-04-30',
      decisionDate: '2024-11-28',
    };
    expect(decodeLicenceEvent('RevokedForChangedCircumstances', 1, stored, { actor }).data).toEqual({
      ...stored,
      additionalEvidence: [],
      proposedBy: null,
      proposedOn: null,
      approvedBy: actor,
      effectiveOn: '2024-11-28',
      objectionDeadline: '2025-01-09',
      objectionTermId: 'awb-6:7',
    });
  });

  it('leaves a current payload as stored', () => {
    const data = { decisionDate: '2024-11-28', issuedBy: { sub: 'other', role: 'assessor' } };
    expect(decodeLicenceEvent('Issued', LICENCE_EVENT_SCHEMA_VERSION.Issued, data, { actor }).data).toEqual(
      data,
    );
  });
});

/** Case details as schema v1 stored them: one destination, no export type, no firearms-act link. */
const V1_DETAILS = {
  applicant: { name: 'Thales Nederland B.V.', chamberOfCommerceNumber: '06061578' },
  kind: 'individual',
  afterSales: false,
  goodsCategory: 'military',
  goods: [{ controlListEntry: 'ML5.a', description: 'Fire control radar', quantity: 2, valueEur: 1e6 }],
  destination: { country: 'DE', endUser: 'Bundeswehr' },
};

describe('decodeLicenceEvent: case details stored before cases had several destinations (schema v1)', () => {
  it('reads a v1 SondageRequested as one destination, a definitive export, no firearms act', () => {
    const stored = { caseId: 'c1', details: V1_DETAILS, decisionDate: '2020-03-02' };
    const { destination, ...rest } = V1_DETAILS;

    expect(decodeLicenceEvent('SondageRequested', 1, stored, { actor }).data).toEqual({
      caseId: 'c1',
      decisionDate: '2020-03-02',
      details: { ...rest, destinations: [destination], exportType: 'definitive', firearmsAct: false },
    });
  });

  it.each(['application', 'sondage'])(
    'reads a v1 Applied (procedure %s) with the same details and nothing changed against a sondage',
    (procedure) => {
      const stored = { caseId: 'c1', details: V1_DETAILS, procedure, decisionDate: '2020-03-02' };
      const { destination, ...rest } = V1_DETAILS;

      expect(decodeLicenceEvent('Applied', 1, stored, { actor }).data).toEqual({
        caseId: 'c1',
        procedure,
        decisionDate: '2020-03-02',
        details: { ...rest, destinations: [destination], exportType: 'definitive', firearmsAct: false },
        changes: [],
        notCoveredBySondage: [],
      });
    },
  );

  it('leaves a current Applied as stored', () => {
    const { destination, ...rest } = V1_DETAILS;
    const data = {
      caseId: 'c1',
      procedure: 'sondage',
      decisionDate: '2024-10-01',
      details: {
        ...rest,
        destinations: [destination],
        exportType: 'temporary',
        temporaryPurpose: 'repair',
        firearmsAct: true,
      },
      changes: [{ field: 'goods' }],
      notCoveredBySondage: ['destination'],
    };
    expect(decodeLicenceEvent('Applied', LICENCE_EVENT_SCHEMA_VERSION.Applied, data, { actor }).data).toBe(
      data,
    );
  });
});

/*
 * A store written before this change: the payloads below are what the old code recorded (its
 * table had the versions initial, @2019-04-17 and @2023-04-18; dual-use fell under `default`;
 * NATO+ began on 2019-04-17). The answers are the ones the old code gave, worked out by hand.
 */
type Stored = readonly [type: string, schemaVersion: number, data: Record<string, unknown>];

const V = 'nl-export-licence-validity';
const ASSESSOR = { sub: 'assessor-1', role: 'assessor' };
const ASSESSMENT = { summary: 'No clear risk', findings: [{ criterion: 7, finding: 'Low diversion risk' }] };

const oldRule = (
  ruleId: string,
  months: number,
  version: string,
  country: string,
  on: string,
  groups: string[],
) => ({
  ruleId,
  policyId: V,
  policyVersion: `${V}@${version}`,
  months,
  source: { reference: ruleId === 'allies' ? 'Kamerstuk 22054-311 (2019-04-17)' : 'letter BZ2408569' },
  matchedRuleIds: ruleId === 'allies' ? ['allies', 'default'] : ['default'],
  countryFacts: { country, on, groups, memberships: [] },
});

/** Military, DE: issued 2020-03-10 for 3 years under allies, extended 2023-02-01 to 2026-01-31. */
const ALLIED: Stored[] = [
  ['Applied', 1, { caseId: 'de', details: V1_DETAILS, procedure: 'application', decisionDate: '2020-03-02' }],
  [
    'Issued',
    2,
    {
      assessment: ASSESSMENT,
      validFrom: '2020-03-10',
      validUntil: '2023-03-09',
      rule: oldRule('allies', 36, '2019-04-17', 'DE', '2020-03-10', ['EU', 'NATO', 'NATO+']),
      issuedBy: ASSESSOR,
      decisionDate: '2020-03-10',
    },
  ],
  [
    'Extended',
    2,
    {
      reassessment: ASSESSMENT,
      previousValidUntil: '2023-03-09',
      validUntil: '2026-01-31',
      maxValidUntil: '2026-01-31',
      rule: oldRule('allies', 36, '2019-04-17', 'DE', '2023-02-01', ['EU', 'NATO', 'NATO+']),
      extendedBy: ASSESSOR,
      decisionDate: '2023-02-01',
    },
  ],
];

/** Dual-use, US: issued 2022-01-10 for 1 year under the old `default` row. */
const DUAL_USE: Stored[] = [
  [
    'Applied',
    1,
    {
      caseId: 'du',
      details: {
        ...V1_DETAILS,
        goodsCategory: 'dual-use',
        goods: [{ controlListEntry: '5A002.a', description: 'Encryption', quantity: 10, valueEur: 50_000 }],
        destination: { country: 'US', endUser: 'US Army' },
      },
      procedure: 'application',
      decisionDate: '2022-01-03',
    },
  ],
  [
    'Issued',
    2,
    {
      assessment: ASSESSMENT,
      validFrom: '2022-01-10',
      validUntil: '2023-01-09',
      rule: oldRule('default', 12, '2019-04-17', 'US', '2022-01-10', ['NATO', 'NATO+']),
      issuedBy: ASSESSOR,
      decisionDate: '2022-01-10',
    },
  ],
];

/** Military, JP, 2018: one year; the old code recorded Japan in no group before 2019-04-17. */
const JAPAN_2018: Stored[] = [
  [
    'SondageRequested',
    1,
    {
      caseId: 'jp',
      details: { ...V1_DETAILS, destination: { country: 'JP', endUser: 'JGSDF' } },
      decisionDate: '2018-04-03',
    },
  ],
  [
    'SondageAnswered',
    1,
    { outcome: 'positive', reasoning: 'Likely.', criteria: [], decisionDate: '2018-04-10' },
  ],
  [
    'Applied',
    1,
    {
      caseId: 'jp',
      details: { ...V1_DETAILS, destination: { country: 'JP', endUser: 'JGSDF' } },
      procedure: 'sondage',
      decisionDate: '2018-04-20',
    },
  ],
  [
    'Issued',
    2,
    {
      assessment: ASSESSMENT,
      validFrom: '2018-05-01',
      validUntil: '2019-04-30',
      rule: oldRule('default', 12, 'initial', 'JP', '2018-05-01', []),
      issuedBy: ASSESSOR,
      decisionDate: '2018-05-01',
    },
  ],
];

const decoded = (stored: Stored[]): LicenceEvent[] =>
  stored.map(([type, version, data]) => decodeLicenceEvent(type, version, data, { actor: ASSESSOR }));

function folded(stored: Stored[]): LicenceCase {
  const state = decoded(stored).reduce<LicenceState>(evolve, undefined);
  if (!state) throw new Error('expected a case');
  return state;
}

const on = (date: string) => date as LocalDate;

describe('a store written before destinations were a list gives the same answers', () => {
  it.each<[string, Stored[], string, string, string, string, [string, boolean][]]>([
    // name, events, status today, validFrom, validUntil, rule, validOn answers
    [
      'the allied licence',
      ALLIED,
      'issued',
      '2020-03-10',
      '2026-01-31',
      'allies',
      [
        ['2020-03-09', false],
        ['2020-03-10', true],
        ['2023-03-10', true],
        ['2026-01-31', true],
        ['2026-02-01', false],
      ],
    ],
    [
      'the dual-use licence',
      DUAL_USE,
      'expired',
      '2022-01-10',
      '2023-01-09',
      'default',
      [
        ['2023-01-09', true],
        ['2023-01-10', false],
      ],
    ],
    [
      'the 2018 licence to Japan',
      JAPAN_2018,
      'expired',
      '2018-05-01',
      '2019-04-30',
      'default',
      [
        ['2018-04-30', false],
        ['2019-04-30', true],
        ['2019-05-01', false],
      ],
    ],
  ])(
    'given %s, then status, dates, rule and validity on each date as before',
    (_name, stored, status, from, until, ruleId, answers) => {
      const state = folded(stored);

      expect(statusOn(state, on('2024-11-28'))).toBe(status);
      expect([state.validFrom, state.validUntil, state.rule?.ruleId]).toEqual([from, until, ruleId]);
      expect(answers.map(([date]) => [date, isValidOn(state, on(date))])).toEqual(answers);
      expect(state.details.destinations).toHaveLength(1);
      expect([state.details.exportType, state.details.firearmsAct]).toEqual(['definitive', false]);
    },
  );

  it('given the 2018 case to Japan, then the sondage and the answer are kept as before', () => {
    const state = folded(JAPAN_2018);
    expect([state.procedure, state.registeredOn, state.appliedOn, state.sondage?.outcome]).toEqual([
      'sondage',
      '2018-04-03',
      '2018-04-20',
      'positive',
    ]);
  });

  it.each<[string, Stored[], string[]]>([
    // The extension of 2023-02-01 names @2019-04-17; @2021-09-09 was in force, with the same allies row.
    ['the allied licence', ALLIED, ['POLICY_VERSION_LABEL_OUTDATED']],
    // Recorded under `default`; the table now names the dual-use practice, with the same 12 months.
    ['the dual-use licence', DUAL_USE, ['RULE_BASIS_DIFFERS', 'POLICY_VERSION_LABEL_OUTDATED']],
    // Japan is NATO+ from 2010 now: a fact the old decision left out, which only a longer rule could use.
    ['the 2018 licence to Japan', JAPAN_2018, ['MEMBERSHIP_FACT_NOT_RECORDED']],
  ])('given %s replayed, then only notes and no deviation', (_name, stored, codes) => {
    const { findings } = replayCase(
      'old',
      decoded(stored).map((event, revision) => ({ revision, event })),
      DUTCH_VALIDITY_POLICY,
    );

    expect(findings.map((f) => f.code)).toEqual(codes);
    expect(findings.filter((f) => f.severity === 'deviation')).toEqual([]);
  });
});
