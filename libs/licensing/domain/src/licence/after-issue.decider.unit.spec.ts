import { localDate } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import { ASSESSMENT, CaseEvents } from '../testing/case-events';
import { given } from '../testing/given-when-then';
import type { LicenceCommand, ReassessLicence } from './licence.commands';
import type { LicenceEvent } from './licence.events';
import { isValidOn } from './licence.state';
import type { LicenceCase } from './licence.state';
import type { Evidence, Official } from './licence.values';

/*
 * Reassessment, suspension and reinstatement of an issued licence (Common Position 2008/944/CFSP
 * art. 1(1a), motion Hirsch); holds of pending cases (Kamerstuk 22054-316) and country measures'
 * requests for reassessment.
 */

const d = (value: string): LocalDate => localDate(value);

const ISSUER: Official = { sub: 'p.de.vries', role: 'assessor' };
const REASSESSOR: Official = { sub: 'm.bakker', role: 'assessor' };
const REASSESSOR_AS_SENIOR: Official = { sub: 'm.bakker', role: 'senior-assessor' };
const SENIOR: Official = { sub: 'a.visser', role: 'senior-assessor' };
const evidence: Evidence = {
  title: 'UN report',
  source: 'United Nations',
  date: d('2024-11-20'),
  reference: 'S/2024/123',
};
const grounds = {
  circumstances: 'Armed conflict broke out.',
  criteria: [3, 4] as const,
  evidence: [evidence],
};

const maintained: ReassessLicence = {
  type: 'ReassessLicence',
  assessment: ASSESSMENT,
  outcome: 'maintained',
};
const proposing: ReassessLicence = {
  type: 'ReassessLicence',
  assessment: ASSESSMENT,
  outcome: 'revocation-proposed',
  revocation: { ...grounds, criteria: [3, 4] },
};
const suspend: LicenceCommand = {
  type: 'SuspendLicence',
  criteria: [2],
  evidence: [evidence],
  reasons: 'Diversion under investigation',
};
const reinstate: LicenceCommand = { type: 'ReinstateLicence', reason: 'No diversion found' };
const hold = (measureId?: string): LicenceCommand => ({
  type: 'HoldCase',
  reason: 'Situation in the country',
  ...(measureId && { measureId }),
});
const release = (measureId?: string): LicenceCommand => ({
  type: 'ReleaseCase',
  reason: 'Situation assessed',
  ...(measureId && { measureId }),
});

/** A 3-year allied licence issued 2024-01-15 by ISSUER, valid until 2027-01-14. */
const licence = () =>
  new CaseEvents('c-1')
    .register('2024-01-02')
    .decide({ type: 'IssueLicence', assessment: ASSESSMENT }, '2024-01-15', ISSUER);
const application = () => new CaseEvents('c-1').register('2024-01-02');
const suspendedLicence = () => licence().decide(suspend, '2024-12-02', SENIOR);

