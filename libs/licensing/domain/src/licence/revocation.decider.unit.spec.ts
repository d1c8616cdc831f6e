import { DUTCH_VALIDITY_POLICY } from '../policy/validity-policy';
import { DomainError } from '../shared/domain-error';
import { localDate } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import { ASSESSMENT, CaseEvents, revocationProposal } from '../testing/case-events';
import { given, instant, stateAfter } from '../testing/given-when-then';
import type { LicenceCommand, ProposeRevocation } from './licence.commands';
import { decide } from './licence.decider';
import type { LicenceEvent } from './licence.events';
import { isValidOn, statusOn } from './licence.state';
import type { LicenceCase } from './licence.state';
import type { Evidence, Official } from './licence.values';
import { objectionTermOn, OBJECTION_TERMS, revocationTermsOn } from './revocation-terms';

const d = (value: string): LocalDate => localDate(value);

const ISSUER: Official = { sub: 'p.de.vries', role: 'assessor' };
const EXTENDER: Official = { sub: 'j.jansen', role: 'assessor' };
const PROPOSER: Official = { sub: 'm.bakker', role: 'assessor' };
const SENIOR: Official = { sub: 'a.visser', role: 'senior-assessor' };
/** The proposer again, acting in another role: still the same official. */
const PROPOSER_AS_SENIOR: Official = { sub: 'm.bakker', role: 'senior-assessor' };
const ISSUER_AS_SENIOR: Official = { sub: 'p.de.vries', role: 'senior-assessor' };
const EXTENDER_AS_SENIOR: Official = { sub: 'j.jansen', role: 'senior-assessor' };

const evidence: Evidence = {
  title: 'UN Panel of Experts report',
  source: 'United Nations',
  date: d('2024-11-20'),
  reference: 'S/2024/123',
};

const propose = (overrides: Partial<ProposeRevocation> = {}) => revocationProposal([evidence], overrides);
const approve = (additionalEvidence: Evidence[] = []): LicenceCommand => ({
  type: 'ApproveRevocation',
  additionalEvidence,
});
const reject = (reason = 'The evidence does not show a change.'): LicenceCommand => ({
  type: 'RejectRevocationProposal',
  reason,
});
const withdraw = (reason = 'The report was retracted.'): LicenceCommand => ({
  type: 'WithdrawRevocationProposal',
  reason,
});

/** A 3-year allied licence issued 2024-01-15 by ISSUER (valid until 2027-01-14), extended by EXTENDER when asked. */
function licence(extendedOn?: string): CaseEvents {
  const events = new CaseEvents('c-1');
  events.register('2024-01-02');
  events.decide({ type: 'IssueLicence', assessment: ASSESSMENT }, '2024-01-15', ISSUER);
  if (extendedOn) events.decide({ type: 'ExtendLicence', reassessment: ASSESSMENT }, extendedOn, EXTENDER);
  return events;
}

/** The licence with a revocation proposed by PROPOSER on 2024-11-20. */
function proposed(extendedOn?: string): LicenceEvent[] {
  return licence(extendedOn).decide(propose(), '2024-11-20', PROPOSER).events;
}

