import type { AppliedRule } from '../policy/validity-policy.evaluator';
import type { LocalDate } from '../shared/local-date';
import { currentCaseDetails } from './case-details.upcast';
import type { Applied, LicenceEvent, LicenceEventType } from './licence.events';
import type { CaseDetails, Criterion, Evidence, Official, Procedure } from './licence.values';

/** Statuses recorded by events; `expired` is never recorded, it follows from the dates. */
export type RecordedStatus =
  'sondage-requested' | 'sondage-answered' | 'applied' | 'issued' | 'denied' | 'withdrawn' | 'revoked';

/**
 * `expired` and `suspended` are never recorded: they follow from the dates (a suspended licence
 * keeps its recorded status `issued`; on a day inside a suspension it is `suspended`).
 */
export type LicenceStatus = RecordedStatus | 'expired' | 'suspended';

export interface SondageAnswer {
  readonly outcome: 'positive' | 'negative';
  readonly reasoning: string;
  readonly criteria: readonly Criterion[];
  readonly decisionDate: LocalDate;
}

export interface ApplicationChanges {
  readonly changes: Applied['data']['changes'];
  readonly notCoveredBySondage: Applied['data']['notCoveredBySondage'];
}

export interface LastDecision {
  readonly type: LicenceEventType;
  readonly decisionDate: LocalDate;
}

/** A revocation proposed and not yet withdrawn, rejected or approved. */
export interface OpenRevocationProposal {
  readonly proposedBy: Official;
  readonly proposedOn: LocalDate;
  readonly circumstances: string;
  readonly criteria: readonly Criterion[];
  readonly evidence: readonly Evidence[];
}

/** A hold on a pending case: of the case alone (`measureId` null) or of a country measure. */
export interface CaseHold {
  readonly heldOn: LocalDate;
  readonly reason: string;
  readonly heldBy: Official;
  readonly measureId: string | null;
}

/** A suspension still in force. */
export interface OpenSuspension {
  readonly suspendedOn: LocalDate;
  readonly suspendedBy: Official;
  readonly reasons: string;
  readonly criteria: readonly Criterion[];
}

/** A suspension that ended: not valid from `from` to `until` (the reinstatement date), inclusive. */
export interface SuspensionWindow {
  readonly from: LocalDate;
  readonly until: LocalDate;
}

/** A country measure's request to reassess the licence, not yet answered by a reassessment. */
export interface ReassessmentRequest {
  readonly measureId: string;
  readonly requestedOn: LocalDate;
}

export interface LicenceCase {
  readonly status: RecordedStatus;
  readonly caseId: string;
  readonly procedure: Procedure;
  readonly details: CaseDetails;
  readonly registeredOn: LocalDate;
  readonly sondage?: SondageAnswer;
  readonly appliedOn?: LocalDate;
  /**
   * What an application after a sondage changed against it; absent when the case started as an
   * application or was applied for before changes were recorded.
   */
  readonly applicationChanges?: ApplicationChanges;
  readonly issuedOn?: LocalDate;
  readonly validFrom?: LocalDate;
  readonly validUntil?: LocalDate;
  /** The rule of the latest issue or extension. */
  readonly rule?: AppliedRule;
  readonly extensions: number;
  readonly closedOn?: LocalDate;
  readonly lastDecision: LastDecision;
  /**
   * Who issued and extended the licence, in order: none of them may approve its revocation.
   * Absent only in working states that read models stored before events named their officials.
   */
  readonly issuedOrExtendedBy?: readonly Official[];
  /**
   * While open the licence stays valid: a proposal is not a decision. Proposals, withdrawals and
   * rejections therefore leave `lastDecision` as it was.
   */
  readonly revocationProposal?: OpenRevocationProposal;
  /** Holds in force; no decision is taken while there is one. */
  readonly holds?: readonly CaseHold[];
  readonly suspension?: OpenSuspension;
  /** Suspensions that ended, oldest first. */
  readonly suspensions?: readonly SuspensionWindow[];
  readonly reassessments?: number;
  readonly reassessmentRequests?: readonly ReassessmentRequest[];
}

/** A stream with no events yet is `undefined`. */
export type LicenceState = LicenceCase | undefined;

export const initialLicenceState: LicenceState = undefined;

function requireCase(state: LicenceState, type: LicenceEventType): LicenceCase {
  if (!state) throw new Error(`${type} cannot be the first event of a case`);
  return state;
}

