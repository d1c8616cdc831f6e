import {
  amsterdamDateOf,
  applicableRule,
  compareDates,
  decide,
  DomainError,
  evolve,
  latestRecordedValidUntil,
  LONGEST_VALIDITY_MONTHS,
  validityQuestionOf,
} from '@licences/licensing-domain';
import type {
  DecisionContext,
  LocalDate,
  LicenceCase,
  LicenceCommand,
  LicenceEvent,
  LicenceState,
  ValidityPolicy,
} from '@licences/licensing-domain';
import { ImportRefusal } from './import.types';
import type { HistoricalLine } from './import.types';

/**
 * Folds one case's historical lines through the real decider, each decided on its own
 * `occurredAt`, so that an imported case obeys every rule a live one does. Throws a
 * DomainError or an ImportRefusal at the first line that breaks one.
 */
export class HistoricalCaseFold {
  private state: LicenceState = undefined;
  private lastOccurredAt: string | undefined;
  /** Set after a Reassessed line that proposed revocation, until its RevocationProposed line. */
  private proposalDue: { readonly sub: string; readonly on: LocalDate } | undefined;

  constructor(
    private readonly policy: ValidityPolicy,
    /** No imported decision may lie after the moment of the import. */
    private readonly importedAt: Date,
  ) {}

  /** Decides the line on the case so far; returns its event and moves the case on. */
  apply(line: HistoricalLine): LicenceEvent {
    if (Date.parse(line.occurredAt) > this.importedAt.getTime()) {
      throw new ImportRefusal(
        'OCCURRED_AFTER_IMPORT',
        `occurredAt ${line.occurredAt} lies after the import (${this.importedAt.toISOString()}); history cannot come from the future`,
      );
    }
    if (this.lastOccurredAt !== undefined && line.occurredAt < this.lastOccurredAt) {
      throw new ImportRefusal(
        'DATES_OUT_OF_ORDER',
        `occurredAt ${line.occurredAt} lies before the case's previous decision (${this.lastOccurredAt}); business dates must not go backwards`,
      );
    }
    this.requireProposalFollows(line);
    const context = { now: new Date(line.occurredAt), actor: line.actor, historical: true };
    const event = this.withImportedValidity(line, this.decided(line, context));
    this.state = evolve(this.state, event);
    this.lastOccurredAt = line.occurredAt;
    this.proposalDue =
      event.type === 'Reassessed' && event.data.outcome === 'revocation-proposed'
        ? { sub: line.actor.sub, on: event.data.decisionDate }
        : undefined;
    return event;
  }

  /**
   * The case's history ends here: a reassessment that proposed revocation without its proposal
   * is refused (the store never holds one alone).
   */
  finish(): void {
    if (this.proposalDue) throw proposalMissing(this.proposalDue);
  }

  /** After a reassessment that proposed revocation comes its proposal, by the same official that day. */
  private requireProposalFollows(line: HistoricalLine): void {
    const due = this.proposalDue;
    if (!due) return;
    const on = amsterdamDateOf(new Date(line.occurredAt));
    if (line.type !== 'RevocationProposed' || line.actor.sub !== due.sub || on !== due.on)
      throw proposalMissing(due);
  }

  private decided(line: HistoricalLine, context: DecisionContext): LicenceEvent {
    try {
      const event = decide(this.commandOf(line), this.state, context, this.policy)[0] as LicenceEvent;
      if (line.type === 'Reassessed' && event.type === 'Reassessed')
        return { type: 'Reassessed', data: { ...event.data, outcome: line.data.outcome } };
      return event;
    } catch (error) {
      if (
        line.type === 'Extended' &&
        error instanceof DomainError &&
        error.code === 'EXTENSION_BEYOND_LEGAL_MAXIMUM'
      ) {
        return this.extensionPastLegalMaximum(line, error);
      }
      throw error;
    }
  }

  /**
   * A live extension of a licence that already runs to its legal maximum (2021/821 art. 12 for
   * dual-use) is refused. History that did extend it is still history: it is recorded with the
   * rule and the legal bound of that day, so that oversight reports the deviation
   * (VALIDITY_LONGER_THAN_RULE) instead of the import hiding the case. The decider checks the
   * status and the reassessment before the legal maximum, so both hold here.
   */
  private extensionPastLegalMaximum(
    line: Extract<HistoricalLine, { type: 'Extended' }>,
    refusal: DomainError,
  ): LicenceEvent {
    const current = this.state as LicenceCase;
    const decisionDate = amsterdamDateOf(new Date(line.occurredAt));
    return {
      type: 'Extended',
      data: {
        reassessment: line.data.reassessment,
        previousValidUntil: current.validUntil as LocalDate,
        validUntil: line.data.validUntil,
        maxValidUntil: refusal.details['maxValidUntil'] as LocalDate,
        rule: applicableRule(this.policy, validityQuestionOf(current.details), decisionDate),
        extendedBy: line.actor,
        decisionDate,
      },
    };
  }