describe('revocation by two officials', () => {
  describe('ProposeRevocation', () => {
    it('leaves the licence issued and valid while the proposal is open: a proposal is not a decision', () => {
      const state = given(...licence().events)
        .by(PROPOSER)
        .when(propose(), '2024-11-20')
        .thenState() as LicenceCase;
      expect(state.status).toBe('issued');
      expect(isValidOn(state, d('2024-11-20'))).toBe(true);
      expect(isValidOn(state, d('2025-06-01'))).toBe(true);
      expect(state.lastDecision).toEqual({ type: 'Issued', decisionDate: '2024-01-15' });
      expect(state.revocationProposal).toEqual({
        proposedBy: PROPOSER,
        proposedOn: '2024-11-20',
        circumstances: 'Armed conflict broke out in the country of destination.',
        criteria: [3, 4],
        evidence: [evidence],
      });
    });

    it('may be made by the official who issued the licence (who then cannot approve it)', () => {
      given(...licence().events)
        .by(ISSUER)
        .when(propose(), '2024-11-20')
        .then([expect.objectContaining({ type: 'RevocationProposed' })]);
    });

    it('refuses a second proposal while one is open: REVOCATION_PROPOSAL_ALREADY_OPEN', () => {
      const error = given(...proposed())
        .by(SENIOR)
        .when(propose())
        .thenThrows('REVOCATION_PROPOSAL_ALREADY_OPEN', 'forbidden-transition');
      expect(error.details).toEqual({ proposedBy: PROPOSER, proposedOn: '2024-11-20' });
    });

    it.each<[string, Official, LicenceCommand]>([
      ['withdrawn', PROPOSER, withdraw()],
      ['rejected', SENIOR, reject()],
    ])('allows a new proposal once the open one is %s', (_label, official, closing) => {
      const events = new CaseEvents('c-1');
      proposed().forEach((e) => events.record(e));
      events.decide(closing, '2024-11-22', official);
      given(...events.events)
        .by(SENIOR)
        .when(propose(), '2024-11-25')
        .then([
          expect.objectContaining({
            type: 'RevocationProposed',
            data: expect.objectContaining({ proposedBy: SENIOR }),
          }),
        ]);
    });
  });

  describe('WithdrawRevocationProposal', () => {
    it('the proposer withdraws: the proposal is closed, the licence unchanged', () => {
      const outcome = given(...proposed())
        .by(PROPOSER)
        .when(withdraw(), '2024-11-22');
      outcome.then([
        {
          type: 'RevocationProposalWithdrawn',
          data: {
            reason: 'The report was retracted.',
            withdrawnBy: PROPOSER,
            proposedOn: d('2024-11-20'),
            decisionDate: d('2024-11-22'),
          },
        },
      ]);
      const state = outcome.thenState() as LicenceCase;
      expect(state.revocationProposal).toBeUndefined();
      expect(state.status).toBe('issued');
      expect(state.lastDecision.type).toBe('Issued');
    });

    it('the proposer may withdraw acting in another role: officials are told apart by sub', () => {
      given(...proposed())
        .by(PROPOSER_AS_SENIOR)
        .when(withdraw())
        .then([expect.objectContaining({ type: 'RevocationProposalWithdrawn' })]);
    });

    it.each([SENIOR, ISSUER])(
      'refuses a withdrawal by %j, who did not propose: ONLY_PROPOSER_MAY_WITHDRAW',
      (official) => {
        given(...proposed())
          .by(official)
          .when(withdraw())
          .thenThrows('ONLY_PROPOSER_MAY_WITHDRAW', 'separation-of-duties');
      },
    );

    it('refuses without an open proposal: NO_OPEN_REVOCATION_PROPOSAL', () => {
      given(...licence().events)
        .by(PROPOSER)
        .when(withdraw())
        .thenThrows('NO_OPEN_REVOCATION_PROPOSAL', 'forbidden-transition');
    });

    it('refuses without a reason: REQUIRED_TEXT_MISSING', () => {
      given(...proposed())
        .by(PROPOSER)
        .when(withdraw('  '))
        .thenThrows('REQUIRED_TEXT_MISSING', 'rule-violation');
    });
  });

  describe('RejectRevocationProposal', () => {
    it('a second official rejects with a reason: the proposal is closed, the licence unchanged', () => {
      const outcome = given(...proposed())
        .by(SENIOR)
        .when(reject(), '2024-11-25');
      outcome.then([
        {
          type: 'RevocationProposalRejected',
          data: {
            reason: 'The evidence does not show a change.',
            rejectedBy: SENIOR,
            proposedBy: PROPOSER,
            proposedOn: d('2024-11-20'),
            decisionDate: d('2024-11-25'),
          },
        },
      ]);
      const state = outcome.thenState() as LicenceCase;
      expect(state.revocationProposal).toBeUndefined();
      expect(statusOn(state, d('2024-11-25'))).toBe('issued');
    });

    it.each<[string, Official, string, LicenceEvent[]]>([
      ['the proposer', PROPOSER_AS_SENIOR, 'REVOCATION_APPROVER_IS_PROPOSER', proposed()],
      ['the issuer', ISSUER_AS_SENIOR, 'REVOCATION_APPROVER_DECIDED_LICENCE', proposed()],
      ['the extender', EXTENDER_AS_SENIOR, 'REVOCATION_APPROVER_DECIDED_LICENCE', proposed('2024-06-01')],
    ])('refuses a rejection by %s, who could shield the licence: %s', (_label, official, code, events) => {
      given(...events)
        .by(official)
        .when(reject())
        .thenThrows(code, 'separation-of-duties');
    });

    it('refuses without an open proposal: NO_OPEN_REVOCATION_PROPOSAL', () => {
      given(...licence().events)
        .by(SENIOR)
        .when(reject())
        .thenThrows('NO_OPEN_REVOCATION_PROPOSAL');
    });

    it('refuses without a reason: REQUIRED_TEXT_MISSING', () => {
      given(...proposed())
        .by(SENIOR)
        .when(reject(''))
        .thenThrows('REQUIRED_TEXT_MISSING', 'rule-violation');
    });
  });

  describe('ApproveRevocation', () => {
    const added: Evidence = {
      ...evidence,
      title: 'Embassy cable',
      reference: 'BZ-2024-77',
      date: d('2024-11-27'),
    };

    it('a second official revokes: both officials, the effective date and the objection deadline are recorded', () => {
      given(...proposed())
        .by(SENIOR)
        .when(approve([added]), '2024-11-28')
        .then([
          {
            type: 'RevokedForChangedCircumstances',
            data: {
              circumstances: 'Armed conflict broke out in the country of destination.',
              criteria: [3, 4],
              evidence: [evidence],
              additionalEvidence: [added],
              validUntilAtRevocation: d('2027-01-14'),
              proposedBy: PROPOSER,
              proposedOn: d('2024-11-20'),
              approvedBy: SENIOR,
              effectiveOn: d('2024-11-28'),
              // Awb art. 6:7: six weeks from the day after the decision date.
              objectionDeadline: d('2025-01-09'),
              objectionTermId: 'awb-6:7',
              decisionDate: d('2024-11-28'),
            },
          },
        ]);
    });

    it('a revoked licence was valid until the day before the revocation took effect, not from it', () => {
      const state = given(...proposed())
        .by(SENIOR)
        .when(approve(), '2024-11-28')
        .thenState() as LicenceCase;
      expect(state.status).toBe('revoked');
      expect(state.revocationProposal).toBeUndefined();
      expect(state.lastDecision).toEqual({
        type: 'RevokedForChangedCircumstances',
        decisionDate: '2024-11-28',
      });
      expect(isValidOn(state, d('2024-11-27'))).toBe(true);
      expect(isValidOn(state, d('2024-11-28'))).toBe(false);
      expect(isValidOn(state, d('2026-01-01'))).toBe(false);
    });

    it.each<[string, Official, string, LicenceEvent[]]>([
      ['the proposer (in another role)', PROPOSER_AS_SENIOR, 'REVOCATION_APPROVER_IS_PROPOSER', proposed()],
      ['the issuer (in another role)', ISSUER_AS_SENIOR, 'REVOCATION_APPROVER_DECIDED_LICENCE', proposed()],
      ['an extender', EXTENDER_AS_SENIOR, 'REVOCATION_APPROVER_DECIDED_LICENCE', proposed('2024-06-01')],
    ])('refuses an approval by %s: %s', (_label, official, code, events) => {
      const error = given(...events)
        .by(official)
        .when(approve())
        .thenThrows(code, 'separation-of-duties');
      expect(error.details).toEqual(expect.objectContaining({ official: official.sub }));
    });

    it('names the proposer first when the approver both proposed and issued', () => {
      const events = licence().decide(propose(), '2024-11-20', ISSUER).events;
      given(...events)
        .by(ISSUER_AS_SENIOR)
        .when(approve())
        .thenThrows('REVOCATION_APPROVER_IS_PROPOSER');
    });

    it('refuses without a proposal: NO_OPEN_REVOCATION_PROPOSAL', () => {
      given(...licence().events)
        .by(SENIOR)
        .when(approve())
        .thenThrows('NO_OPEN_REVOCATION_PROPOSAL', 'forbidden-transition');
    });

    it.each<[string, Official, LicenceCommand]>([
      ['withdrawn', PROPOSER, withdraw()],
      ['rejected', SENIOR, reject()],
    ])('refuses a proposal that was %s: NO_OPEN_REVOCATION_PROPOSAL', (_label, official, closing) => {
      const events = new CaseEvents('c-1');
      proposed().forEach((e) => events.record(e));
      events.decide(closing, '2024-11-22', official);
      given(...events.events)
        .by(SENIOR)
        .when(approve())
        .thenThrows('NO_OPEN_REVOCATION_PROPOSAL');
    });

    it('refuses to revoke twice: the revoked licence takes no further decision (CASE_CLOSED)', () => {
      const events = new CaseEvents('c-1');
      proposed().forEach((e) => events.record(e));
      events.decide(approve(), '2024-11-28', SENIOR);
      const other: Official = { sub: 'k.smit', role: 'senior-assessor' };
      given(...events.events)
        .by(other)
        .when(approve())
        .thenThrows('CASE_CLOSED', 'forbidden-transition');
      given(...events.events)
        .by(other)
        .when(propose())
        .thenThrows('CASE_CLOSED', 'forbidden-transition');
    });

    it('refuses once the licence expired, even with a proposal open: CASE_CLOSED', () => {
      const error = given(...proposed())
        .by(SENIOR)
        .when(approve(), '2027-01-15')
        .thenThrows('CASE_CLOSED', 'forbidden-transition');
      expect(error.details).toEqual({ caseStatus: 'expired' });
    });

    it.each<[string, Evidence, string]>([
      ['dated after the approval', { ...added, date: d('2024-11-29') }, 'EVIDENCE_FROM_THE_FUTURE'],
      ['with a bad sha256', { ...added, sha256: 'abc' }, 'INVALID_SHA256'],
      ['without a title', { ...added, title: '' }, 'REQUIRED_TEXT_MISSING'],
    ])('checks added evidence like a proposal’s: refuses evidence %s (%s)', (_label, item, code) => {
      given(...proposed())
        .by(SENIOR)
        .when(approve([item]), '2024-11-28')
        .thenThrows(code, 'rule-violation');
    });
  });

  describe('RecordHistoricalRevocation', () => {
    const history = (command: LicenceCommand, events: LicenceEvent[], historical: boolean) =>
      decide(
        command,
        stateAfter(...events),
        { now: instant('2024-11-28'), actor: SENIOR, historical },
        DUTCH_VALIDITY_POLICY,
      );
    const alone: LicenceCommand = { ...propose(), type: 'RecordHistoricalRevocation' };

    it('is refused outside the import: no live request revokes alone (REVOCATION_NEEDS_TWO_OFFICIALS)', () => {
      expect(() => history(alone, licence().events, false)).toThrow(
        expect.objectContaining({ code: 'REVOCATION_NEEDS_TWO_OFFICIALS', kind: 'separation-of-duties' }),
      );
      given(...licence().events)
        .by(SENIOR)
        .when(alone)
        .thenThrows('REVOCATION_NEEDS_TWO_OFFICIALS');
    });

    it('records imported history without a proposal: proposedBy is null, the one official approvedBy', () => {
      expect(history(alone, licence().events, true)).toEqual([
        {
          type: 'RevokedForChangedCircumstances',
          data: expect.objectContaining({
            proposedBy: null,
            proposedOn: null,
            approvedBy: SENIOR,
            additionalEvidence: [],
            effectiveOn: '2024-11-28',
            objectionDeadline: '2025-01-09',
          }),
        },
      ]);
    });

    it('is refused while a proposal is open (the import approves it instead): REVOCATION_PROPOSAL_ALREADY_OPEN', () => {
      let thrown: unknown;
      try {
        history(alone, proposed(), true);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).code).toBe('REVOCATION_PROPOSAL_ALREADY_OPEN');
    });
  });
});

