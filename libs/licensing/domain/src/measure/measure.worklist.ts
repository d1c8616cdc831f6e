import { destinationCountries } from '../licence/licence.values';
import type { LicenceCase } from '../licence/licence.state';
import { isValidOn } from '../licence/licence.status';
import type { LocalDate } from '../shared/local-date';

/*
 * Which cases a measure covers. A case counts when any of its destinations is the measure's (a
 * global licence may name several). The work list is chosen on the approval date; each case is
 * looked at again when the executor reaches it, since it may have moved on in between.
 */

function goesTo(state: LicenceCase, destination: string): boolean {
  return destinationCountries(state.details).includes(destination);
}

/** A sondage or application not yet decided, to the destination: the measure holds it. */
export function holdApplies(state: LicenceCase, destination: string): boolean {
  return (state.status === 'sondage-requested' || state.status === 'applied') && goesTo(state, destination);
}

/** An issued licence valid to the destination on `date`: the measure asks for its reassessment. */
export function reassessmentApplies(state: LicenceCase, destination: string, date: LocalDate): boolean {
  return state.status === 'issued' && isValidOn(state, date) && goesTo(state, destination);
}

export interface MeasureWorklist {
  readonly holds: string[];
  readonly reassessments: string[];
}

/** The work list of a measure over the given cases, on the approval date. */
export function measureWorklist(
  cases: Iterable<LicenceCase>,
  destination: string,
  approvedOn: LocalDate,
): MeasureWorklist {
  const holds: string[] = [];
  const reassessments: string[] = [];
  for (const state of cases) {
    if (holdApplies(state, destination)) holds.push(state.caseId);
    else if (reassessmentApplies(state, destination, approvedOn)) reassessments.push(state.caseId);
  }
  return { holds, reassessments };
}