  private commandOf(line: HistoricalLine): LicenceCommand {
    switch (line.type) {
      case 'SondageRequested':
        return {
          type: 'RegisterCase',
          caseId: line.caseId,
          procedure: 'sondage',
          details: line.data.details,
        };
      case 'Applied':
        return this.applicationOf(line.caseId, line.data.details);
      case 'SondageAnswered':
        return { type: 'AnswerSondage', ...line.data };
      case 'Issued':
        // The imported validFrom goes through the decider, so it may not lie before the decision date.
        return { type: 'IssueLicence', assessment: line.data.assessment, validFrom: line.data.validFrom };
      case 'Denied':
        return { type: 'DenyLicence', ...line.data };
      case 'Withdrawn':
        return { type: 'WithdrawCase', ...line.data };
      case 'Extended':
        // Decided without the imported end date: the rule of that day bounds a live extension,
        // but history may deviate from it (oversight reports that), so it is put in afterwards.
        return { type: 'ExtendLicence', reassessment: line.data.reassessment };
      case 'RevocationProposed':
        return { type: 'ProposeRevocation', ...line.data };
      case 'RevocationProposalWithdrawn':
        return { type: 'WithdrawRevocationProposal', ...line.data };
      case 'RevocationProposalRejected':
        return { type: 'RejectRevocationProposal', ...line.data };
      case 'Reassessed':
        // A proposing reassessment is decided as one that keeps the licence (the same checks of
        // status and findings); the grounds and the four-eyes rule are decided on its
        // RevocationProposed line, which must follow (see requireProposalFollows).
        return { type: 'ReassessLicence', assessment: line.data.assessment, outcome: 'maintained' };
      case 'Suspended':
        return { type: 'SuspendLicence', ...line.data };
      case 'Reinstated':
        return { type: 'ReinstateLicence', ...line.data };
      case 'PutOnHold':
        return { type: 'HoldCase', ...line.data };
      case 'Released':
        return { type: 'ReleaseCase', ...line.data };
      case 'RevokedForChangedCircumstances':
        // The decider holds the two-line form to the four-eyes rule, and refuses a lone line
        // while a proposal of the case is open; a lone line otherwise records a revocation one
        // official took before the rule, with no proposer.
        return 'additionalEvidence' in line.data
          ? { type: 'ApproveRevocation', additionalEvidence: line.data.additionalEvidence }
          : { type: 'RecordHistoricalRevocation', ...line.data };
      default: {
        const unexpected: never = line;
        throw new Error(`Unknown line type ${(unexpected as { type: string }).type}`);
      }
    }
  }

  /**
   * An `Applied` starts a case with its details, or follows an answered sondage: with no details
   * when nothing changed, or with the application's, which the decider compares with the
   * sondage's (and refuses for another applicant) as it does for a live application.
   */
  private applicationOf(caseId: string, details: LicenceCase['details'] | undefined): LicenceCommand {
    if (!this.state) {
      if (!details) {
        throw new ImportRefusal(
          'CASE_DETAILS_MISSING',
          'An Applied that starts a case needs the case details in data (applicant, kind, goods, ...)',
        );
      }
      return { type: 'RegisterCase', caseId, procedure: 'application', details };
    }
    return details ? { type: 'ApplyAfterSondage', details } : { type: 'ApplyAfterSondage' };
  }

  /**
   * Issued and Extended keep the validity decided then, which may deviate from the policy; the
   * rule stays as the decider computed it, so that the policy of that day is on record beside it.
   */
  private withImportedValidity(line: HistoricalLine, event: LicenceEvent): LicenceEvent {
    if (line.type === 'Issued' && event.type === 'Issued') {
      const { validFrom, validUntil } = line.data;
      if (compareDates(validUntil, validFrom) < 0) {
        throw new ImportRefusal(
          'VALIDITY_ENDS_BEFORE_START',
          `validUntil ${validUntil} lies before validFrom ${validFrom}`,
        );
      }
      requireRecordableEnd(validUntil, validFrom, 'validFrom');
      return { type: 'Issued', data: { ...event.data, validFrom, validUntil } };
    }
    if (line.type === 'Extended' && event.type === 'Extended') {
      const { validUntil, validFrom } = line.data;
      const current = this.state as LicenceCase;
      if (validFrom !== undefined && validFrom !== current.validFrom) {
        throw new ImportRefusal(
          'VALID_FROM_DIFFERS',
          `An extension keeps the licence's validFrom ${current.validFrom}; the line says ${validFrom}`,
        );
      }
      if (compareDates(validUntil, event.data.previousValidUntil) <= 0) {
        throw new ImportRefusal(
          'EXTENSION_NOT_LATER',
          `An extension must end after the current end of validity ${event.data.previousValidUntil}; it ends on ${validUntil}`,
        );
      }
      requireRecordableEnd(validUntil, event.data.decisionDate, 'the decision date');
      return { type: 'Extended', data: { ...event.data, validUntil } };
    }
    return event;
  }
}

function proposalMissing(due: { readonly sub: string; readonly on: LocalDate }): ImportRefusal {
  return new ImportRefusal(
    'REASSESSMENT_PROPOSAL_MISSING',
    `A reassessment that proposed revocation (${due.on}, by ${due.sub}) must be followed by its RevocationProposed line, by the same official on the same day`,
  );
}

/**
 * History may keep a validity the policy did not give (oversight reports the deviation), but not
 * an end no licence period reaches: that is a wrong record (year 9999), refused with its line.
 */
function requireRecordableEnd(validUntil: LocalDate, start: LocalDate, startName: string): void {
  const latest = latestRecordedValidUntil(start);
  if (compareDates(validUntil, latest) <= 0) return;
  throw new ImportRefusal(
    'VALID_UNTIL_TOO_FAR_AHEAD',
    `validUntil ${validUntil} lies more than ${LONGEST_VALIDITY_MONTHS} months after ${startName} ${start} (at most ${latest}); no licence period is that long`,
    'data.validUntil',
  );
}
