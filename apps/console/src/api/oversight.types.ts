import type { Official } from './licence.types';

/*
 * The JSON of the oversight routes (GET /api/oversight/integrity, /licences/{id}/replay,
 * /decisions, POST /what-if), as the console reads it. The OpenAPI document is the contract;
 * these types name the fields the console shows.
 */

export const FINDING_SEVERITIES = ['deviation', 'note'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export type FindingValue = string | number | readonly string[] | null;

/** What a re-check of a recorded decision found, with its stable `code`. */
export interface Finding {
  readonly code: string;
  readonly severity: FindingSeverity;
  /** What was compared, named as in the event's payload. */
  readonly field: string;
  readonly recorded: FindingValue;
  readonly expected: FindingValue;
  readonly message: string;
}

/** A finding as the replay lists it: with the case and the revision of the step it belongs to. */
export interface OversightFinding extends Finding {
  readonly caseId: string;
  readonly revision: number;
  readonly decisionType: string;
  readonly decisionDate: string;
}

export interface DecisionTerms {
  readonly ruleId: string | null;
  readonly months: number | null;
  readonly policyVersion: string | null;
  readonly validUntil: string;
  readonly countryGroups: readonly string[];
}

export interface DecisionRecheck {
  readonly decisionDate: string;
  readonly recorded: DecisionTerms;
  readonly expected: DecisionTerms & { readonly matchedRuleIds: readonly string[] };
  readonly findings: readonly Finding[];
}

export interface ImportMarker {
  readonly importId: string;
  readonly line: number;
  readonly uploadedBy: Official;
  readonly approvedBy: Official;
}

/** One step of a replay: who decided what when, and the re-check of issues and extensions. */
export interface ReplayStep {
  readonly revision: number;
  readonly type: string;
  readonly decisionDate: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: Official;
  /** What was decided and why, as recorded (upcast); null where no event decoded. */
  readonly decided: Readonly<Record<string, unknown>> | null;
  readonly imported?: ImportMarker;
  readonly recheck?: DecisionRecheck;
}

export interface CaseReplay {
  readonly id: string;
  readonly steps: readonly ReplayStep[];
  readonly findings: readonly OversightFinding[];
}

export interface DecisionInPeriod extends ReplayStep {
  readonly caseId: string;
}

/**
 * What a paged oversight answer adds when `page`/`pageSize` were sent: the page shown and how
 * many items match (all pages). The totals beside it stay those of the whole period.
 */
export interface ServerPage {
  readonly page?: number;
  readonly pageSize?: number;
  readonly matching?: number;
}

/** `any`: decisions with at least one finding, whatever its severity. */
export type SeverityFilter = FindingSeverity | 'any';

/** GET /api/oversight/decisions: with `code`, `severity`, `page`, `pageSize` one page of the matching decisions, and their findings. */
export interface DecisionsInPeriod extends ServerPage {
  readonly from: string;
  readonly to: string;
  readonly decisions: readonly DecisionInPeriod[];
  readonly findings: readonly OversightFinding[];
  readonly totals: {
    readonly decisions: number;
    readonly rechecked: number;
    readonly deviations: number;
    readonly notes: number;
  };
}

export type ProblemKind = 'changed' | 'removed' | 'inserted' | 'reordered';

export interface IntegrityAnswer {
  readonly intact: boolean;
  /** False when the store does not seal its events: then nothing could be checked. */
  readonly sealed: boolean;
  readonly eventsChecked: number;
  readonly headPosition: number;
  readonly headHash: string | null;
  readonly firstProblem?: {
    readonly kind: ProblemKind;
    readonly position: number;
    readonly eventId: string;
    readonly streamId: string;
    readonly revision: number;
    readonly detail: string;
  };
  readonly checkpoint?: { readonly position: number; readonly matches: boolean; readonly finding: string };
  readonly summary: string;
  readonly accessLog: {
    readonly intact: boolean;
    readonly recordsChecked?: number;
    readonly head?: { readonly seq: number; readonly hash: string } | null;
    readonly origin?: string | null;
    readonly firstProblem?: { readonly kind: ProblemKind; readonly seq: number; readonly detail: string };
    readonly anchor?: { readonly matches: boolean } | null;
    readonly summary: string;
  };
}

export const WHAT_IF_POLICIES = ['contract-duration', 'national'] as const;
export type WhatIfPolicy = (typeof WHAT_IF_POLICIES)[number];

export interface WhatIfLicence {
  readonly caseId: string;
  readonly destinations: readonly string[];
  readonly kind: string;
  readonly goodsCategory: string;
  readonly afterSales: boolean;
  readonly contractTermMonths: number | null;
  readonly issuedOn: string;
  readonly validFrom: string;
  readonly basis: 'contract-term' | 'national-rule';
  readonly coveredByVariant: boolean;
  readonly months: { readonly actual: number | null; readonly whatIf: number };
  readonly issuedValidUntil: { readonly actual: string; readonly whatIf: string };
  readonly validUntil: { readonly actual: string; readonly whatIf: string };
  readonly differenceDays: number;
  readonly extensions: number;
  readonly extensionsNotNeeded: number;
  readonly revocation?: {
    readonly revokedOn: string;
    readonly actualDaysAfterRevocation: number;
    readonly whatIfDaysAfterRevocation: number;
    readonly whatIfEndedBeforeRevocation: boolean;
  };
}

export interface WhatIfTotals {
  readonly licences: number;
  readonly longer: number;
  readonly shorter: number;
  readonly unchanged: number;
  readonly differenceDays: number;
  readonly extensions: number;
  readonly extensionsNotNeeded: number;
  readonly revoked: number;
  readonly notCoveredByVariant: number;
  readonly actualDaysAfterRevocation: number;
  readonly whatIfDaysAfterRevocation: number;
}

/** POST /api/oversight/what-if: with `page`, `pageSize` one page of the licences; totals of the whole period. */
export interface WhatIfComparison extends ServerPage {
  readonly policy: {
    readonly id: WhatIfPolicy;
    readonly title: string;
    readonly source: { readonly reference: string; readonly note?: string; readonly assumption?: boolean };
  };
  readonly from: string;
  readonly to: string;
  readonly licences: readonly WhatIfLicence[];
  readonly totals: WhatIfTotals;
}
