import type { LicenceEvent } from '../licence/licence.events';
import type { LicenceCase, LicenceState } from '../licence/licence.state';
import { destinationCountries, validityQuestionOf } from '../licence/licence.values';
import type { GoodsCategory, LicenceKind } from '../licence/licence.values';
import type { RuleSource, ValidityPolicy } from '../policy/validity-policy';
import { applicableRule, validUntilFor } from '../policy/validity-policy.evaluator';
import { compareDates, daysBetween } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import { applyRecorded } from './replay';

/*
 * What-if: the decisions of a period replayed under another validity policy, compared with what
 * was decided. Semantics, chosen so that the numbers can be checked by hand:
 * - The period selects licences by the decision date of their issue; every later decision on
 *   them (extensions, revocation) counts, whenever it was taken.
 * - The variant changes only the period given at issue: what-if end = validFrom + the variant's
 *   months - 1 day.
 * - An extension was not needed when the what-if end already reached the end the extension gave.
 *   An extension still needed is taken as decided (its end date), because its reassessment was a
 *   decision of its own that the variant does not change.
 * - A revoked licence would have run for (what-if end - revocation date) days more; 0 when the
 *   what-if licence had already ended by then.
 */

export const WHAT_IF_POLICIES = ['contract-duration', 'national'] as const;
export type WhatIfPolicyName = (typeof WHAT_IF_POLICIES)[number];

export function isWhatIfPolicyName(value: unknown): value is WhatIfPolicyName {
  return typeof value === 'string' && (WHAT_IF_POLICIES as readonly string[]).includes(value);
}

/** How a variant sets the period of a licence at issue. */
export type VariantValidity = 'national-rule' | 'contract-term-else-national-rule';

export interface PolicyVariant {
  readonly id: WhatIfPolicyName;
  readonly title: string;
  readonly validity: VariantValidity;
  readonly source: RuleSource;
}

export const POLICY_VARIANTS: Readonly<Record<WhatIfPolicyName, PolicyVariant>> = {
  national: {
    id: 'national',
    title: 'The national validity table in force on each decision date (the baseline)',
    validity: 'national-rule',
    source: { reference: 'letter BZ2408569 (Kamerstuk 22054-438)' },
  },
  'contract-duration': {
    id: 'contract-duration',
    title: 'Validity for the whole intended contract term (motion Ram), else the national rule',
    validity: 'contract-term-else-national-rule',
    source: {
      reference: 'Motion Ram, Kamerstuk 36550-XVII-18 (studied, not adopted)',
      // The motion ties validity to the contract: a term shorter than the national period gives
      // a shorter licence, so differences can be negative. Cases that state no term keep the
      // national rule, since the motion offers nothing else to go by.
      note: 'Validity = contract.termMonths for a definitive individual or global export licence for military goods (delivery and maintenance) whose application states a term; every other licence keeps the national rule on the decision date.',
      assumption: true,
    },
  },
};

export type PeriodBasis = 'contract-term' | 'national-rule';