describe('revocation terms (Awb)', () => {
  it.each<[string, string]>([
    ['2024-11-28', '2025-01-09'],
    ['2024-01-25', '2024-03-07'], // across 29 February
    ['2023-12-31', '2024-02-11'],
  ])('a revocation decided on %s takes effect that day; objections until %s', (on, deadline) => {
    expect(revocationTermsOn(d(on))).toEqual({
      effectiveOn: on,
      objectionDeadline: deadline,
      objectionTermId: 'awb-6:7',
    });
  });

  it('the six weeks are a dated rule with its source, art. 6:7 Awb', () => {
    expect(OBJECTION_TERMS).toEqual([
      expect.objectContaining({
        id: 'awb-6:7',
        weeks: 6,
        inForceFrom: '1994-01-01',
        source: expect.objectContaining({ reference: expect.stringContaining('art. 6:7') }),
      }),
    ]);
    expect(objectionTermOn(d('1994-01-01')).id).toBe('awb-6:7');
  });

  it('has no term before the Awb entered into force: NO_OBJECTION_TERM_IN_FORCE', () => {
    expect(() => objectionTermOn(d('1993-12-31'))).toThrow(
      expect.objectContaining({ code: 'NO_OBJECTION_TERM_IN_FORCE' }),
    );
  });
});
