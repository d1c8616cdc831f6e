import type { Actor, ImportMarker } from '@licences/event-store';
import type {
  Criterion,
  Destination,
  Evidence,
  GoodsCategory,
  GoodsItem,
  LicenceCase,
  LicenceEventType,
  LicenceKind,
  LocalDate,
  Procedure,
  RecordedStatus,
} from '@licences/licensing-domain';

/** One row per case: the case as it stands after the last event projected. */
export interface LicenceValidityRow {
  readonly caseId: string;
  readonly revision: number;
  readonly position: number;
  /** The recorded status; `expired` is derived from `validUntil` at query time. */
  readonly status: RecordedStatus;
  readonly procedure: Procedure;
  readonly kind: LicenceKind;
  readonly afterSales: boolean;
  readonly goodsCategory: GoodsCategory;
  /** The first destination's country and end user: what the row held when a case had one. */
  readonly destinationCountry: string;
  readonly endUser: string;
  /** Every destination's country, in the order given, for the destination filter. */
  readonly destinationCountries: readonly string[];
  readonly applicantName: string;
  readonly chamberOfCommerceNumber: string;
  /** Every control-list entry of the goods, for filtering. */
  readonly controlListEntries: readonly string[];
  readonly totalValueEur: number;
  readonly validFrom: LocalDate | null;
  readonly validUntil: LocalDate | null;
  readonly ruleId: string | null;
  readonly policyVersion: string | null;
  readonly lastDecisionType: LicenceEventType;
  readonly lastDecisionDate: LocalDate;
  /** When the first event of the case was recorded (ISO instant). */
  readonly registeredAt: string;
  /** Who recorded the first event of the case. */
  readonly registeredBy: Actor;
  /** When the last event projected was recorded. */
  readonly updatedAt: string;
  /** The full domain state, folded by the domain's own `evolve`. */
  readonly state: LicenceCase;
}

/** One row per decision (event) of a case, in stream order. */
export interface DecisionHistoryEntry {
  readonly caseId: string;
  readonly revision: number;
  readonly position: number;
  readonly eventId: string;
  readonly type: LicenceEventType;
  readonly schemaVersion: number;
  readonly decisionDate: LocalDate;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string;
  /** Set when the decision came in through a historical import. */
  readonly imported: ImportMarker | null;
  readonly ruleId: string | null;
  readonly policyVersion: string | null;
  /** The event's payload as stored: what justified the decision. */
  readonly payload: unknown;
}

/** One row per revoked licence: why, on what evidence, by whom, and what the licence was then. */
export interface RevocationJustification {
  readonly caseId: string;
  readonly revision: number;
  readonly position: number;
  /** The decision date of the revocation (its approval). */
  readonly revokedOn: LocalDate;
  readonly recordedAt: string;
  /** Who proposed it, and when; null for a revocation one official took before the four-eyes rule. */
  readonly proposedBy: Actor | null;
  readonly proposedOn: LocalDate | null;
  /** The second official, who decided the revocation (the only one where `proposedBy` is null). */
  readonly approvedBy: Actor;
  /** The first day the licence is no longer valid. */
  readonly effectiveOn: LocalDate;
  /** The last day the holder may object (General Administrative Law Act art. 6:7: six weeks). */
  readonly objectionDeadline: LocalDate;
  readonly objectionTermId: string;
  readonly circumstances: string;
  readonly criteria: readonly Criterion[];
  /** The proposal's evidence. */
  readonly evidence: readonly Evidence[];
  /** What the approving official added. */
  readonly additionalEvidence: readonly Evidence[];
  /** The first of `destinations`, as rows held it when a case had one destination. */
  readonly destinationCountry: string;
  readonly endUser: string;
  /** Every destination of the licence that was revoked. */
  readonly destinations: readonly Destination[];
  readonly kind: LicenceKind;
  readonly goodsCategory: GoodsCategory;
  readonly goods: readonly GoodsItem[];
  readonly issuedOn: LocalDate;
  readonly validFrom: LocalDate;
  /** The end of validity the licence had when it was revoked. */
  readonly validUntil: LocalDate;
  readonly extensions: number;
  /** Whole days of validity the revocation took away (from the day it took effect to validUntil, inclusive). */
  readonly daysOfValidityLeft: number;
  /** Whole days from the issue decision to the revocation decision. */
  readonly daysBetweenIssueAndRevocation: number;
}
