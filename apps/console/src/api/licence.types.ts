import type { LicenceStatus } from '../vocabulary/case.vocabulary';

/*
 * The JSON the API answers for cases (GET /api/licences, /api/licences/{id}, /history), as the
 * console reads it. The OpenAPI document at /api/docs is the contract; these types name the
 * fields the console shows and are kept to what the API sends.
 */

export interface Official {
  readonly sub: string;
  readonly role: string;
}

export interface GoodsItem {
  readonly controlListEntry: string;
  readonly description: string;
  readonly quantity: number;
  readonly valueEur: number;
}

export interface Destination {
  readonly country: string;
  readonly endUser: string;
}

export interface Evidence {
  readonly title: string;
  readonly source: string;
  readonly date: string;
  readonly reference: string;
  readonly sha256?: string;
}

export interface LicenceView {
  readonly id: string;
  readonly revision: number;
  readonly status: LicenceStatus;
  readonly validFrom?: string;
  readonly validUntil?: string;
  readonly ruleId?: string;
  readonly procedure: 'sondage' | 'application';
  readonly kind: 'individual' | 'global' | 'transit' | 'brokering';
  readonly afterSales: boolean;
  readonly goodsCategory: 'military' | 'dual-use';
  readonly goods: readonly GoodsItem[];
  readonly destinations: readonly Destination[];
  readonly destination: Destination;
  readonly exportType: 'definitive' | 'temporary';
  readonly temporaryPurpose?: string;
  readonly firearmsAct: boolean;
  readonly contract?: { readonly termMonths: number };
  readonly applicant: { readonly name: string; readonly chamberOfCommerceNumber: string };
  readonly sondage?: {
    readonly outcome: 'positive' | 'negative';
    readonly reasoning: string;
    readonly criteria: readonly number[];
    readonly decisionDate: string;
  };
  readonly applicationChanges?: {
    readonly changes: readonly {
      readonly field: string;
      readonly sondage: unknown;
      readonly application: unknown;
    }[];
    readonly notCoveredBySondage: readonly string[];
  };
  readonly policyVersion?: string;
  readonly extensions: number;
  readonly lastDecision: { readonly type: string; readonly decisionDate: string };
  readonly revocationProposal?: {
    readonly proposedBy: Official;
    readonly proposedOn: string;
    readonly circumstances: string;
    readonly criteria: readonly number[];
    readonly evidence: readonly Evidence[];
  };
  readonly suspension?: {
    readonly suspendedOn: string;
    readonly suspendedBy: Official;
    readonly reasons: string;
    readonly criteria: readonly number[];
  };
  readonly suspensions: readonly { readonly from: string; readonly until: string }[];
  readonly holds: readonly {
    readonly heldOn: string;
    readonly reason: string;
    readonly heldBy: Official;
    readonly measureId: string | null;
  }[];
  readonly onHold: boolean;
  readonly reassessments: number;
  readonly reassessmentRequests: readonly { readonly measureId: string; readonly requestedOn: string }[];
  /** When the case's first event was recorded, and by whom. */
  readonly registeredAt: string;
  readonly registeredBy: Official;
  /** The calendar date the status was evaluated on. */
  readonly evaluatedOn: string;
  /** Whether the licence could be used for export on `evaluatedOn`. */
  readonly valid: boolean;
  readonly asOf?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** One decision or step in a case's record (GET /api/licences/{id}/history). */
export interface DecisionEntry {
  readonly revision: number;
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** Business time: the date the decision took effect. */
  readonly decisionDate: string;
  readonly occurredAt: string;
  /** Recorded time: when the record received it. */
  readonly recordedAt: string;
  readonly actor: Official;
  readonly correlationId: string;
  readonly causationId: string;
  readonly imported: unknown;
  readonly ruleId: string | null;
  readonly policyVersion: string | null;
  /** What justified the decision, as recorded (reasoning, criteria, evidence...). */
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface LicenceHistory {
  readonly id: string;
  readonly decisions: readonly DecisionEntry[];
}

/** What a command answers. */
export interface CommandResult {
  readonly id: string;
  readonly revision: number;
  readonly status: LicenceStatus;
  readonly validFrom?: string;
  readonly validUntil?: string;
  readonly ruleId?: string;
  readonly position: number;
}