describe('ReassessLicence', () => {
  it('records a reassessment that keeps the licence, by whom and when, and counts it', () => {
    const outcome = given(...licence().events)
      .by(REASSESSOR)
      .when(maintained, '2024-11-28');
    outcome.then([
      {
        type: 'Reassessed',
        data: {
          assessment: ASSESSMENT,
          outcome: 'maintained',
          reassessedBy: REASSESSOR,
          measureId: null,
          decisionDate: d('2024-11-28'),
        },
      },
    ]);
    const state = outcome.thenState() as LicenceCase;
    expect(state.reassessments).toBe(1);
    expect(state.status).toBe('issued');
    expect(state.validUntil).toBe('2027-01-14');
  });

  it('opens a revocation proposal in the same decision when it proposes revocation; the licence stays valid', () => {
    const outcome = given(...licence().events)
      .by(REASSESSOR)
      .when(proposing, '2024-11-28');
    outcome.then([
      expect.objectContaining({
        type: 'Reassessed',
        data: expect.objectContaining({ outcome: 'revocation-proposed' }),
      }) as LicenceEvent,
      {
        type: 'RevocationProposed',
        data: { proposedBy: REASSESSOR, ...grounds, criteria: [3, 4], decisionDate: d('2024-11-28') },
      },
    ]);
    const state = outcome.thenState() as LicenceCase;
    expect(state.revocationProposal?.proposedBy).toEqual(REASSESSOR);
    expect(isValidOn(state, d('2024-12-01'))).toBe(true);
  });

  it('holds the proposal it opens to the four-eyes rule: the reassessor cannot approve it, another senior can', () => {
    const reassessed = licence().decide(proposing, '2024-11-28', REASSESSOR).events;
    given(...reassessed)
      .by(REASSESSOR_AS_SENIOR)
      .when({ type: 'ApproveRevocation', additionalEvidence: [] }, '2024-12-05')
      .thenThrows('REVOCATION_APPROVER_IS_PROPOSER', 'separation-of-duties');
    const [revoked] = given(...reassessed)
      .by(SENIOR)
      .when({ type: 'ApproveRevocation', additionalEvidence: [] }, '2024-12-05')
      .then([expect.objectContaining({ type: 'RevokedForChangedCircumstances' }) as LicenceEvent]);
    expect(revoked?.data).toMatchObject({ proposedBy: REASSESSOR, approvedBy: SENIOR });
  });

  it('wants revocation grounds exactly when it proposes revocation', () => {
    const issued = licence().events;
    const { revocation: _none, ...withoutGrounds } = proposing;
    given(...issued)
      .when(withoutGrounds, '2024-11-28')
      .thenThrows('REVOCATION_GROUNDS_REQUIRED', 'rule-violation');
    given(...issued)
      .when({ ...maintained, revocation: proposing.revocation }, '2024-11-28')
      .thenThrows('REVOCATION_GROUNDS_WITHOUT_PROPOSAL', 'rule-violation');
    given(...issued)
      .when({ ...maintained, outcome: 'revoked' as never }, '2024-11-28')
      .thenThrows('UNKNOWN_REASSESSMENT_OUTCOME', 'rule-violation');
  });

  it('refuses a proposing reassessment while a proposal is open, and any reassessment of a pending case', () => {
    const reassessed = licence().decide(proposing, '2024-11-28', REASSESSOR).events;
    given(...reassessed)
      .when(proposing, '2024-11-29')
      .thenThrows('REVOCATION_PROPOSAL_ALREADY_OPEN', 'forbidden-transition');
    given(...application().events)
      .when(maintained, '2024-11-28')
      .thenThrows('REASSESS_NOT_ALLOWED', 'forbidden-transition');
  });

  it("answers a country measure's request, and only one that was made", () => {
    const requested = licence().decide(
      { type: 'RequestReassessment', measureId: 'm-tr', reason: 'Turkey' },
      '2024-11-01',
      SENIOR,
    );
    expect((given(...requested.events).state as LicenceCase).reassessmentRequests).toEqual([
      { measureId: 'm-tr', requestedOn: '2024-11-01' },
    ]);
    const state = given(...requested.events)
      .by(REASSESSOR)
      .when({ ...maintained, measureId: 'm-tr' }, '2024-11-28')
      .thenState() as LicenceCase;
    expect(state.reassessmentRequests).toEqual([]);
    given(...requested.events)
      .when({ ...maintained, measureId: 'm-other' }, '2024-11-28')
      .thenThrows('NO_REASSESSMENT_REQUESTED');
    given(...licence().events)
      .when({ ...maintained, measureId: 'm-tr' }, '2024-11-28')
      .thenThrows('NO_REASSESSMENT_REQUESTED');
  });
});

describe('RequestReassessment', () => {
  it('puts an issued licence on a measure’s work list once', () => {
    const request: LicenceCommand = { type: 'RequestReassessment', measureId: 'm-tr', reason: 'Turkey' };
    given(...licence().events)
      .by(SENIOR)
      .when(request, '2024-11-01')
      .then([
        {
          type: 'ReassessmentRequested',
          data: { measureId: 'm-tr', reason: 'Turkey', requestedBy: SENIOR, decisionDate: d('2024-11-01') },
        },
      ]);
    const requested = licence().decide(request, '2024-11-01', SENIOR).events;
    given(...requested)
      .when(request, '2024-11-02')
      .thenThrows('REASSESSMENT_ALREADY_REQUESTED', 'forbidden-transition');
    given(...application().events)
      .when(request, '2024-11-02')
      .thenThrows('REASSESS_NOT_ALLOWED');
  });
});

