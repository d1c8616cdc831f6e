import { isOnHold, statusOn, withCurrentDetails } from '@licences/licensing-domain';
import type { Destination, LicenceCase, LicenceStatus, LocalDate } from '@licences/licensing-domain';

/** What a command answers. */
export interface LicenceCommandResult {
  readonly id: string;
  readonly revision: number;
  readonly status: LicenceStatus;
  readonly validFrom?: LocalDate;
  readonly validUntil?: LocalDate;
  readonly ruleId?: string;
  /** Global position of the last event written, for clients that wait for read models. */
  readonly position: number;
}

/** A case as it stands: everything the commands answer plus what it is about. */
export interface LicenceView extends Omit<LicenceCommandResult, 'position'> {
  readonly procedure: LicenceCase['procedure'];
  readonly kind: LicenceCase['details']['kind'];
  readonly afterSales: boolean;
  readonly goodsCategory: LicenceCase['details']['goodsCategory'];
  readonly goods: LicenceCase['details']['goods'];
  /** Every destination the case covers, in the order given (several only for a global licence). */
  readonly destinations: LicenceCase['details']['destinations'];
  /** The first of `destinations`, kept for clients written when a case had one destination. */
  readonly destination: LicenceCase['details']['destinations'][number];
  readonly exportType: LicenceCase['details']['exportType'];
  readonly temporaryPurpose?: LicenceCase['details']['temporaryPurpose'];
  readonly firearmsAct: boolean;
  /** The contract term the applicant stated, if any: a form filled from the view keeps it. */
  readonly contract?: LicenceCase['details']['contract'];
  readonly applicant: LicenceCase['details']['applicant'];
  readonly sondage?: LicenceCase['sondage'];
  /**
   * For an application after a sondage: the fields it changed against the sondage and what the
   * sondage's answer was not about (a destination or end user).
   */
  readonly applicationChanges?: LicenceCase['applicationChanges'];
  readonly policyVersion?: string;
  readonly extensions: number;
  readonly lastDecision: LicenceCase['lastDecision'];
  /**
   * An open proposal to revoke, awaiting a second official. It is not a decision: the licence
   * keeps its status and stays valid until a revocation is approved.
   */
  readonly revocationProposal?: LicenceCase['revocationProposal'];
  /** A suspension in force: the licence is not valid from its first day until it is reinstated. */
  readonly suspension?: LicenceCase['suspension'];
  /** Suspensions that ended, oldest first: the licence was not valid from `from` to `until`. */
  readonly suspensions: NonNullable<LicenceCase['suspensions']>;
  /** Holds in force; while there is one no sondage answer, issue or denial is taken. */
  readonly holds: NonNullable<LicenceCase['holds']>;
  readonly onHold: boolean;
  readonly reassessments: number;
  /** Country measures that asked for a reassessment not yet given. */
  readonly reassessmentRequests: NonNullable<LicenceCase['reassessmentRequests']>;
}

export function commandResultOf(
  state: LicenceCase,
  revision: number,
  position: number,
  today: LocalDate,
): LicenceCommandResult {
  return {
    id: state.caseId,
    revision,
    status: statusOn(state, today),
    ...(state.validFrom && { validFrom: state.validFrom }),
    ...(state.validUntil && { validUntil: state.validUntil }),
    ...(state.rule && { ruleId: state.rule.ruleId }),
    position,
  };
}

/**
 * The first destination: what clients and columns written when a case had one destination read.
 * The domain never lets a case have none.
 */
export function firstDestinationOf(state: LicenceCase): Destination {
  const [first] = state.details.destinations;
  if (first === undefined) throw new Error(`Case ${state.caseId} has no destination`);
  return first;
}

/** `state` may be a working state a read model stored before cases had several destinations. */
export function licenceViewOf(stored: LicenceCase, revision: number, today: LocalDate): LicenceView {
  const state = withCurrentDetails(stored);
  const { position: _position, ...result } = commandResultOf(state, revision, 0, today);
  const { details } = state;
  const first = firstDestinationOf(state);
  return {
    ...result,
    procedure: state.procedure,
    kind: details.kind,
    afterSales: details.afterSales,
    goodsCategory: details.goodsCategory,
    goods: details.goods,
    destinations: details.destinations,
    destination: first,
    exportType: details.exportType,
    ...(details.temporaryPurpose && { temporaryPurpose: details.temporaryPurpose }),
    firearmsAct: details.firearmsAct,
    ...(details.contract && { contract: details.contract }),
    applicant: details.applicant,
    ...(state.sondage && { sondage: state.sondage }),
    ...(state.applicationChanges && { applicationChanges: state.applicationChanges }),
    ...(state.rule && { policyVersion: state.rule.policyVersion }),
    extensions: state.extensions,
    lastDecision: state.lastDecision,
    ...(state.revocationProposal && { revocationProposal: state.revocationProposal }),
    ...(state.suspension && { suspension: state.suspension }),
    suspensions: state.suspensions ?? [],
    holds: state.holds ?? [],
    onHold: isOnHold(state),
    reassessments: state.reassessments ?? 0,
    reassessmentRequests: state.reassessmentRequests ?? [],
  };
}
