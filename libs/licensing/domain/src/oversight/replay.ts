import type { LicenceEvent, LicenceEventType } from '../licence/licence.events';
import { evolve, isOnHold, statusOn } from '../licence/licence.state';
import type { LicenceState, LicenceStatus } from '../licence/licence.state';
import type { ValidityPolicy } from '../policy/validity-policy';
import type { LocalDate } from '../shared/local-date';
import { finding, isRecheckedDecision, recheckDecision } from './recheck';
import type { DecisionRecheck, RecheckFinding } from './recheck';

/** A case with no events yet. */
type NoCase = 'none';

/**
 * The statuses (on the decision date) from which each recorded event may follow, as the
 * decider's lifecycle allows them. The decider guards commands; this guards what was recorded,
 * which for imported history the decider never saw.
 */
const MAY_FOLLOW: Readonly<Record<LicenceEventType, readonly (LicenceStatus | NoCase)[]>> = {
  SondageRequested: ['none'],
  SondageAnswered: ['sondage-requested'],
  Applied: ['none', 'sondage-answered'],
  Issued: ['applied'],
  Denied: ['applied'],
  Withdrawn: ['sondage-requested', 'sondage-answered', 'applied'],
  Extended: ['issued'],
  RevocationProposed: ['issued', 'suspended'],
  RevocationProposalWithdrawn: ['issued', 'suspended'],
  RevocationProposalRejected: ['issued', 'suspended'],
  RevokedForChangedCircumstances: ['issued', 'suspended'],
  Reassessed: ['issued', 'suspended'],
  Suspended: ['issued'],
  Reinstated: ['suspended'],
  PutOnHold: ['sondage-requested', 'applied'],
  Released: ['sondage-requested', 'applied'],
  ReassessmentRequested: ['issued', 'suspended'],
};

/** Only these can start a stream; `evolve` refuses anything else on an empty case. */
function canStart(event: LicenceEvent): boolean {
  return event.type === 'SondageRequested' || event.type === 'Applied';
}

/** Folds one recorded event, leaving the case as it was when the event cannot apply to it at all. */
export function applyRecorded(state: LicenceState, event: LicenceEvent): LicenceState {
  return state === undefined && !canStart(event) ? state : evolve(state, event);
}

export interface ReplayInput {
  readonly revision: number;
  readonly event: LicenceEvent;
}

export interface ReplayedStep {
  readonly revision: number;
  readonly event: LicenceEvent;
  readonly stateBefore: LicenceState;
  readonly stateAfter: LicenceState;
  /** For issues and extensions that follow an existing case. */
  readonly recheck?: DecisionRecheck;
}

/** A finding with the decision it is about. */
export interface OversightFinding extends RecheckFinding {
  readonly caseId: string;
  readonly revision: number;
  readonly decisionType: LicenceEventType;
  readonly decisionDate: LocalDate;
}

export interface CaseReplay {
  readonly steps: readonly ReplayedStep[];
  readonly findings: readonly OversightFinding[];
}

function transitionFinding(event: LicenceEvent, state: LicenceState): RecheckFinding | undefined {
  const { decisionDate } = event.data;
  const status = state === undefined ? 'none' : statusOn(state, decisionDate);
  const allowed = MAY_FOLLOW[event.type];
  if (allowed.includes(status)) return undefined;
  return finding(
    'TRANSITION_NOT_ALLOWED',
    'type',
    status,
    allowed,
    `${event.type} on ${decisionDate} follows a case that was ${status === 'none' ? 'not registered' : status} that day; it may follow only ${allowed.join(' or ')}`,
  );
}

/** The decisions a hold stops: an answer to a sondage, an issue, a denial. */
const HELD_DECISIONS: readonly LicenceEventType[] = ['SondageAnswered', 'Issued', 'Denied'];

/** A decision recorded while the case was on hold, which the decider refuses live. */
function holdFinding(event: LicenceEvent, state: LicenceState): RecheckFinding | undefined {
  if (!state || !isOnHold(state) || !HELD_DECISIONS.includes(event.type)) return undefined;
  const holds = state.holds ?? [];
  return finding(
    'DECIDED_WHILE_ON_HOLD',
    'type',
    event.type,
    'no decision until the hold is released',
    `${event.type} on ${event.data.decisionDate} while the case was on hold since ${holds[0]?.heldOn}${holds.some((h) => h.measureId) ? ` (measure ${holds.map((h) => h.measureId ?? 'of the case').join(', ')})` : ''}`,
  );
}

/** A revocation that names no proposer was taken by one official alone, before the four-eyes rule. */
function fourEyesFinding(event: LicenceEvent): RecheckFinding | undefined {
  if (event.type !== 'RevokedForChangedCircumstances' || event.data.proposedBy !== null) return undefined;
  const { approvedBy, decisionDate } = event.data;
  return finding(
    'REVOCATION_BY_ONE_OFFICIAL',
    'proposedBy',
    null,
    'another official than the one who revoked',
    `Revoked on ${decisionDate} by ${approvedBy.sub} alone, without a proposal by a second official`,
  );
}

/**
 * Replays a case's decisions in stream order: the state before and after each one, each issue
 * and extension re-checked against the policy in force on its decision date, and whether each
 * decision was allowed in the state it followed.
 */
export function replayCase(
  caseId: string,
  inputs: readonly ReplayInput[],
  policy: ValidityPolicy,
): CaseReplay {
  const steps: ReplayedStep[] = [];
  const findings: OversightFinding[] = [];
  let state: LicenceState = undefined;
  for (const { revision, event } of [...inputs].sort((a, b) => a.revision - b.revision)) {
    const before = state;
    const recheck = isRecheckedDecision(event) && before ? recheckDecision(event, before, policy) : undefined;
    const transition = transitionFinding(event, before);
    const located = (f: RecheckFinding): OversightFinding => ({
      caseId,
      revision,
      decisionType: event.type,
      decisionDate: event.data.decisionDate,
      ...f,
    });
    const fourEyes = fourEyesFinding(event);
    const held = holdFinding(event, before);
    findings.push(
      ...[
        ...(transition ? [transition] : []),
        ...(held ? [held] : []),
        ...(recheck?.findings ?? []),
        ...(fourEyes ? [fourEyes] : []),
      ].map(located),
    );
    state = applyRecorded(before, event);
    steps.push({ revision, event, stateBefore: before, stateAfter: state, ...(recheck && { recheck }) });
  }
  return { steps, findings };
}
