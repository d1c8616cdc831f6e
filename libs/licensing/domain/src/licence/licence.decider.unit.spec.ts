import { applicableRule } from '../policy/validity-policy.evaluator';
import { DUTCH_VALIDITY_POLICY } from '../policy/validity-policy';
import { addDays, localDate } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import { revocationProposal } from '../testing/case-events';
import { DEFAULT_ACTOR, given, stateAfter } from '../testing/given-when-then';
import type {
  AnswerSondage,
  ApplyAfterSondage,
  DenyLicence,
  ExtendLicence,
  IssueLicence,
  LicenceCommand,
  RegisterCase,
  ProposeRevocation,
  WithdrawCase,
} from './licence.commands';
import type { LicenceEvent } from './licence.events';
import { isValidOn, statusOn } from './licence.state';
import type { LicenceCase } from './licence.state';
import { validityQuestionOf } from './licence.values';
import type {
  Assessment,
  CaseDetails,
  Criterion,
  Destination,
  Evidence,
  Official,
  Procedure,
} from './licence.values';

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const d = (value: string): LocalDate => localDate(value);

const CASE_ID = 'case-2024-0001';

/** Issues and extends in the given events; commands are decided by DEFAULT_ACTOR unless a test says. */
const ISSUER: Official = { sub: 'issuing-assessor', role: 'assessor' };
const PROPOSER: Official = { sub: 'proposing-assessor', role: 'assessor' };
const APPROVER: Official = { sub: 'approving-senior', role: 'senior-assessor' };

/** Case details overrides; `destination` is a shorthand for a single-element `destinations`. */
type DetailsOverrides = Partial<CaseDetails> & { readonly destination?: Destination };

function details(overrides: DetailsOverrides = {}): CaseDetails {
  const { destination, ...rest } = overrides;
  return {
    applicant: { name: 'Example Defence B.V.', chamberOfCommerceNumber: '12345678' },
    kind: 'individual',
    afterSales: false,
    goodsCategory: 'military',
    goods: [
      { controlListEntry: 'ML5.a', description: 'Fire-control radar', quantity: 2, valueEur: 1_500_000 },
    ],
    exportType: 'definitive',
    firearmsAct: false,
    destinations: [destination ?? { country: 'DE', endUser: 'Bundeswehr' }],
    ...rest,
  };
}

/** A military after-sales licence to a non-allied destination (Saudi Arabia). */
const afterSalesToSaudiArabia = details({
  afterSales: true,
  goods: [
    { controlListEntry: 'ML10.a', description: 'Spare parts for aircraft', quantity: 40, valueEur: 250_000 },
  ],
  destination: { country: 'SA', endUser: 'Royal Saudi Air Force' },
});

/** A military licence (no after-sales) to a non-allied destination. */
const militaryToSaudiArabia = details({ destination: { country: 'SA', endUser: 'Ministry of Defence' } });

const assessment: Assessment = {
  summary: 'No objections under the criteria of the Common Position.',
  findings: [
    { criterion: 2, finding: 'No clear risk of use for internal repression.' },
    { criterion: 7, finding: 'Government end user; no diversion risk identified.' },
  ],
};

const evidence: Evidence = {
  title: 'Report on the use of exported equipment',
  source: 'Ministry of Foreign Affairs, country desk',
  date: d('2024-11-20'),
  reference: 'BZ-2024-0042',
  sha256: 'a'.repeat(64),
};

// Event builders (the "given" side).

function sondageRequested(caseDetails = details(), on = '2024-09-02'): LicenceEvent {
  return { type: 'SondageRequested', data: { caseId: CASE_ID, details: caseDetails, decisionDate: d(on) } };
}

function sondageAnswered(outcome: 'positive' | 'negative' = 'positive', on = '2024-09-16'): LicenceEvent {
  return {
    type: 'SondageAnswered',
    data: {
      outcome,
      reasoning: outcome === 'positive' ? 'A licence is likely.' : 'A licence is unlikely.',
      criteria: outcome === 'positive' ? [] : [2],
      decisionDate: d(on),
    },
  };
}

function applied(
  caseDetails = details(),
  on = '2024-10-01',
  procedure: Procedure = 'application',
): LicenceEvent {
  return {
    type: 'Applied',
    data: {
      caseId: CASE_ID,
      details: caseDetails,
      procedure,
      changes: [],
      notCoveredBySondage: [],
      decisionDate: d(on),
    },
  };
}

function issued(
  caseDetails: CaseDetails,
  on: string,
  validUntil: string,
  validFrom = on,
  issuedBy = ISSUER,
): LicenceEvent {
  const rule = applicableRule(DUTCH_VALIDITY_POLICY, validityQuestionOf(caseDetails), d(on));
  return {
    type: 'Issued',
    data: {
      assessment,
      validFrom: d(validFrom),
      validUntil: d(validUntil),
      rule,
      issuedBy,
      decisionDate: d(on),
    },
  };
}

function extended(
  caseDetails: CaseDetails,
  on: string,
  previousValidUntil: string,
  validUntil: string,
  extendedBy = ISSUER,
): LicenceEvent {
  const rule = applicableRule(DUTCH_VALIDITY_POLICY, validityQuestionOf(caseDetails), d(on));
  return {
    type: 'Extended',
    data: {
      reassessment: assessment,
      previousValidUntil: d(previousValidUntil),
      validUntil: d(validUntil),
      maxValidUntil: d(validUntil),
      rule,
      extendedBy,
      decisionDate: d(on),
    },
  };
}

function denied(on = '2024-11-01'): LicenceEvent {
  return {
    type: 'Denied',
    data: { criteria: [2], reasoning: 'Clear risk of internal repression.', decisionDate: d(on) },
  };
}

function withdrawn(on = '2024-11-01'): LicenceEvent {
  return { type: 'Withdrawn', data: { reason: 'The contract fell through.', decisionDate: d(on) } };
}

function revoked(on = '2024-11-01', validUntilAtRevocation = '2027-01-14'): LicenceEvent {
  return {
    type: 'RevokedForChangedCircumstances',
    data: {
      circumstances: 'Armed conflict broke out in the country of destination.',
      criteria: [3, 4],
      evidence: [evidence],
      additionalEvidence: [],
      validUntilAtRevocation: d(validUntilAtRevocation),
      proposedBy: PROPOSER,
      proposedOn: d(on),
      approvedBy: APPROVER,
      effectiveOn: d(on),
      objectionDeadline: addDays(d(on), 42),
      objectionTermId: 'awb-6:7',
      decisionDate: d(on),
    },
  };
}

