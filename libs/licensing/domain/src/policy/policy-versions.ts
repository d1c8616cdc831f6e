import { addDays, compareDates } from '../shared/local-date';
import type { LocalDate } from '../shared/local-date';
import type { ValidityPolicy, ValidityRule } from './validity-policy';
import { policyVersionOn } from './validity-policy.evaluator';

/** The validity table as it stood during one stretch of dates: the rows in force throughout it. */
export interface PolicyVersion {
  /** The label decisions record: `<policy id>@<first day>`, or `@initial` before the first dated row. */
  readonly version: string;
  /** First decision date of this version; null for the initial version, in force since always. */
  readonly inForceFrom: LocalDate | null;
  /** Last decision date of this version; absent while it is still in force. */
  readonly inForceUntil?: LocalDate;
  readonly rows: readonly ValidityRule[];
}

/** Every date on which a row of the table starts or stops applying, in order. */
function changeDates(policy: ValidityPolicy): LocalDate[] {
  const dates = policy.rules.flatMap((r) => [
    r.inForceFrom,
    r.inForceUntil ? addDays(r.inForceUntil, 1) : undefined,
  ]);
  return [...new Set(dates.filter((d): d is LocalDate => d !== undefined))].sort(compareDates);
}

function inForceThroughout(rule: ValidityRule, from: LocalDate | null): boolean {
  // The initial version lasts until the first change, so only undated rows held during it.
  if (from === null) return rule.inForceFrom === undefined;
  if (rule.inForceFrom && compareDates(from, rule.inForceFrom) < 0) return false;
  if (rule.inForceUntil && compareDates(from, rule.inForceUntil) > 0) return false;
  return true;
}

/**
 * Every version of the table, oldest first. A version begins on each change date; its label is
 * the one `policyVersionOn` gives for any date in it, so that a recorded `policyVersion` can be
 * looked up here.
 */
export function policyVersions(policy: ValidityPolicy): PolicyVersion[] {
  const starts: (LocalDate | null)[] = [null, ...changeDates(policy)];
  return starts.map((from, i) => {
    const next = starts[i + 1];
    return {
      version: from === null ? `${policy.id}@initial` : policyVersionOn(policy, from),
      inForceFrom: from,
      ...(next ? { inForceUntil: addDays(next, -1) } : {}),
      rows: policy.rules.filter((rule) => inForceThroughout(rule, from)),
    };
  });
}