describe('SuspendLicence and ReinstateLicence', () => {
  it('suspends from the decision date, with criteria, evidence and reasons, and leaves the end date', () => {
    const outcome = given(...licence().events)
      .by(SENIOR)
      .when(suspend, '2024-12-02');
    outcome.then([
      {
        type: 'Suspended',
        data: {
          criteria: [2],
          evidence: [evidence],
          reasons: 'Diversion under investigation',
          suspendedBy: SENIOR,
          effectiveOn: d('2024-12-02'),
          decisionDate: d('2024-12-02'),
        },
      },
    ]);
    const state = outcome.thenState() as LicenceCase;
    expect(state.validUntil).toBe('2027-01-14');
    expect(state.status).toBe('issued');
  });

  it('refuses a second suspension, one without criteria or with evidence from the future, and a pending case', () => {
    given(...suspendedLicence().events)
      .when(suspend, '2024-12-03')
      .thenThrows('LICENCE_ALREADY_SUSPENDED', 'forbidden-transition');
    given(...licence().events)
      .when({ ...suspend, criteria: [] }, '2024-12-02')
      .thenThrows('CRITERIA_REQUIRED');
    given(...licence().events)
      .when(suspend, '2024-11-19')
      .thenThrows('EVIDENCE_FROM_THE_FUTURE');
    given(...licence().events)
      .when({ ...suspend, reasons: ' ' }, '2024-12-02')
      .thenThrows('REQUIRED_TEXT_MISSING');
    given(...application().events)
      .when(suspend, '2024-12-02')
      .thenThrows('SUSPEND_NOT_ALLOWED', 'forbidden-transition');
  });

  it('reinstates: valid again from the day after, naming the suspension it ends', () => {
    given(...suspendedLicence().events)
      .by(SENIOR)
      .when(reinstate, '2025-01-10')
      .then([
        {
          type: 'Reinstated',
          data: {
            reason: 'No diversion found',
            reinstatedBy: SENIOR,
            suspendedOn: d('2024-12-02'),
            validAgainOn: d('2025-01-11'),
            decisionDate: d('2025-01-10'),
          },
        },
      ]);
  });

  it('refuses to reinstate a licence that is not suspended, or a pending case', () => {
    given(...licence().events)
      .when(reinstate, '2025-01-10')
      .thenThrows('LICENCE_NOT_SUSPENDED', 'forbidden-transition');
    const reinstated = suspendedLicence().decide(reinstate, '2025-01-10', SENIOR).events;
    given(...reinstated)
      .when(reinstate, '2025-01-11')
      .thenThrows('LICENCE_NOT_SUSPENDED');
    given(...application().events)
      .when(reinstate, '2025-01-10')
      .thenThrows('REINSTATE_NOT_ALLOWED');
  });

  it('refuses an extension while suspended and allows it after reinstatement; a suspended licence may still be reassessed', () => {
    const extend: LicenceCommand = { type: 'ExtendLicence', reassessment: ASSESSMENT };
    given(...suspendedLicence().events)
      .when(extend, '2026-12-01')
      .thenThrows('LICENCE_SUSPENDED', 'forbidden-transition');
    const reinstated = suspendedLicence().decide(reinstate, '2025-01-10', SENIOR).events;
    given(...reinstated)
      .by(REASSESSOR)
      .when(extend, '2026-12-01')
      .then([expect.objectContaining({ type: 'Extended' }) as LicenceEvent]);
    given(...suspendedLicence().events)
      .by(REASSESSOR)
      .when(maintained, '2024-12-10')
      .then([expect.objectContaining({ type: 'Reassessed' }) as LicenceEvent]);
  });
});