// Command builders (the "when" side).

const register = (procedure: Procedure, caseDetails = details()): RegisterCase => ({
  type: 'RegisterCase',
  caseId: CASE_ID,
  procedure,
  details: caseDetails,
});
const answer = (outcome: 'positive' | 'negative', criteria: Criterion[] = []): AnswerSondage => ({
  type: 'AnswerSondage',
  outcome,
  reasoning: 'Assessed against the eight criteria.',
  criteria,
});
const apply: ApplyAfterSondage = { type: 'ApplyAfterSondage' };
const issue = (validFrom?: string): IssueLicence => ({
  type: 'IssueLicence',
  assessment,
  ...(validFrom === undefined ? {} : { validFrom: validFrom as LocalDate }),
});
const deny = (criteria: number[] = [2], reasoning = 'Clear risk of internal repression.'): DenyLicence => ({
  type: 'DenyLicence',
  criteria: criteria as Criterion[],
  reasoning,
});
const withdraw = (reason = 'The exporter withdrew.'): WithdrawCase => ({ type: 'WithdrawCase', reason });
const extend = (validUntil?: string): ExtendLicence => ({
  type: 'ExtendLicence',
  reassessment: assessment,
  ...(validUntil === undefined ? {} : { validUntil: validUntil as LocalDate }),
});
const propose = (overrides: Partial<ProposeRevocation> = {}) => revocationProposal([evidence], overrides);

/** One valid instance of every command except RegisterCase. */
const EVERY_LATER_COMMAND: readonly [string, LicenceCommand][] = [
  ['AnswerSondage', answer('positive')],
  ['ApplyAfterSondage', apply],
  ['IssueLicence', issue()],
  ['DenyLicence', deny()],
  ['WithdrawCase', withdraw()],
  ['ExtendLicence', extend()],
  ['ProposeRevocation', propose()],
  ['WithdrawRevocationProposal', { type: 'WithdrawRevocationProposal', reason: 'Second thoughts.' }],
  ['RejectRevocationProposal', { type: 'RejectRevocationProposal', reason: 'Not proven.' }],
  ['ApproveRevocation', { type: 'ApproveRevocation', additionalEvidence: [] }],
  ['RecordHistoricalRevocation', { ...propose(), type: 'RecordHistoricalRevocation' }],
];

const asCase = (events: LicenceEvent[]): LicenceCase => {
  const state = stateAfter(...events);
  if (!state) throw new Error('expected a case');
  return state;
};

// ---------------------------------------------------------------------------------------------

