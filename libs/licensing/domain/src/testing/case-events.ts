/*
 * Builds a case's recorded events for oversight tests (tests only; not exported from the
 * library's index): decisions go through the real decider, and `record` appends a hand-made
 * event, the way imported history that the decider never saw would arrive.
 *
 *   new CaseEvents('c1').register('2024-01-08', { destination }).issue('2024-01-10').events
 */
import { decide } from '../licence/licence.decider';
import type { IssueLicence, LicenceCommand, ProposeRevocation } from '../licence/licence.commands';
import type { Applied, Extended, Issued, LicenceEvent } from '../licence/licence.events';
import type { LicenceState } from '../licence/licence.state';
import type { CaseDetails, Destination, Evidence, Official } from '../licence/licence.values';
import { applyRecorded } from '../oversight/replay';
import type { ReplayInput } from '../oversight/replay';
import { DUTCH_VALIDITY_POLICY } from '../policy/validity-policy';
import type { LocalDate } from '../shared/local-date';
import { instant } from './given-when-then';

/** Decides everything but the approval of a revocation. */
export const ASSESSOR: Official = { sub: 'assessor-1', role: 'assessor' };
/** The second official of a revocation. */
export const SENIOR: Official = { sub: 'senior-1', role: 'senior-assessor' };

export const ASSESSMENT = {
  summary: 'No clear risk',
  findings: [{ criterion: 7 as const, finding: 'Low diversion risk' }],
};

/** A proposal to revoke for an armed conflict (criteria 3 and 4) on the given evidence. */
export function revocationProposal(
  evidence: readonly Evidence[],
  overrides: Partial<ProposeRevocation> = {},
): ProposeRevocation {
  return {
    type: 'ProposeRevocation',
    circumstances: 'Armed conflict broke out in the country of destination.',
    criteria: [3, 4],
    evidence,
    ...overrides,
  };
}

/** Case details; `destination` is a shorthand for a single-element `destinations`. */
export function caseDetails(
  overrides: Partial<CaseDetails> & { readonly destination?: Destination } = {},
): CaseDetails {
  const { destination, ...rest } = overrides;
  return {
    applicant: { name: 'Thales Nederland B.V.', chamberOfCommerceNumber: '06061578' },
    kind: 'individual',
    afterSales: false,
    goodsCategory: 'military',
    goods: [{ controlListEntry: 'ML5.a', description: 'Fire control radar', quantity: 2, valueEur: 1e6 }],
    exportType: 'definitive',
    firearmsAct: false,
    destinations: [destination ?? { country: 'DE', endUser: 'Bundeswehr' }],
    ...rest,
  };
}

/** A direct application as recorded: nothing changed against a sondage, since there was none. */
export function appliedEvent(details: CaseDetails, on: string, caseId = 'case-1'): Applied {
  return {
    type: 'Applied',
    data: {
      caseId,
      details,
      procedure: 'application',
      changes: [],
      notCoveredBySondage: [],
      decisionDate: on as LocalDate,
    },
  };
}

/** Issue from the decision date with the standard assessment. */
export const ISSUE: IssueLicence = { type: 'IssueLicence', assessment: ASSESSMENT };

export class CaseEvents {
  readonly events: LicenceEvent[] = [];
  private state: LicenceState = undefined;

  constructor(readonly caseId: string) {}

  get inputs(): ReplayInput[] {
    return this.events.map((event, revision) => ({ revision, event }));
  }

  /** The events the decider gives for a command decided on `on` (a date or an instant). */
  decided(command: LicenceCommand, on: string, actor: Official = ASSESSOR): LicenceEvent[] {
    return decide(command, this.state, { now: instant(on), actor }, DUTCH_VALIDITY_POLICY);
  }

  /** The Issued event the decider would record on `on`, for a test to change by hand. */
  wouldIssue(on: string): Issued {
    return this.decided({ type: 'IssueLicence', assessment: ASSESSMENT }, on)[0] as Issued;
  }

  /** The Extended event the decider would record on `on` (to the bound of the rule). */
  wouldExtend(on: string): Extended {
    return this.decided({ type: 'ExtendLicence', reassessment: ASSESSMENT }, on)[0] as Extended;
  }

  decide(command: LicenceCommand, on: string, actor: Official = ASSESSOR): this {
    return this.decided(command, on, actor).reduce((self, event) => self.record(event), this);
  }

  /** Appends an event as recorded, without the decider. */
  record(event: LicenceEvent): this {
    this.events.push(event);
    this.state = applyRecorded(this.state, event);
    return this;
  }

  register(on: string, overrides: Parameters<typeof caseDetails>[0] = {}): this {
    const details = caseDetails(overrides);
    return this.decide({ type: 'RegisterCase', caseId: this.caseId, procedure: 'application', details }, on);
  }

  issue(on: string): this {
    return this.decide({ type: 'IssueLicence', assessment: ASSESSMENT }, on);
  }

  extend(on: string, validUntil?: string): this {
    const until = validUntil as LocalDate | undefined;
    return this.decide(
      { type: 'ExtendLicence', reassessment: ASSESSMENT, ...(until && { validUntil: until }) },
      on,
    );
  }

  deny(on: string): this {
    return this.decide({ type: 'DenyLicence', criteria: [2], reasoning: 'Clear risk' }, on);
  }

  /** Proposed by the assessor and approved by the senior assessor, both on `on`. */
  revoke(on: string): this {
    const evidence = [{ title: 'UN report', source: 'UN', date: on as LocalDate, reference: 'S/2025/1' }];
    return this.decide(
      { type: 'ProposeRevocation', circumstances: 'Armed conflict', criteria: [2, 3], evidence },
      on,
    ).decide({ type: 'ApproveRevocation', additionalEvidence: [] }, on, SENIOR);
  }
}