describe('HoldCase and ReleaseCase', () => {
  it('holds a pending application or sondage, by whom and why', () => {
    given(...application().events)
      .by(REASSESSOR)
      .when(hold(), '2024-01-10')
      .then([
        {
          type: 'PutOnHold',
          data: {
            reason: 'Situation in the country',
            heldBy: REASSESSOR,
            measureId: null,
            decisionDate: d('2024-01-10'),
          },
        },
      ]);
    const sondage = new CaseEvents('c-2').decide(
      {
        type: 'RegisterCase',
        caseId: 'c-2',
        procedure: 'sondage',
        details: (given(...application().events).state as LicenceCase).details,
      },
      '2024-01-02',
    );
    given(...sondage.events)
      .when(hold('m-tr'), '2024-01-10')
      .then([expect.objectContaining({ type: 'PutOnHold' }) as LicenceEvent]);
  });

  it('takes no answer, issue or denial on a held case; a withdrawal still may', () => {
    const held = application().decide(hold(), '2024-01-10').events;
    given(...held)
      .when({ type: 'IssueLicence', assessment: ASSESSMENT }, '2024-01-20')
      .thenThrows('CASE_ON_HOLD', 'forbidden-transition');
    given(...held)
      .when({ type: 'DenyLicence', criteria: [2], reasoning: 'Risk' }, '2024-01-20')
      .thenThrows('CASE_ON_HOLD');
    given(...held)
      .when({ type: 'WithdrawCase', reason: 'The applicant withdrew' }, '2024-01-20')
      .then([expect.objectContaining({ type: 'Withdrawn' }) as LicenceEvent]);
    const sondage = new CaseEvents('c-2')
      .decide(
        {
          type: 'RegisterCase',
          caseId: 'c-2',
          procedure: 'sondage',
          details: (given(...held).state as LicenceCase).details,
        },
        '2024-01-02',
      )
      .decide(hold('m-tr'), '2024-01-10');
    given(...sondage.events)
      .when(
        { type: 'AnswerSondage', outcome: 'positive', reasoning: 'No objection', criteria: [] },
        '2024-01-20',
      )
      .thenThrows('CASE_ON_HOLD');
  });

  it('refuses a second hold of the same kind, and a hold of a case that is not pending', () => {
    const held = application().decide(hold(), '2024-01-10').events;
    given(...held)
      .when(hold(), '2024-01-11')
      .thenThrows('CASE_ALREADY_ON_HOLD', 'forbidden-transition');
    const byMeasure = application().decide(hold('m-tr'), '2024-01-10').events;
    given(...byMeasure)
      .when(hold('m-tr'), '2024-01-11')
      .thenThrows('CASE_ALREADY_ON_HOLD');
    given(...byMeasure)
      .when(hold(), '2024-01-11')
      .then([expect.objectContaining({ type: 'PutOnHold' }) as LicenceEvent]);
    given(...licence().events)
      .when(hold(), '2024-02-01')
      .thenThrows('HOLD_NOT_ALLOWED', 'forbidden-transition');
  });

  it('releases a hold, naming when it began; then the decision may be taken', () => {
    const held = application().decide(hold(), '2024-01-10');
    given(...held.events)
      .by(REASSESSOR)
      .when(release(), '2024-01-20')
      .then([
        {
          type: 'Released',
          data: {
            reason: 'Situation assessed',
            releasedBy: REASSESSOR,
            measureId: null,
            heldOn: d('2024-01-10'),
            decisionDate: d('2024-01-20'),
          },
        },
      ]);
    const released = held.decide(release(), '2024-01-20').events;
    given(...released)
      .when({ type: 'IssueLicence', assessment: ASSESSMENT }, '2024-01-22')
      .then([expect.objectContaining({ type: 'Issued' }) as LicenceEvent]);
  });

  it("releases a measure's hold only with its measure, and keeps the case held while any hold is in force", () => {
    const byMeasure = application().decide(hold('m-tr'), '2024-01-10');
    const error = given(...byMeasure.events)
      .when(release(), '2024-01-20')
      .thenThrows('NO_SUCH_HOLD', 'forbidden-transition');
    expect(error.details).toMatchObject({ heldByMeasures: ['m-tr'] });
    given(...byMeasure.events)
      .when(release('m-other'), '2024-01-20')
      .thenThrows('NO_SUCH_HOLD');
    const both = byMeasure.decide(hold(), '2024-01-11').decide(release(), '2024-01-15').events;
    given(...both)
      .when({ type: 'IssueLicence', assessment: ASSESSMENT }, '2024-01-22')
      .thenThrows('CASE_ON_HOLD');
    const lifted = application()
      .decide(hold('m-tr'), '2024-01-10')
      .decide(release('m-tr'), '2024-01-20').events;
    given(...lifted)
      .when({ type: 'IssueLicence', assessment: ASSESSMENT }, '2024-01-22')
      .then([expect.objectContaining({ type: 'Issued' }) as LicenceEvent]);
  });

  it('refuses to release a case that is not held, or not pending', () => {
    given(...application().events)
      .when(release(), '2024-01-20')
      .thenThrows('NO_SUCH_HOLD');
    given(...licence().events)
      .when(release(), '2024-02-01')
      .thenThrows('RELEASE_NOT_ALLOWED', 'forbidden-transition');
    given(...application().events)
      .when({ ...release(), reason: '' } as LicenceCommand, '2024-01-20')
      .thenThrows('REQUIRED_TEXT_MISSING');
  });
});