describe('licence decider', () => {
  describe('RegisterCase', () => {
    it('registers a sondage: SondageRequested on the decision date', () => {
      given()
        .when(register('sondage'))
        .then([
          {
            type: 'SondageRequested',
            data: { caseId: CASE_ID, details: details(), decisionDate: d('2024-11-28') },
          },
        ]);
    });

    it('registers a direct application: Applied with procedure application', () => {
      given()
        .when(register('application'))
        .then([
          {
            type: 'Applied',
            data: {
              caseId: CASE_ID,
              details: details(),
              procedure: 'application',
              changes: [],
              notCoveredBySondage: [],
              decisionDate: d('2024-11-28'),
            },
          },
        ]);
    });

    it('leaves a registered sondage in status sondage-requested, and a direct application in applied', () => {
      expect(given().when(register('sondage')).thenState()?.status).toBe('sondage-requested');
      const application = given().when(register('application')).thenState();
      expect(application?.status).toBe('applied');
      expect(application?.procedure).toBe('application');
      expect(application?.registeredOn).toBe('2024-11-28');
      expect(application?.appliedOn).toBe('2024-11-28');
    });

    it.each<[string, LicenceEvent[]]>([
      ['a sondage', [sondageRequested()]],
      ['an application', [applied()]],
      ['an issued licence', [applied(), issued(details(), '2024-10-15', '2027-10-14')]],
      ['a denied case', [applied(), denied()]],
    ])('refuses to register a case twice (%s): CASE_ALREADY_REGISTERED', (_label, events) => {
      given(...events)
        .when(register('application'))
        .thenThrows('CASE_ALREADY_REGISTERED', 'forbidden-transition');
    });

    describe('content rules', () => {
      it.each<[string, DetailsOverrides, string]>([
        ['unknown country XX', { destination: { country: 'XX', endUser: 'Someone' } }, 'UNKNOWN_COUNTRY'],
        ['lowercase country nl', { destination: { country: 'nl', endUser: 'Someone' } }, 'UNKNOWN_COUNTRY'],
        ['reserved code UK', { destination: { country: 'UK', endUser: 'Someone' } }, 'UNKNOWN_COUNTRY'],
        [
          'ML23 (no such ML category)',
          { goods: [{ controlListEntry: 'ML23', description: 'x', quantity: 1, valueEur: 1 }] },
          'CONTROL_LIST_ENTRY_MISMATCH',
        ],
        [
          'ML0 (no such ML category)',
          { goods: [{ controlListEntry: 'ML0', description: 'x', quantity: 1, valueEur: 1 }] },
          'CONTROL_LIST_ENTRY_MISMATCH',
        ],
        [
          'a dual-use entry for military goods',
          { goods: [{ controlListEntry: '5A002', description: 'x', quantity: 1, valueEur: 1 }] },
          'CONTROL_LIST_ENTRY_MISMATCH',
        ],
        [
          'an ML entry for dual-use goods',
          {
            goodsCategory: 'dual-use',
            goods: [{ controlListEntry: 'ML5', description: 'x', quantity: 1, valueEur: 1 }],
          },
          'CONTROL_LIST_ENTRY_MISMATCH',
        ],
        [
          'a malformed dual-use entry (5F002)',
          {
            goodsCategory: 'dual-use',
            goods: [{ controlListEntry: '5F002', description: 'x', quantity: 1, valueEur: 1 }],
          },
          'CONTROL_LIST_ENTRY_MISMATCH',
        ],
        [
          'after-sales on a transit licence',
          { kind: 'transit', afterSales: true },
          'AFTER_SALES_REQUIRES_EXPORT_LICENCE',
        ],
        [
          'after-sales on a brokering licence',
          { kind: 'brokering', afterSales: true },
          'AFTER_SALES_REQUIRES_EXPORT_LICENCE',
        ],
        ['no goods', { goods: [] }, 'GOODS_REQUIRED'],
        [
          'zero quantity',
          { goods: [{ controlListEntry: 'ML5', description: 'x', quantity: 0, valueEur: 1 }] },
          'INVALID_QUANTITY',
        ],
        [
          'negative value',
          { goods: [{ controlListEntry: 'ML5', description: 'x', quantity: 1, valueEur: -1 }] },
          'INVALID_VALUE',
        ],
        [
          'blank applicant name',
          { applicant: { name: '  ', chamberOfCommerceNumber: '12345678' } },
          'REQUIRED_TEXT_MISSING',
        ],
        ['blank end user', { destination: { country: 'DE', endUser: '' } }, 'REQUIRED_TEXT_MISSING'],
      ])('refuses %s: %s', (_label, overrides, code) => {
        for (const procedure of ['sondage', 'application'] as const) {
          given()
            .when(register(procedure, details(overrides)))
            .thenThrows(code, 'rule-violation');
        }
      });

      it.each<[string, DetailsOverrides]>([
        [
          'dual-use 5A002.a to a country outside the EU',
          {
            goodsCategory: 'dual-use',
            destination: { country: 'US', endUser: 'US Army' },
            goods: [{ controlListEntry: '5A002.a', description: 'x', quantity: 1, valueEur: 1 }],
          },
        ],
        [
          'dual-use 5A002.a.1 to a country outside the EU',
          {
            goodsCategory: 'dual-use',
            destination: { country: 'US', endUser: 'US Army' },
            goods: [{ controlListEntry: '5A002.a.1', description: 'x', quantity: 1, valueEur: 1 }],
          },
        ],
        [
          'military ML10.a',
          { goods: [{ controlListEntry: 'ML10.a', description: 'x', quantity: 1, valueEur: 1 }] },
        ],
        [
          'military ML1',
          { goods: [{ controlListEntry: 'ML1', description: 'x', quantity: 1, valueEur: 0 }] },
        ],
        [
          'military ML22',
          { goods: [{ controlListEntry: 'ML22', description: 'x', quantity: 1, valueEur: 1 }] },
        ],
        ['after-sales on an individual licence', { afterSales: true }],
        ['after-sales on a global licence', { kind: 'global', afterSales: true }],
        ['a transit licence without after-sales', { kind: 'transit' }],
        ['a brokering licence without after-sales', { kind: 'brokering' }],
      ])('accepts %s', (_label, overrides) => {
        given()
          .when(register('sondage', details(overrides)))
          .then([
            {
              type: 'SondageRequested',
              data: { caseId: CASE_ID, details: details(overrides), decisionDate: d('2024-11-28') },
            },
          ]);
      });
    });
  });

  describe('AnswerSondage', () => {
    it('records a positive answer', () => {
      given(sondageRequested())
        .when(answer('positive'))
        .then([
          {
            type: 'SondageAnswered',
            data: {
              outcome: 'positive',
              reasoning: 'Assessed against the eight criteria.',
              criteria: [],
              decisionDate: d('2024-11-28'),
            },
          },
        ]);
    });

    it('records a negative answer with the criteria cited', () => {
      given(sondageRequested())
        .when(answer('negative', [2, 7]))
        .then([
          {
            type: 'SondageAnswered',
            data: {
              outcome: 'negative',
              reasoning: 'Assessed against the eight criteria.',
              criteria: [2, 7],
              decisionDate: d('2024-11-28'),
            },
          },
        ]);
    });

    it('a positive answer never makes the case valid: status sondage-answered, isValidOn false', () => {
      const state = given(sondageRequested()).when(answer('positive')).thenState() as LicenceCase;
      expect(state.status).toBe('sondage-answered');
      expect(state.sondage?.outcome).toBe('positive');
      for (const day of ['2024-11-28', '2024-12-01', '2025-11-27', '2027-11-27']) {
        expect(statusOn(state, d(day))).toBe('sondage-answered');
        expect(isValidOn(state, d(day))).toBe(false);
      }
      expect(state.validFrom).toBeUndefined();
      expect(state.validUntil).toBeUndefined();
    });

    it('a licence cannot be issued straight after a positive sondage answer: ISSUE_NOT_ALLOWED', () => {
      const error = given(sondageRequested(), sondageAnswered('positive'))
        .when(issue())
        .thenThrows('ISSUE_NOT_ALLOWED', 'forbidden-transition');
      expect(error.details).toEqual({ caseStatus: 'sondage-answered', allowedFrom: ['applied'] });
    });

    it('refuses an answer without reasoning: REQUIRED_TEXT_MISSING', () => {
      given(sondageRequested())
        .when({ ...answer('negative', [2]), reasoning: ' ' })
        .thenThrows('REQUIRED_TEXT_MISSING', 'rule-violation');
    });

    it('refuses criteria outside 1..8: UNKNOWN_CRITERION', () => {
      given(sondageRequested())
        .when(answer('negative', [9 as Criterion]))
        .thenThrows('UNKNOWN_CRITERION', 'rule-violation');
    });
  });

  describe('ApplyAfterSondage', () => {
    it.each(['positive', 'negative'] as const)(
      'applies after a %s sondage answer, keeping the case details',
      (outcome) => {
        given(sondageRequested(afterSalesToSaudiArabia), sondageAnswered(outcome))
          .when(apply)
          .then([
            {
              type: 'Applied',
              data: {
                caseId: CASE_ID,
                details: afterSalesToSaudiArabia,
                procedure: 'sondage',
                changes: [],
                notCoveredBySondage: [],
                decisionDate: d('2024-11-28'),
              },
            },
          ]);
      },
    );

    it('keeps the sondage answer and registration date on the state; the case is then applied', () => {
      const state = given(sondageRequested(), sondageAnswered('positive'))
        .when(apply)
        .thenState() as LicenceCase;
      expect(state.status).toBe('applied');
      expect(state.procedure).toBe('sondage');
      expect(state.registeredOn).toBe('2024-09-02');
      expect(state.appliedOn).toBe('2024-11-28');
      expect(state.sondage?.outcome).toBe('positive');
      expect(isValidOn(state, d('2024-11-28'))).toBe(false);
    });

    it('refuses to apply before the sondage is answered: APPLY_NOT_ALLOWED', () => {
      given(sondageRequested()).when(apply).thenThrows('APPLY_NOT_ALLOWED', 'forbidden-transition');
    });

    it('refuses to apply after a direct application: APPLY_NOT_ALLOWED', () => {
      given(applied()).when(apply).thenThrows('APPLY_NOT_ALLOWED', 'forbidden-transition');
    });

    it('refuses to apply twice after a sondage: APPLY_NOT_ALLOWED', () => {
      given(sondageRequested(), sondageAnswered(), applied(details(), '2024-10-01', 'sondage'))
        .when(apply)
        .thenThrows('APPLY_NOT_ALLOWED');
    });
  });

  describe('IssueLicence', () => {
    it('issues an allied military licence for 3 years from the decision date and records the rule', () => {
      given(applied())
        .when(issue())
        .then([
          {
            type: 'Issued',
            data: {
              assessment,
              validFrom: d('2024-11-28'),
              validUntil: d('2027-11-27'),
              decisionDate: d('2024-11-28'),
              issuedBy: DEFAULT_ACTOR,
              rule: {
                ruleId: 'allies',
                policyId: 'nl-export-licence-validity',
                policyVersion: 'nl-export-licence-validity@2023-04-18',
                months: 36,
                source: expect.objectContaining({ reference: expect.stringContaining('22054-311') }),
                matchedRuleIds: ['allies', 'default'],
                countryFacts: expect.objectContaining({
                  country: 'DE',
                  on: '2024-11-28',
                  groups: ['EU', 'NATO', 'NATO+'],
                }),
                destinations: [
                  {
                    country: 'DE',
                    ruleId: 'allies',
                    months: 36,
                    matchedRuleIds: ['allies', 'default'],
                    countryFacts: expect.objectContaining({ groups: ['EU', 'NATO', 'NATO+'] }),
                  },
                ],
              },
            },
          },
        ]);
    });

    it('issued 2024-11-28 for 1 year (non-allied destination): valid until 2025-11-27', () => {
      const [event] = given(applied(militaryToSaudiArabia))
        .when(issue())
        .then([
          {
            type: 'Issued',
            data: {
              assessment,
              validFrom: d('2024-11-28'),
              validUntil: d('2025-11-27'),
              decisionDate: d('2024-11-28'),
              issuedBy: DEFAULT_ACTOR,
              rule: expect.objectContaining({ ruleId: 'default', months: 12, matchedRuleIds: ['default'] }),
            },
          },
        ]);
      expect(event?.type === 'Issued' && event.data.rule.source.assumption).toBe(true);
      expect(event?.type === 'Issued' && event.data.rule.countryFacts).toEqual(
        expect.objectContaining({ country: 'SA', on: '2024-11-28', groups: [] }),
      );
    });

    it('issues after an application that followed a sondage', () => {
      given(sondageRequested(), sondageAnswered('positive'), applied(details(), '2024-10-01', 'sondage'))
        .when(issue())
        .then([
          expect.objectContaining({
            type: 'Issued',
            data: expect.objectContaining({ validUntil: d('2027-11-27') }),
          }),
        ]);
    });

    it('a later validFrom is accepted and shifts validUntil', () => {
      given(applied(militaryToSaudiArabia))
        .when(issue('2025-01-01'))
        .then([
          {
            type: 'Issued',
            data: expect.objectContaining({
              validFrom: d('2025-01-01'),
              validUntil: d('2025-12-31'),
              decisionDate: d('2024-11-28'),
            }),
          },
        ]);
    });

    it('validFrom equal to the decision date is accepted', () => {
      given(applied(militaryToSaudiArabia))
        .when(issue('2024-11-28'))
        .then([
          expect.objectContaining({
            type: 'Issued',
            data: expect.objectContaining({ validFrom: d('2024-11-28') }),
          }),
        ]);
    });

    it('refuses a validFrom before the decision date: VALID_FROM_BEFORE_DECISION', () => {
      const error = given(applied())
        .when(issue('2024-11-27'))
        .thenThrows('VALID_FROM_BEFORE_DECISION', 'rule-violation');
      expect(error.details).toEqual(
        expect.objectContaining({ field: 'validFrom', decisionDate: '2024-11-28' }),
      );
    });

    it('refuses a validFrom that is not a calendar date: INVALID_DATE', () => {
      given(applied()).when(issue('2025-02-30')).thenThrows('INVALID_DATE', 'rule-violation');
    });

    it('refuses an assessment without findings: FINDINGS_REQUIRED', () => {
      given(applied())
        .when({ type: 'IssueLicence', assessment: { summary: 'Fine.', findings: [] } })
        .thenThrows('FINDINGS_REQUIRED', 'rule-violation');
    });

    it('refuses an assessment without a summary: REQUIRED_TEXT_MISSING', () => {
      given(applied())
        .when({ type: 'IssueLicence', assessment: { ...assessment, summary: '' } })
        .thenThrows('REQUIRED_TEXT_MISSING', 'rule-violation');
    });

    it('the issued licence is valid from validFrom through validUntil inclusive, not outside', () => {
      const state = given(applied(militaryToSaudiArabia))
        .when(issue('2025-01-01'))
        .thenState() as LicenceCase;
      expect(state.status).toBe('issued');
      expect(isValidOn(state, d('2024-12-31'))).toBe(false);
      expect(isValidOn(state, d('2025-01-01'))).toBe(true);
      expect(isValidOn(state, d('2025-12-31'))).toBe(true);
      expect(statusOn(state, d('2025-12-31'))).toBe('issued');
      expect(isValidOn(state, d('2026-01-01'))).toBe(false);
      expect(statusOn(state, d('2026-01-01'))).toBe('expired');
    });

    it('uses the policy in force on the decision date, not today: an allied licence decided before 2019-04-17 gets 1 year', () => {
      given(applied(details(), '2019-03-01'))
        .when(issue(), '2019-04-16')
        .then([
          {
            type: 'Issued',
            data: expect.objectContaining({
              validUntil: d('2020-04-15'),
              rule: expect.objectContaining({
                ruleId: 'default',
                policyVersion: 'nl-export-licence-validity@initial',
              }),
            }),
          },
        ]);
    });
  });

  describe('DenyLicence', () => {
    it('denies an application, citing criteria', () => {
      given(applied())
        .when(deny([1, 2, 8]))
        .then([
          {
            type: 'Denied',
            data: {
              criteria: [1, 2, 8],
              reasoning: 'Clear risk of internal repression.',
              decisionDate: d('2024-11-28'),
            },
          },
        ]);
    });

    it('a denied case is closed and never valid', () => {
      const state = given(applied()).when(deny()).thenState() as LicenceCase;
      expect(state.status).toBe('denied');
      expect(state.closedOn).toBe('2024-11-28');
      expect(isValidOn(state, d('2024-11-28'))).toBe(false);
    });

    it('refuses a denial without criteria: CRITERIA_REQUIRED', () => {
      given(applied()).when(deny([])).thenThrows('CRITERIA_REQUIRED', 'rule-violation');
    });

    it.each([[0], [9], [2.5], [-1]])(
      'refuses criterion %s (outside 1..8): UNKNOWN_CRITERION',
      (criterion) => {
        given(applied())
          .when(deny([2, criterion]))
          .thenThrows('UNKNOWN_CRITERION', 'rule-violation');
      },
    );

    it('refuses a denial without reasoning: REQUIRED_TEXT_MISSING', () => {
      given(applied())
        .when(deny([2], ''))
        .thenThrows('REQUIRED_TEXT_MISSING', 'rule-violation');
    });
  });

  describe('WithdrawCase', () => {
    it.each<[string, LicenceEvent[]]>([
      ['sondage-requested', [sondageRequested()]],
      ['sondage-answered', [sondageRequested(), sondageAnswered()]],
      ['applied', [applied()]],
      [
        'applied after a sondage',
        [sondageRequested(), sondageAnswered(), applied(details(), '2024-10-01', 'sondage')],
      ],
    ])('withdraws a %s case', (_label, events) => {
      given(...events)
        .when(withdraw())
        .then([
          { type: 'Withdrawn', data: { reason: 'The exporter withdrew.', decisionDate: d('2024-11-28') } },
        ]);
    });

    it('refuses to withdraw an issued licence: WITHDRAW_NOT_ALLOWED', () => {
      given(applied(), issued(details(), '2024-10-15', '2027-10-14'))
        .when(withdraw())
        .thenThrows('WITHDRAW_NOT_ALLOWED', 'forbidden-transition');
    });

    it('refuses a withdrawal without a reason: REQUIRED_TEXT_MISSING', () => {
      given(applied()).when(withdraw('   ')).thenThrows('REQUIRED_TEXT_MISSING', 'rule-violation');
    });
  });

  describe('ExtendLicence', () => {
    // A 1-year licence to a non-ally: issued 2024-01-15, valid until 2025-01-14.
    const oneYear = [
      applied(militaryToSaudiArabia, '2024-01-02'),
      issued(militaryToSaudiArabia, '2024-01-15', '2025-01-14'),
    ];

    it('by default extends to the extension date + rule months - 1 day', () => {
      given(...oneYear)
        .when(extend(), '2024-12-01')
        .then([
          {
            type: 'Extended',
            data: {
              reassessment: assessment,
              previousValidUntil: d('2025-01-14'),
              validUntil: d('2025-11-30'),
              maxValidUntil: d('2025-11-30'),
              decisionDate: d('2024-12-01'),
              extendedBy: DEFAULT_ACTOR,
              rule: {
                ruleId: 'default',
                policyId: 'nl-export-licence-validity',
                policyVersion: 'nl-export-licence-validity@2023-04-18',
                months: 12,
                source: expect.objectContaining({
                  reference: expect.stringContaining('BZ2408569'),
                  assumption: true,
                }),
                matchedRuleIds: ['default'],
                countryFacts: expect.objectContaining({ country: 'SA', on: '2024-12-01', groups: [] }),
                destinations: [
                  expect.objectContaining({
                    country: 'SA',
                    ruleId: 'default',
                    months: 12,
                    matchedRuleIds: ['default'],
                  }),
                ],
              },
            },
          },
        ]);
    });

    it('accepts a requested validUntil after the current one and within the bound', () => {
      given(...oneYear)
        .when(extend('2025-06-30'), '2024-12-01')
        .then([
          expect.objectContaining({
            type: 'Extended',
            data: expect.objectContaining({ validUntil: d('2025-06-30'), maxValidUntil: d('2025-11-30') }),
          }),
        ]);
    });

    it('accepts a requested validUntil exactly on the bound', () => {
      given(...oneYear)
        .when(extend('2025-11-30'), '2024-12-01')
        .then([
          expect.objectContaining({
            type: 'Extended',
            data: expect.objectContaining({ validUntil: d('2025-11-30') }),
          }),
        ]);
    });

    it.each(['2025-01-14', '2025-01-13', '2024-12-31'])(
      'refuses a requested validUntil %s not after the current 2025-01-14: EXTENSION_NOT_LATER',
      (validUntil) => {
        given(...oneYear)
          .when(extend(validUntil), '2024-12-01')
          .thenThrows('EXTENSION_NOT_LATER', 'rule-violation');
      },
    );

    it('refuses a requested validUntil beyond the rule in force: EXTENSION_BEYOND_RULE', () => {
      const error = given(...oneYear)
        .when(extend('2025-12-01'), '2024-12-01')
        .thenThrows('EXTENSION_BEYOND_RULE', 'rule-violation');
      expect(error.details).toEqual(
        expect.objectContaining({ maxValidUntil: '2025-11-30', ruleId: 'default' }),
      );
    });

    it('refuses a default extension that would not end later (a 1-year licence on its issue day): EXTENSION_NOT_LATER', () => {
      // Extended on 2024-01-15 under the 12-month rule, the bound is 2025-01-14: the current end itself.
      given(...oneYear)
        .when(extend(), '2024-01-15')
        .thenThrows('EXTENSION_NOT_LATER', 'rule-violation');
    });

    it('allows an extension on validUntil itself (the last valid day)', () => {
      given(...oneYear)
        .when(extend(), '2025-01-14')
        .then([
          expect.objectContaining({
            type: 'Extended',
            data: expect.objectContaining({
              previousValidUntil: d('2025-01-14'),
              validUntil: d('2026-01-13'),
              decisionDate: d('2025-01-14'),
            }),
          }),
        ]);
    });

    it('refuses an extension the day after validUntil: CASE_CLOSED with status expired', () => {
      const error = given(...oneYear)
        .when(extend(), '2025-01-15')
        .thenThrows('CASE_CLOSED', 'forbidden-transition');
      expect(error.details).toEqual({ caseStatus: 'expired' });
    });

    describe('extension after extension', () => {
      const onceExtended = [
        ...oneYear,
        extended(militaryToSaudiArabia, '2024-12-01', '2025-01-14', '2025-11-30'),
      ];

      it('extends from the end date of the previous extension', () => {
        given(...onceExtended)
          .when(extend(), '2025-11-01')
          .then([
            expect.objectContaining({
              type: 'Extended',
              data: expect.objectContaining({
                previousValidUntil: d('2025-11-30'),
                validUntil: d('2026-10-31'),
              }),
            }),
          ]);
      });

      it('counts extensions and moves validUntil', () => {
        const state = given(...onceExtended)
          .when(extend(), '2025-11-01')
          .thenState() as LicenceCase;
        expect(state.extensions).toBe(2);
        expect(state.validUntil).toBe('2026-10-31');
        expect(state.validFrom).toBe('2024-01-15');
        expect(isValidOn(state, d('2026-10-31'))).toBe(true);
        expect(isValidOn(state, d('2026-11-01'))).toBe(false);
      });

      it('compares a requested end date with the extended validUntil, not the original one', () => {
        given(...onceExtended)
          .when(extend('2025-06-30'), '2025-06-01')
          .thenThrows('EXTENSION_NOT_LATER', 'rule-violation');
      });

      it('the extended licence is not expired after the original end date', () => {
        given(...onceExtended)
          .when(extend(), '2025-06-01')
          .then([
            expect.objectContaining({
              type: 'Extended',
              data: expect.objectContaining({ validUntil: d('2026-05-31') }),
            }),
          ]);
      });

      it('the extended licence expires the day after the extended validUntil', () => {
        const error = given(...onceExtended)
          .when(extend(), '2025-12-01')
          .thenThrows('CASE_CLOSED');
        expect(error.details).toEqual({ caseStatus: 'expired' });
      });
    });

    describe('an extension uses the rule in force on the extension date', () => {
      it('an after-sales licence to a non-ally issued 2023-01-10 gets 1 year under default', () => {
        given(applied(afterSalesToSaudiArabia, '2023-01-02'))
          .when(issue(), '2023-01-10')
          .then([
            {
              type: 'Issued',
              data: expect.objectContaining({
                validFrom: d('2023-01-10'),
                validUntil: d('2024-01-09'),
                rule: expect.objectContaining({
                  ruleId: 'default',
                  months: 12,
                  policyVersion: 'nl-export-licence-validity@2021-09-09',
                  matchedRuleIds: ['default'],
                }),
              }),
            },
          ]);
      });

      const afterSalesIssued = [
        applied(afterSalesToSaudiArabia, '2023-01-02'),
        issued(afterSalesToSaudiArabia, '2023-01-10', '2024-01-09'),
      ];

      it('extended on 2023-06-01 it gets the after-sales 3-year bound', () => {
        given(...afterSalesIssued)
          .when(extend(), '2023-06-01')
          .then([
            {
              type: 'Extended',
              data: {
                reassessment: assessment,
                previousValidUntil: d('2024-01-09'),
                validUntil: d('2026-05-31'),
                maxValidUntil: d('2026-05-31'),
                decisionDate: d('2023-06-01'),
                extendedBy: DEFAULT_ACTOR,
                rule: {
                  ruleId: 'after-sales',
                  policyId: 'nl-export-licence-validity',
                  policyVersion: 'nl-export-licence-validity@2023-04-18',
                  months: 36,
                  source: expect.objectContaining({ reference: expect.stringContaining('22054-388') }),
                  matchedRuleIds: ['after-sales', 'default'],
                  countryFacts: expect.objectContaining({ country: 'SA', on: '2023-06-01', groups: [] }),
                  destinations: [
                    expect.objectContaining({ country: 'SA', ruleId: 'after-sales', months: 36 }),
                  ],
                },
              },
            },
          ]);
      });

      it('and not beyond that bound: EXTENSION_BEYOND_RULE', () => {
        given(...afterSalesIssued)
          .when(extend('2026-06-01'), '2023-06-01')
          .thenThrows('EXTENSION_BEYOND_RULE', 'rule-violation');
      });

      it('extended on 2023-04-17 (before the after-sales rule) it is still bounded by 1 year', () => {
        given(...afterSalesIssued)
          .when(extend('2024-04-17'), '2023-04-17')
          .thenThrows('EXTENSION_BEYOND_RULE', 'rule-violation');
      });

      it('the extension records the new rule on the state', () => {
        const state = given(...afterSalesIssued)
          .when(extend(), '2023-06-01')
          .thenState() as LicenceCase;
        expect(state.rule?.ruleId).toBe('after-sales');
        expect(state.validUntil).toBe('2026-05-31');
      });
    });

    it('refuses to extend a licence that is not issued: EXTEND_NOT_ALLOWED', () => {
      given(applied()).when(extend()).thenThrows('EXTEND_NOT_ALLOWED', 'forbidden-transition');
    });

    it('refuses a reassessment without findings: FINDINGS_REQUIRED', () => {
      given(...oneYear)
        .when({ type: 'ExtendLicence', reassessment: { summary: 'Fine.', findings: [] } }, '2024-12-01')
        .thenThrows('FINDINGS_REQUIRED', 'rule-violation');
    });
  });

  describe('ProposeRevocation: the grounds of a revocation', () => {
    // A 3-year allied licence: issued 2024-01-15, valid until 2027-01-14.
    const allied = [applied(details(), '2024-01-02'), issued(details(), '2024-01-15', '2027-01-14')];

    it('proposes to revoke an issued licence with circumstances, criteria and evidence, naming the proposer', () => {
      given(...allied)
        .by(PROPOSER)
        .when(propose())
        .then([
          {
            type: 'RevocationProposed',
            data: {
              proposedBy: PROPOSER,
              circumstances: 'Armed conflict broke out in the country of destination.',
              criteria: [3, 4],
              evidence: [evidence],
              decisionDate: d('2024-11-28'),
            },
          },
        ]);
    });

    it('refuses a proposal without evidence: EVIDENCE_REQUIRED', () => {
      given(...allied)
        .when(propose({ evidence: [] }))
        .thenThrows('EVIDENCE_REQUIRED', 'rule-violation');
    });

    it('refuses a proposal without criteria: CRITERIA_REQUIRED', () => {
      given(...allied)
        .when(propose({ criteria: [] }))
        .thenThrows('CRITERIA_REQUIRED', 'rule-violation');
    });

    it.each(['', '   '])(
      'refuses a proposal without circumstances (%j): REQUIRED_TEXT_MISSING',
      (circumstances) => {
        given(...allied)
          .when(propose({ circumstances }))
          .thenThrows('REQUIRED_TEXT_MISSING', 'rule-violation');
      },
    );

    it('refuses evidence dated after the decision date: EVIDENCE_FROM_THE_FUTURE', () => {
      given(...allied)
        .when(propose({ evidence: [evidence, { ...evidence, date: d('2024-11-29') }] }))
        .thenThrows('EVIDENCE_FROM_THE_FUTURE', 'rule-violation');
    });

    it('accepts evidence dated on the decision date', () => {
      given(...allied)
        .when(propose({ evidence: [{ ...evidence, date: d('2024-11-28') }] }))
        .then([expect.objectContaining({ type: 'RevocationProposed' })]);
    });

    it.each(['abc', 'a'.repeat(63), 'a'.repeat(65), 'g'.repeat(64), ''])(
      'refuses sha256 %j: INVALID_SHA256',
      (sha256) => {
        given(...allied)
          .when(propose({ evidence: [{ ...evidence, sha256 }] }))
          .thenThrows('INVALID_SHA256', 'rule-violation');
      },
    );

    it('accepts evidence without a sha256, or with an uppercase hex one', () => {
      const { sha256: _omitted, ...withoutHash } = evidence;
      for (const item of [withoutHash, { ...evidence, sha256: 'ABCDEF0123456789'.repeat(4) }]) {
        given(...allied)
          .when(propose({ evidence: [item] }))
          .then([expect.objectContaining({ type: 'RevocationProposed' })]);
      }
    });

    it('refuses evidence with an invalid date: INVALID_DATE', () => {
      given(...allied)
        .when(propose({ evidence: [{ ...evidence, date: '2024-02-30' as LocalDate }] }))
        .thenThrows('INVALID_DATE', 'rule-violation');
    });

    it('refuses to propose revoking an expired licence: CASE_CLOSED with status expired', () => {
      const error = given(...allied)
        .when(propose(), '2027-01-15')
        .thenThrows('CASE_CLOSED', 'forbidden-transition');
      expect(error.details).toEqual({ caseStatus: 'expired' });
    });

    it('allows a proposal on the last valid day', () => {
      given(...allied)
        .when(propose(), '2027-01-14')
        .then([expect.objectContaining({ type: 'RevocationProposed' })]);
    });

    it('refuses to propose revoking a licence that is not issued: PROPOSE_REVOCATION_NOT_ALLOWED', () => {
      given(applied()).when(propose()).thenThrows('PROPOSE_REVOCATION_NOT_ALLOWED', 'forbidden-transition');
    });
  });

  describe('the lifecycle table', () => {
    const issuedEvents = [applied(details(), '2024-01-02'), issued(details(), '2024-01-15', '2027-01-14')];
    const states: Record<string, LicenceEvent[]> = {
      'sondage-requested': [sondageRequested()],
      'sondage-answered': [sondageRequested(), sondageAnswered()],
      applied: [applied()],
      issued: issuedEvents,
    };

    it.each<[string, string, string, LicenceCommand]>([
      ['sondage-requested', 'ApplyAfterSondage', 'APPLY_NOT_ALLOWED', apply],
      ['sondage-requested', 'IssueLicence', 'ISSUE_NOT_ALLOWED', issue()],
      ['sondage-requested', 'DenyLicence', 'DENY_NOT_ALLOWED', deny()],
      ['sondage-requested', 'ExtendLicence', 'EXTEND_NOT_ALLOWED', extend()],
      ['sondage-requested', 'ProposeRevocation', 'PROPOSE_REVOCATION_NOT_ALLOWED', propose()],
      [
        'sondage-requested',
        'ApproveRevocation',
        'REVOKE_NOT_ALLOWED',
        { type: 'ApproveRevocation', additionalEvidence: [] },
      ],
      ['sondage-answered', 'AnswerSondage', 'SONDAGE_ANSWER_NOT_ALLOWED', answer('negative', [2])],
      ['sondage-answered', 'IssueLicence', 'ISSUE_NOT_ALLOWED', issue()],
      ['sondage-answered', 'DenyLicence', 'DENY_NOT_ALLOWED', deny()],
      ['sondage-answered', 'ExtendLicence', 'EXTEND_NOT_ALLOWED', extend()],
      ['sondage-answered', 'ProposeRevocation', 'PROPOSE_REVOCATION_NOT_ALLOWED', propose()],
      [
        'sondage-answered',
        'ApproveRevocation',
        'REVOKE_NOT_ALLOWED',
        { type: 'ApproveRevocation', additionalEvidence: [] },
      ],
      ['applied', 'AnswerSondage', 'SONDAGE_ANSWER_NOT_ALLOWED', answer('positive')],
      ['applied', 'ApplyAfterSondage', 'APPLY_NOT_ALLOWED', apply],
      ['applied', 'ExtendLicence', 'EXTEND_NOT_ALLOWED', extend()],
      ['applied', 'ProposeRevocation', 'PROPOSE_REVOCATION_NOT_ALLOWED', propose()],
      [
        'applied',
        'ApproveRevocation',
        'REVOKE_NOT_ALLOWED',
        { type: 'ApproveRevocation', additionalEvidence: [] },
      ],
      ['issued', 'AnswerSondage', 'SONDAGE_ANSWER_NOT_ALLOWED', answer('positive')],
      ['issued', 'ApplyAfterSondage', 'APPLY_NOT_ALLOWED', apply],
      ['issued', 'IssueLicence', 'ISSUE_NOT_ALLOWED', issue()],
      ['issued', 'DenyLicence', 'DENY_NOT_ALLOWED', deny()],
      ['issued', 'WithdrawCase', 'WITHDRAW_NOT_ALLOWED', withdraw()],
    ])('%s: %s is refused with %s', (status, _name, code, command) => {
      const error = given(...(states[status] as LicenceEvent[]))
        .when(command)
        .thenThrows(code, 'forbidden-transition');
      expect(error.details).toEqual(expect.objectContaining({ caseStatus: status }));
    });

    it.each<[string, string, LicenceEvent['type'], LicenceCommand]>([
      ['sondage-requested', 'AnswerSondage', 'SondageAnswered', answer('positive')],
      ['sondage-requested', 'WithdrawCase', 'Withdrawn', withdraw()],
      ['sondage-answered', 'ApplyAfterSondage', 'Applied', apply],
      ['sondage-answered', 'WithdrawCase', 'Withdrawn', withdraw()],
      ['applied', 'IssueLicence', 'Issued', issue()],
      ['applied', 'DenyLicence', 'Denied', deny()],
      ['applied', 'WithdrawCase', 'Withdrawn', withdraw()],
      ['issued', 'ExtendLicence', 'Extended', extend()],
      ['issued', 'ProposeRevocation', 'RevocationProposed', propose()],
    ])('%s: %s is allowed and records %s', (status, _name, type, command) => {
      const state = stateAfter(...(states[status] as LicenceEvent[]));
      expect(state?.status).toBe(status);
      given(...(states[status] as LicenceEvent[]))
        .when(command)
        .then([
          expect.objectContaining({ type, data: expect.objectContaining({ decisionDate: d('2024-11-28') }) }),
        ]);
    });
  });

  describe('closed cases', () => {
    const closed: [string, LicenceEvent[], string][] = [
      ['denied', [applied(), denied()], '2024-11-28'],
      ['withdrawn', [sondageRequested(), withdrawn()], '2024-11-28'],
      ['revoked', [applied(), issued(details(), '2024-01-15', '2027-01-14'), revoked()], '2024-11-28'],
      [
        'expired',
        [applied(militaryToSaudiArabia), issued(militaryToSaudiArabia, '2023-10-15', '2024-10-14')],
        '2024-11-28',
      ],
    ];
    const table = closed.flatMap(([status, events, at]) =>
      EVERY_LATER_COMMAND.map(([name, command]) => [status, name, events, command, at] as const),
    );

    it.each(table)('a case that is %s refuses %s: CASE_CLOSED', (status, _name, events, command, at) => {
      const error = given(...events)
        .when(command, at)
        .thenThrows('CASE_CLOSED', 'forbidden-transition');
      expect(error.details).toEqual({ caseStatus: status });
    });

    it.each(closed)(
      'a case that is %s cannot be registered again: CASE_ALREADY_REGISTERED',
      (_status, events) => {
        given(...events)
          .when(register('application'))
          .thenThrows('CASE_ALREADY_REGISTERED', 'forbidden-transition');
      },
    );
  });

  describe('no case yet', () => {
    it.each(EVERY_LATER_COMMAND)('%s on an empty stream: CASE_NOT_FOUND', (_name, command) => {
      given().when(command).thenThrows('CASE_NOT_FOUND', 'not-found');
    });
  });

  describe('the decision date is the calendar date in Europe/Amsterdam', () => {
    it.each<[string, string]>([
      ['2024-11-27T22:59:59Z', '2024-11-27'], // 23:59:59 CET
      ['2024-11-27T23:30:00Z', '2024-11-28'], // 00:30 CET the next day
      ['2024-06-30T21:59:59Z', '2024-06-30'], // 23:59:59 CEST
      ['2024-06-30T22:30:00Z', '2024-07-01'], // 00:30 CEST the next day
    ])('a command at %s is decided on %s', (at, decisionDate) => {
      given()
        .when(register('sondage'), at)
        .then([
          {
            type: 'SondageRequested',
            data: { caseId: CASE_ID, details: details(), decisionDate: d(decisionDate) },
          },
        ]);
    });

    it('an issue at 2024-11-27T23:30:00Z starts on 2024-11-28 and runs until 2025-11-27', () => {
      given(applied(militaryToSaudiArabia))
        .when(issue(), new Date('2024-11-27T23:30:00Z'))
        .then([
          {
            type: 'Issued',
            data: expect.objectContaining({
              validFrom: d('2024-11-28'),
              validUntil: d('2025-11-27'),
              decisionDate: d('2024-11-28'),
            }),
          },
        ]);
    });

    it('at 2024-11-27T23:30:00Z a validFrom of 2024-11-28 is not in the past, 2024-11-27 is', () => {
      given(applied())
        .when(issue('2024-11-28'), '2024-11-27T23:30:00Z')
        .then([
          expect.objectContaining({
            type: 'Issued',
            data: expect.objectContaining({ validFrom: d('2024-11-28') }),
          }),
        ]);
      given(applied())
        .when(issue('2024-11-27'), '2024-11-27T23:30:00Z')
        .thenThrows('VALID_FROM_BEFORE_DECISION');
    });

    it('at 2024-11-27T23:30:00Z evidence dated 2024-11-28 is not from the future', () => {
      given(applied(), issued(details(), '2024-01-15', '2027-01-14'))
        .when(propose({ evidence: [{ ...evidence, date: d('2024-11-28') }] }), '2024-11-27T23:30:00Z')
        .then([expect.objectContaining({ type: 'RevocationProposed' })]);
    });

    it('expiry follows the Amsterdam date: a licence valid until 2025-11-27 expires at 2025-11-27T23:00:00Z', () => {
      const oneYear = [
        applied(militaryToSaudiArabia),
        issued(militaryToSaudiArabia, '2024-11-28', '2025-11-27'),
      ];
      given(...oneYear)
        .when(extend(), '2025-11-27T22:59:59Z')
        .then([
          expect.objectContaining({
            type: 'Extended',
            data: expect.objectContaining({ decisionDate: d('2025-11-27') }),
          }),
        ]);
      given(...oneYear)
        .when(extend(), '2025-11-27T23:00:00Z')
        .thenThrows('CASE_CLOSED');
    });

    it('an allied licence decided at 2019-04-16T22:30:00Z falls under the 3-year rule (2019-04-17 in Amsterdam)', () => {
      given(applied(details(), '2019-04-01'))
        .when(issue(), '2019-04-16T22:30:00Z')
        .then([
          {
            type: 'Issued',
            data: expect.objectContaining({
              validFrom: d('2019-04-17'),
              validUntil: d('2022-04-16'),
              rule: expect.objectContaining({ ruleId: 'allies' }),
            }),
          },
        ]);
    });
  });

  describe('state (evolve, statusOn, isValidOn)', () => {
    it('a case is never valid before it is issued', () => {
      for (const events of [
        [sondageRequested()],
        [sondageRequested(), sondageAnswered('positive')],
        [applied()],
      ]) {
        expect(isValidOn(asCase(events), d('2024-11-28'))).toBe(false);
      }
    });

    it('a withdrawn case is not valid and has status withdrawn', () => {
      const state = asCase([sondageRequested(), withdrawn('2024-11-01')]);
      expect(statusOn(state, d('2024-11-28'))).toBe('withdrawn');
      expect(state.closedOn).toBe('2024-11-01');
      expect(isValidOn(state, d('2024-11-28'))).toBe(false);
    });

    it('evolve refuses an event that cannot start a case', () => {
      expect(() => stateAfter(sondageAnswered())).toThrow();
    });

    it('records the last decision', () => {
      const state = asCase([applied(), issued(details(), '2024-10-15', '2027-10-14')]);
      expect(state.lastDecision).toEqual({ type: 'Issued', decisionDate: '2024-10-15' });
      expect(state.issuedOn).toBe('2024-10-15');
      expect(state.rule?.ruleId).toBe('allies');
    });
  });
});
