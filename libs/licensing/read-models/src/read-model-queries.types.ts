import type {
  GoodsCategory,
  LicenceEventType,
  LicenceKind,
  LicenceStatus,
  LocalDate,
} from '@licences/licensing-domain';

export interface LicenceFilter {
  readonly status?: LicenceStatus;
  readonly destination?: string;
  readonly goodsCategory?: GoodsCategory;
  /** Matches the entry itself and its sub-items: `ML10` matches `ML10.a`. */
  readonly controlListEntry?: string;
  readonly kind?: LicenceKind;
  /** Only the cases with (true) or without (false) a hold in force. */
  readonly onHold?: boolean;
  /** Only the cases whose registration (first event) this official (actor sub) recorded. */
  readonly registeredBy?: string;
  /** Only the cases with (true) or without (false) a reassessment a country measure asked for. */
  readonly reassessmentRequested?: boolean;
  /** Only the cases with (true) or without (false) an open revocation proposal. */
  readonly revocationProposed?: boolean;
  /** Only the licences whose `validUntil` is on or after this date. */
  readonly expiresFrom?: LocalDate;
  /** Only the licences whose `validUntil` is on or before this date. */
  readonly expiresTo?: LocalDate;
}

/** The filters on what a case may change after registration: judged on its state at the time asked. */
export const CHANGING_FILTERS = [
  'status',
  'onHold',
  'reassessmentRequested',
  'revocationProposed',
  'expiresFrom',
  'expiresTo',
] as const;

/** Filters on what a case never changes after registration. */
export type StableLicenceFilter = Omit<LicenceFilter, (typeof CHANGING_FILTERS)[number]>;

export function stableFilterOf(filter: LicenceFilter): StableLicenceFilter {
  const changing: readonly string[] = CHANGING_FILTERS;
  return Object.fromEntries(Object.entries(filter).filter(([key]) => !changing.includes(key)));
}

/**
 * The order of a listing: `registered`, oldest registration first; `expiry`, soonest `validUntil`
 * first (cases without one last), then by registration. The case id breaks the remaining ties.
 */
export const LICENCE_SORTS = ['registered', 'expiry'] as const;
export type LicenceSort = (typeof LICENCE_SORTS)[number];

export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
}

/** One page of case ids in listing order, and how many cases match in all. */
export interface CasePage {
  readonly caseIds: string[];
  readonly total: number;
}

/** A decision's place in the index of decision dates: the order in which a period lists them. */
export interface DecisionKey {
  readonly decisionDate: LocalDate;
  readonly caseId: string;
  readonly revision: number;
}

/** The decisions (history rows) dated from `from` to `to` inclusive, of `types` only when given. */
export interface DecisionPeriod {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly types?: readonly LicenceEventType[];
}

/** A page of a period's decisions, with what identifies the period's rows as a whole. */
export interface DecisionPage {
  readonly keys: DecisionKey[];
  /** How many decisions the period has. */
  readonly total: number;
  /**
   * The highest global position among the period's rows (0: none). History rows are only ever
   * appended, at positions above every stored one, so while `total` and `lastPosition` stay the
   * same, so do the period's rows.
   */
  readonly lastPosition: number;
}
