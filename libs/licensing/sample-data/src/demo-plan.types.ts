import type {
  ExportType,
  LicenceCommand,
  LicenceEvent,
  LicenceKind,
  GoodsCategory,
  LocalDate,
  TemporaryExportPurpose,
} from '@licences/licensing-domain';
import type { DestinationGroup } from './destinations.catalogue';
import type { DemoOfficial } from './wording.catalogue';

/** The lifecycle a case is planned to follow; a case cut short by today ends earlier on its path. */
export const DEMO_PATHS = [
  'issue',
  'issue-extend',
  'issue-revoke',
  'issue-extend-revoke',
  'issue-revocation-rejected',
  'issue-revocation-withdrawn',
  'deny',
  'withdraw-application',
  'sondage-issue',
  'sondage-deny',
  'sondage-negative',
  'sondage-withdraw',
  'sondage-positive-no-application',
  'sondage-apply-withdraw',
] as const;
export type DemoPath = (typeof DEMO_PATHS)[number];

/** Where a case stands at the end of the plan. */
export const DEMO_OUTCOMES = [
  'issued',
  'revoked',
  'denied',
  'withdrawn',
  'sondage-positive',
  'sondage-negative',
  'pending-sondage',
  'pending-application',
] as const;
export type DemoOutcome = (typeof DEMO_OUTCOMES)[number];

/**
 * Deliberate deviations in the imported history, each of which oversight replay must flag as
 * VALIDITY_LONGER_THAN_RULE (severity deviation); `shorter-period` is allowed and only a note.
 */
export const IMPORTED_DEVIATIONS = [
  'three-years-non-ally',
  'three-years-turkey',
  'three-years-dual-use',
  'extension-beyond-rule',
  'after-sales-before-rule',
  'transit-three-years',
] as const;
export type ImportedDeviation = (typeof IMPORTED_DEVIATIONS)[number];
export type ImportedVariant = ImportedDeviation | 'shorter-period';

/** What a case is and how it ends, known when the plan is made. */
export interface DemoCase {
  readonly caseId: string;
  readonly source: 'live' | 'imported';
  readonly path: DemoPath;
  readonly outcome: DemoOutcome;
  readonly extensions: number;
  /** The first destination and the group it was drawn from. */
  readonly destination: { readonly country: string; readonly group: DestinationGroup };
  /** Every destination's country, the first one first (several for some global licences). */
  readonly destinations: readonly string[];
  readonly kind: LicenceKind;
  readonly exportType: ExportType;
  readonly temporaryPurpose?: TemporaryExportPurpose;
  readonly firearmsAct: boolean;
  /** The fields an application after a sondage changed against it; absent where none did. */
  readonly changedAtApplication?: readonly string[];
  readonly goodsCategory: GoodsCategory;
  readonly afterSales: boolean;
  /** Sum of the goods lines. */
  readonly valueEur: number;
  readonly controlListEntries: readonly string[];
  readonly validFrom?: LocalDate;
  readonly validUntil?: LocalDate;
  /** Imported cases only: the deliberate deviation (or note) planted in the case. */
  readonly variant?: ImportedVariant;
}

/** One command of the plan, to be decided at business instant `at` by `actor`. */
export interface DemoStep {
  /** ISO instant (UTC) during office hours; its Amsterdam date is the decision date. */
  readonly at: string;
  readonly caseId: string;
  /** 0-based: the revision the step's (first) event gets. */
  readonly sequence: number;
  /** How many events the step records: two for a reassessment that proposes revocation. */
  readonly recorded: number;
  readonly actor: DemoOfficial;
  readonly command: LicenceCommand;
  /** Set on a case's first step. */
  readonly case?: DemoCase;
}

/** A step with the event the decider gave for it while the plan was made. */
export interface PlannedStep extends DemoStep {
  readonly event: LicenceEvent;
  /** The further events of the same decision: the RevocationProposed a reassessment opens. */
  readonly alsoRecorded?: readonly LicenceEvent[];
}

export interface CaseScript {
  readonly case: DemoCase;
  readonly steps: readonly PlannedStep[];
}
