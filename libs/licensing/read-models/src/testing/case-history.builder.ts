import type { RecordedEvent } from '@licences/event-store';
import { licenceStreamId, toNewEvent } from '@licences/licensing-application';
import { decide, DUTCH_VALIDITY_POLICY, evolve } from '@licences/licensing-domain';
import type { CaseDetails, LicenceCommand, LicenceState } from '@licences/licensing-domain';

export const details = (overrides: Partial<CaseDetails> = {}): CaseDetails => ({
  applicant: { name: 'Thales Nederland B.V.', chamberOfCommerceNumber: '06061578' },
  kind: 'individual',
  afterSales: false,
  goodsCategory: 'military',
  goods: [{ controlListEntry: 'ML5.a', description: 'Fire control radar', quantity: 2, valueEur: 1_000_000 }],
  exportType: 'definitive',
  firearmsAct: false,
  destinations: [{ country: 'DE', endUser: 'Bundeswehr' }],
  ...overrides,
});

export const assessment = {
  summary: 'No clear risk',
  findings: [{ criterion: 7 as const, finding: 'Low diversion risk' }],
};

let globalPosition = 0;

/**
 * Writes a case's history through the real decider, as recorded events: `at` is the business
 * instant of the decision, `recordedAt` when the store recorded it (later for imported history).
 */
export class CaseHistoryBuilder {
  readonly events: RecordedEvent[] = [];
  private state: LicenceState = undefined;

  constructor(readonly caseId: string) {}

  decide(
    command: LicenceCommand,
    at: string,
    recordedAt: string = at,
    actor = { sub: 'bob', role: 'assessor' },
  ): this {
    const decided = decide(command, this.state, { now: new Date(at), actor }, DUTCH_VALIDITY_POLICY);
    for (const event of decided) {
      const stored = toNewEvent(event, `${this.caseId}-${this.events.length}`, {
        occurredAt: new Date(at).toISOString(),
        actor,
        correlationId: `corr-${this.events.length}`,
        causationId: `cause-${this.events.length}`,
      });
      this.events.push({
        ...stored,
        streamId: licenceStreamId(this.caseId),
        revision: this.events.length,
        position: ++globalPosition,
        recordedAt: new Date(recordedAt).toISOString(),
      });
      this.state = evolve(this.state, event);
    }
    return this;
  }

  register(at: string, overrides: Partial<CaseDetails> = {}, recordedAt?: string): this {
    const command = {
      type: 'RegisterCase',
      caseId: this.caseId,
      procedure: 'application',
      details: details(overrides),
    } as const;
    return this.decide(command, at, recordedAt);
  }

  issue(at: string, recordedAt?: string): this {
    return this.decide({ type: 'IssueLicence', assessment }, at, recordedAt);
  }

  extend(at: string, validUntil?: string, recordedAt?: string): this {
    const command = { type: 'ExtendLicence', reassessment: assessment, ...(validUntil && { validUntil }) };
    return this.decide(command as LicenceCommand, at, recordedAt);
  }

  /** Proposed by bob (who issued it: a proposer may) and approved by carol, both at `at`. */
  revoke(at: string, recordedAt?: string): this {
    const evidence = [{ title: 'UN report', source: 'UN', date: at.slice(0, 10), reference: 'S/2025/1' }];
    const proposal = {
      type: 'ProposeRevocation',
      circumstances: 'Armed conflict',
      criteria: [2, 3],
      evidence,
    };
    return this.decide(proposal as LicenceCommand, at, recordedAt).decide(
      { type: 'ApproveRevocation', additionalEvidence: [] },
      at,
      recordedAt,
      { sub: 'carol', role: 'senior-assessor' },
    );
  }

  /** Suspended by carol (a senior assessor) at `at`, on the grounds of a UN report of that day. */
  suspend(at: string, recordedAt?: string): this {
    const evidence = [{ title: 'UN report', source: 'UN', date: at.slice(0, 10), reference: 'S/2025/2' }];
    const command = { type: 'SuspendLicence', criteria: [2], evidence, reasons: 'Reports of misuse' };
    return this.decide(command as LicenceCommand, at, recordedAt, { sub: 'carol', role: 'senior-assessor' });
  }

  reinstate(at: string, recordedAt?: string): this {
    const command = { type: 'ReinstateLicence', reason: 'Reports not confirmed' } as const;
    return this.decide(command, at, recordedAt, { sub: 'carol', role: 'senior-assessor' });
  }
}
