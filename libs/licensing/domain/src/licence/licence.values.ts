import type { ValidityQuestion } from '../policy/validity-policy.evaluator';
import type { LocalDate } from '../shared/local-date';

export const LICENCE_KINDS = ['individual', 'global', 'transit', 'brokering'] as const;
export type LicenceKind = (typeof LICENCE_KINDS)[number];

export const GOODS_CATEGORIES = ['military', 'dual-use'] as const;
export type GoodsCategory = (typeof GOODS_CATEGORIES)[number];

/** A definitive export leaves for good; a temporary one comes back (trade fair, repair, testing). */
export const EXPORT_TYPES = ['definitive', 'temporary'] as const;
export type ExportType = (typeof EXPORT_TYPES)[number];

/** Why goods leave temporarily; Kamerstuk 22054-388 names trade fairs ("aanvragen voor beurzen"). */
export const TEMPORARY_EXPORT_PURPOSES = [
  'exhibition-or-demonstration',
  'repair',
  'testing',
  'other',
] as const;
export type TemporaryExportPurpose = (typeof TEMPORARY_EXPORT_PURPOSES)[number];

export const PROCEDURES = ['sondage', 'application'] as const;
export type Procedure = (typeof PROCEDURES)[number];

/** EU Common Position 2008/944/CFSP art. 2 criteria, numbered 1..8. */
export type Criterion = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
export const CRITERIA: readonly Criterion[] = [1, 2, 3, 4, 5, 6, 7, 8];

export function isCriterion(value: unknown): value is Criterion {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 8;
}

/** EU Common Military List ML1..ML22, optionally with sub-items such as `ML10.a` or `ML10.a.1`. */
export const MILITARY_ENTRY = /^ML(?:[1-9]|1[0-9]|2[0-2])(?:\.[a-z0-9]+)*$/;
/** Regulation (EU) 2021/821 Annex I: category digit, product group A-E, three digits, optional sub-items (`5A002.a.1`). */
export const DUAL_USE_ENTRY = /^[0-9][A-E][0-9]{3}(?:\.[a-z0-9]+)*$/;

export function controlListEntryPattern(category: GoodsCategory): RegExp {
  return category === 'military' ? MILITARY_ENTRY : DUAL_USE_ENTRY;
}

/** The ML category (`ML10`) or dual-use category digit and group (`5A`) a control-list entry falls under. */
export function controlListCategory(entry: string): string {
  const military = /^(ML\d+)/.exec(entry);
  if (military) return military[1] as string;
  return entry.slice(0, 2);
}

export interface Applicant {
  readonly name: string;
  readonly chamberOfCommerceNumber: string;
}

export interface GoodsItem {
  readonly controlListEntry: string;
  readonly description: string;
  readonly quantity: number;
  readonly valueEur: number;
}

export interface Destination {
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly endUser: string;
}

/** The intended contract, where the applicant states it (used by the contract-duration what-if policy). */
export interface ContractTerm {
  readonly termMonths: number;
}

/**
 * What the case is about; set when the case is registered and, once, when a sondage is followed
 * by an application that changes it.
 */
export interface CaseDetails {
  readonly contract?: ContractTerm;
  readonly applicant: Applicant;
  readonly kind: LicenceKind;
  readonly afterSales: boolean;
  readonly goodsCategory: GoodsCategory;
  readonly goods: readonly GoodsItem[];
  readonly exportType: ExportType;
  /** Present exactly when `exportType` is `temporary`. */
  readonly temporaryPurpose?: TemporaryExportPurpose;
  /** True when the licence is partly governed by the Wet wapens en munitie (firearms). */
  readonly firearmsAct: boolean;
  /** Exactly one for an individual, transit or brokering licence; one or more for a global one. */
  readonly destinations: readonly Destination[];
}

/** What the validity table asks of a case. */
export function validityQuestionOf(details: CaseDetails): ValidityQuestion {
  const { goodsCategory, kind, afterSales, exportType, firearmsAct } = details;
  return {
    destinations: destinationCountries(details),
    goodsCategory,
    kind,
    afterSales,
    exportType,
    firearmsAct,
  };
}

/** The countries of a case's destinations, in the order given. */
export function destinationCountries(details: Pick<CaseDetails, 'destinations'>): string[] {
  return details.destinations.map((d) => d.country);
}

export interface Finding {
  readonly criterion: Criterion;
  readonly finding: string;
}

export interface Assessment {
  readonly summary: string;
  readonly findings: readonly Finding[];
}

export interface Evidence {
  readonly title: string;
  readonly source: string;
  readonly date: LocalDate;
  readonly reference: string;
  readonly sha256?: string;
}

/**
 * The official who takes a decision or a step on a case: the token's subject and the one role the
 * request acts in. Separation of duties compares officials by `sub`: one person, whatever role.
 */
export interface Official {
  readonly sub: string;
  readonly role: string;
}