export interface WhatIfPeriod {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

export interface WhatIfRevocation {
  readonly revokedOn: LocalDate;
  /** Recorded end of validity minus the revocation date, in days (0 if already ended). */
  readonly actualDaysAfterRevocation: number;
  /** What-if end minus the revocation date, in days (0 if already ended). */
  readonly whatIfDaysAfterRevocation: number;
  readonly whatIfEndedBeforeRevocation: boolean;
}

export interface WhatIfLicence {
  readonly caseId: string;
  /** The destinations' codes joined by a space; see `destinations`. */
  readonly destination: string;
  readonly destinations: readonly string[];
  readonly kind: LicenceKind;
  readonly goodsCategory: GoodsCategory;
  readonly afterSales: boolean;
  readonly contractTermMonths: number | null;
  readonly issuedOn: LocalDate;
  readonly validFrom: LocalDate;
  readonly basis: PeriodBasis;
  /**
   * False where the variant does not reach this licence and the national rule stands: under
   * contract-duration every licence but a definitive military export (see coveredByMotionRam).
   */
  readonly coveredByVariant: boolean;
  readonly months: { readonly actual: number | null; readonly whatIf: number };
  /** End of validity as issued, before any extension. */
  readonly issuedValidUntil: { readonly actual: LocalDate; readonly whatIf: LocalDate };
  /** End of validity after every extension. */
  readonly validUntil: { readonly actual: LocalDate; readonly whatIf: LocalDate };
  /** What-if end minus actual end (after extensions), in days: positive when the what-if runs longer. */
  readonly differenceDays: number;
  readonly extensions: number;
  readonly extensionsNotNeeded: number;
  readonly revocation?: WhatIfRevocation;
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
  /** Licences the variant does not reach, which keep the national rule. */
  readonly notCoveredByVariant: number;
  readonly actualDaysAfterRevocation: number;
  readonly whatIfDaysAfterRevocation: number;
}

export interface WhatIfComparison {
  readonly policy: PolicyVariant;
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly licences: readonly WhatIfLicence[];
  readonly totals: WhatIfTotals;
}

function periodUnder(variant: PolicyVariant, state: LicenceCase, on: LocalDate, policy: ValidityPolicy) {
  const national = applicableRule(policy, validityQuestionOf(state.details), on).months;
  switch (variant.validity) {
    case 'national-rule':
      return { months: national, basis: 'national-rule' as const };
    case 'contract-term-else-national-rule': {
      const term = state.details.contract?.termMonths;
      return term === undefined || !coveredByMotionRam(state.details)
        ? { months: national, basis: 'national-rule' as const }
        : { months: term, basis: 'contract-term' as const };
    }
    default: {
      const unexpected: never = variant.validity;
      throw new Error(`Unknown variant validity ${String(unexpected)}`);
    }
  }
}

/**
 * Motion Ram concerns licences for the delivery and maintenance of defence products: definitive
 * individual or global export licences for military goods (after-sales ones included). Transit,
 * brokering, temporary exports and dual-use goods keep the national rule under the variant.
 */
export function coveredByMotionRam(details: LicenceCase['details']): boolean {
  return (
    details.goodsCategory === 'military' &&
    (details.kind === 'individual' || details.kind === 'global') &&
    details.exportType === 'definitive'
  );
}

const inPeriod = (date: LocalDate, period: WhatIfPeriod) =>
  compareDates(period.from, date) <= 0 && compareDates(date, period.to) <= 0;

const daysAfter = (from: LocalDate, until: LocalDate) => Math.max(0, daysBetween(from, until));

type Tracked = Omit<WhatIfLicence, 'validUntil' | 'differenceDays'> & {
  actualUntil: LocalDate;
  whatIfUntil: LocalDate;
};

/**
 * One licence under a variant, from its recorded decisions in stream order; undefined when the
 * case has no issue decided within the period.
 */
export function whatIfForCase(
  events: readonly LicenceEvent[],
  variant: PolicyVariant,
  period: WhatIfPeriod,
  policy: ValidityPolicy,
): WhatIfLicence | undefined {
  let state: LicenceState = undefined;
  let tracked: Tracked | undefined;
  for (const event of events) {
    const before = state;
    state = applyRecorded(state, event);
    switch (event.type) {
      case 'Issued': {
        const { decisionDate, validFrom, validUntil } = event.data;
        tracked = undefined;
        if (!before || !inPeriod(decisionDate, period)) break;
        const { months, basis } = periodUnder(variant, before, decisionDate, policy);
        const whatIfUntil = validUntilFor(validFrom, months);
        tracked = {
          caseId: before.caseId,
          destination: destinationCountries(before.details).join(' '),
          destinations: destinationCountries(before.details),
          kind: before.details.kind,
          goodsCategory: before.details.goodsCategory,
          afterSales: before.details.afterSales,
          contractTermMonths: before.details.contract?.termMonths ?? null,
          issuedOn: decisionDate,
          validFrom,
          basis,
          coveredByVariant: variant.validity === 'national-rule' || coveredByMotionRam(before.details),
          // Imported payloads may lack the rule; the recorded end date is what counts.
          months: {
            actual: (event.data.rule as { months?: number } | undefined)?.months ?? null,
            whatIf: months,
          },
          issuedValidUntil: { actual: validUntil, whatIf: whatIfUntil },
          extensions: 0,
          extensionsNotNeeded: 0,
          actualUntil: validUntil,
          whatIfUntil,
        };
        break;
      }
      case 'Extended': {
        if (!tracked) break;
        const covered = compareDates(tracked.whatIfUntil, event.data.validUntil) >= 0;
        tracked = {
          ...tracked,
          extensions: tracked.extensions + 1,
          extensionsNotNeeded: tracked.extensionsNotNeeded + (covered ? 1 : 0),
          actualUntil: event.data.validUntil,
          whatIfUntil: covered ? tracked.whatIfUntil : event.data.validUntil,
        };
        break;
      }
      case 'RevokedForChangedCircumstances': {
        if (!tracked) break;
        // Counted from the day the revocation took effect (its decision date; see REVOCATION_EFFECT).
        const revokedOn = event.data.effectiveOn;
        tracked = {
          ...tracked,
          revocation: {
            revokedOn,
            actualDaysAfterRevocation: daysAfter(revokedOn, tracked.actualUntil),
            whatIfDaysAfterRevocation: daysAfter(revokedOn, tracked.whatIfUntil),
            whatIfEndedBeforeRevocation: compareDates(tracked.whatIfUntil, revokedOn) < 0,
          },
        };
        break;
      }
      case 'SondageRequested':
      case 'SondageAnswered':
      case 'Applied':
      case 'Denied':
      case 'Withdrawn':
      // A proposal changes nothing about the licence's validity until it is approved.
      case 'RevocationProposed':
      case 'RevocationProposalWithdrawn':
      case 'RevocationProposalRejected':
      // A suspension does not move the end date; holds and reassessments change no period.
      case 'Reassessed':
      case 'Suspended':
      case 'Reinstated':
      case 'PutOnHold':
      case 'Released':
      case 'ReassessmentRequested':
        break;
      default: {
        const unexpected: never = event;
        throw new Error(`Unknown licence event ${(unexpected as { type: string }).type}`);
      }
    }
  }
  if (!tracked) return undefined;
  const { actualUntil, whatIfUntil, ...licence } = tracked;
  return {
    ...licence,
    validUntil: { actual: actualUntil, whatIf: whatIfUntil },
    differenceDays: daysBetween(actualUntil, whatIfUntil),
  };
}

export function whatIfTotals(licences: readonly WhatIfLicence[]): WhatIfTotals {
  const sum = (of: (l: WhatIfLicence) => number) => licences.reduce((total, l) => total + of(l), 0);
  return {
    licences: licences.length,
    longer: licences.filter((l) => l.differenceDays > 0).length,
    shorter: licences.filter((l) => l.differenceDays < 0).length,
    unchanged: licences.filter((l) => l.differenceDays === 0).length,
    differenceDays: sum((l) => l.differenceDays),
    extensions: sum((l) => l.extensions),
    extensionsNotNeeded: sum((l) => l.extensionsNotNeeded),
    revoked: licences.filter((l) => l.revocation !== undefined).length,
    notCoveredByVariant: licences.filter((l) => !l.coveredByVariant).length,
    actualDaysAfterRevocation: sum((l) => l.revocation?.actualDaysAfterRevocation ?? 0),
    whatIfDaysAfterRevocation: sum((l) => l.revocation?.whatIfDaysAfterRevocation ?? 0),
  };
}

export function whatIfComparison(
  variant: PolicyVariant,
  period: WhatIfPeriod,
  licences: readonly WhatIfLicence[],
): WhatIfComparison {
  return { policy: variant, from: period.from, to: period.to, licences, totals: whatIfTotals(licences) };
}