export function evolve(state: LicenceState, event: LicenceEvent): LicenceState {
  const last = { type: event.type, decisionDate: event.data.decisionDate };
  switch (event.type) {
    case 'SondageRequested':
      return {
        status: 'sondage-requested',
        caseId: event.data.caseId,
        procedure: 'sondage',
        details: currentCaseDetails(event.data.details),
        registeredOn: event.data.decisionDate,
        extensions: 0,
        lastDecision: last,
      };
    case 'SondageAnswered': {
      const { outcome, reasoning, criteria, decisionDate } = event.data;
      return {
        ...requireCase(state, event.type),
        status: 'sondage-answered',
        sondage: { outcome, reasoning, criteria, decisionDate },
        lastDecision: last,
      };
    }
    case 'Applied':
      return {
        ...(state ?? { registeredOn: event.data.decisionDate, extensions: 0 }),
        status: 'applied',
        caseId: event.data.caseId,
        procedure: event.data.procedure,
        details: currentCaseDetails(event.data.details),
        appliedOn: event.data.decisionDate,
        ...(event.data.procedure === 'sondage' && event.data.changes
          ? {
              applicationChanges: {
                changes: event.data.changes,
                notCoveredBySondage: event.data.notCoveredBySondage ?? [],
              },
            }
          : {}),
        lastDecision: last,
      };
    case 'Issued':
      return {
        ...requireCase(state, event.type),
        status: 'issued',
        issuedOn: event.data.decisionDate,
        validFrom: event.data.validFrom,
        validUntil: event.data.validUntil,
        rule: event.data.rule,
        lastDecision: last,
        issuedOrExtendedBy: [event.data.issuedBy],
      };
    case 'Extended': {
      const current = requireCase(state, event.type);
      return {
        ...current,
        validUntil: event.data.validUntil,
        rule: event.data.rule,
        extensions: current.extensions + 1,
        lastDecision: last,
        issuedOrExtendedBy: [...(current.issuedOrExtendedBy ?? []), event.data.extendedBy],
      };
    }
    case 'Denied':
      return {
        ...requireCase(state, event.type),
        status: 'denied',
        closedOn: event.data.decisionDate,
        lastDecision: last,
      };
    case 'Withdrawn':
      return {
        ...requireCase(state, event.type),
        status: 'withdrawn',
        closedOn: event.data.decisionDate,
        lastDecision: last,
      };
    case 'RevocationProposed': {
      const { proposedBy, decisionDate, circumstances, criteria, evidence } = event.data;
      return {
        ...requireCase(state, event.type),
        revocationProposal: { proposedBy, proposedOn: decisionDate, circumstances, criteria, evidence },
      };
    }
    case 'RevocationProposalWithdrawn':
    case 'RevocationProposalRejected':
      return withoutProposal(requireCase(state, event.type));
    case 'RevokedForChangedCircumstances':
      return {
        ...withoutProposal(requireCase(state, event.type)),
        status: 'revoked',
        // The licence is valid up to the day before the revocation takes effect.
        closedOn: event.data.effectiveOn,
        lastDecision: last,
      };
    case 'Reassessed': {
      const current = requireCase(state, event.type);
      const { measureId } = event.data;
      return {
        ...current,
        reassessments: (current.reassessments ?? 0) + 1,
        reassessmentRequests: (current.reassessmentRequests ?? []).filter(
          (r) => measureId === null || r.measureId !== measureId,
        ),
        lastDecision: last,
      };
    }
    case 'Suspended': {
      const { decisionDate, suspendedBy, reasons, criteria } = event.data;
      return {
        ...requireCase(state, event.type),
        suspension: { suspendedOn: decisionDate, suspendedBy, reasons, criteria },
        lastDecision: last,
      };
    }
    case 'Reinstated': {
      const { suspension: _ended, ...current } = requireCase(state, event.type);
      const window = { from: event.data.suspendedOn, until: event.data.decisionDate };
      return { ...current, suspensions: [...(current.suspensions ?? []), window], lastDecision: last };
    }
    case 'PutOnHold': {
      const current = requireCase(state, event.type);
      const { decisionDate, reason, heldBy, measureId } = event.data;
      return {
        ...current,
        holds: [...(current.holds ?? []), { heldOn: decisionDate, reason, heldBy, measureId }],
      };
    }
    case 'Released': {
      const current = requireCase(state, event.type);
      return { ...current, holds: (current.holds ?? []).filter((h) => h.measureId !== event.data.measureId) };
    }
    case 'ReassessmentRequested': {
      const current = requireCase(state, event.type);
      const request = { measureId: event.data.measureId, requestedOn: event.data.decisionDate };
      return { ...current, reassessmentRequests: [...(current.reassessmentRequests ?? []), request] };
    }
    default: {
      const unexpected: never = event;
      throw new Error(`Unknown licence event ${(unexpected as { type: string }).type}`);
    }
  }
}

function withoutProposal(state: LicenceCase): LicenceCase {
  const { revocationProposal: _closed, ...rest } = state;
  return rest;
}

/**
 * A working state as a read model stored it, with its details in the current shape (a state
 * stored before cases had several destinations names one `destination`).
 */
export function withCurrentDetails(state: LicenceCase): LicenceCase {
  const details = currentCaseDetails(state.details);
  return details === state.details ? state : { ...state, details };
}

export { isOnHold, isSuspendedOn, isValidOn, statusOn } from './licence.status';
