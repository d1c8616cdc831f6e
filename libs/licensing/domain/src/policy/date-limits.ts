import { ruleViolation } from '../shared/domain-error';
import { addMonths, compareDates } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import type { RuleSource } from './validity-policy';
import { validUntilFor } from './validity-policy.evaluator';

/** How far after the decision date a licence may start, as a dated row with its source. */
export interface ValidFromLimit {
  readonly id: string;
  readonly months: number;
  /** First decision date on which the row applies; absent: always. */
  readonly inForceFrom?: LocalDate;
  /** Last decision date on which the row applies; absent: still in force. */
  readonly inForceUntil?: LocalDate;
  readonly source: RuleSource;
}

export const VALID_FROM_LIMITS: readonly ValidFromLimit[] = [
  {
    id: 'valid-from-within-12-months',
    months: 12,
    source: {
      reference: 'assumption: neither the letter BZ2408569 (Kamerstuk 22054-438) nor the brief sets a limit',
      assumption: true,
      note:
        'A licence decides on a concrete transaction against the situation in the destination on the ' +
        'decision date, and the cabinet keeps validity periods short so that each renewal weighs that ' +
        'situation again (the letter; motion Ram not adopted). A start more than a year after the decision ' +
        'would let a licence run on an assessment older than the shortest period the table gives (one ' +
        'year). A licence that is to start later is applied for later.',
    },
  },
];

/**
 * The longest period the system records as a licence's validity, in months: the longest contract
 * term a case may state (the contract-duration what-if gives validity for it). Every row of the
 * validity table is far shorter; an imported history may deviate from the table (oversight reports
 * that), but an end further ahead than this is a wrong record, not a period of a licence.
 */
export const LONGEST_VALIDITY_MONTHS = 600;

function inForce(limit: ValidFromLimit, on: LocalDate): boolean {
  if (limit.inForceFrom && compareDates(on, limit.inForceFrom) < 0) return false;
  if (limit.inForceUntil && compareDates(on, limit.inForceUntil) > 0) return false;
  return true;
}

/** The limit on validFrom in force on a decision date, and the latest validFrom it allows. */
export function validFromLimitOn(
  decisionDate: LocalDate,
  limits: readonly ValidFromLimit[] = VALID_FROM_LIMITS,
): { readonly limit: ValidFromLimit; readonly latestValidFrom: LocalDate } {
  const limit = limits.find((l) => inForce(l, decisionDate));
  if (!limit) throw new Error(`No validFrom limit is in force on ${decisionDate}`);
  return { limit, latestValidFrom: addMonths(decisionDate, limit.months) };
}

/**
 * Refuses a validFrom later than the limit in force on the decision date allows.
 * @throws DomainError VALID_FROM_TOO_FAR_AHEAD (rule-violation).
 */
export function checkValidFromNotTooFarAhead(validFrom: LocalDate, decisionDate: LocalDate): void {
  const { limit, latestValidFrom } = validFromLimitOn(decisionDate);
  if (compareDates(validFrom, latestValidFrom) <= 0) return;
  throw ruleViolation(
    'VALID_FROM_TOO_FAR_AHEAD',
    `validFrom ${validFrom} lies more than ${limit.months} months after the decision date ${decisionDate}; the latest start allowed is ${latestValidFrom}`,
    { field: 'validFrom', decisionDate, latestValidFrom, limitId: limit.id, months: limit.months },
  );
}

/** The furthest end of validity the system records for a period starting on `start`. */
export function latestRecordedValidUntil(start: LocalDate): LocalDate {
  return validUntilFor(start, LONGEST_VALIDITY_MONTHS);
}
