import { licenceViewOf } from '@licences/licensing-application';
import type { LicenceView } from '@licences/licensing-application';
import { isValidOn } from '@licences/licensing-domain';
import type { LicenceCase, LocalDate } from '@licences/licensing-domain';

/** A case as a query answers it: its view on the date asked, and whether it was valid that day. */
export interface LicenceReadView extends LicenceView {
  /** The calendar date the status was evaluated on. */
  readonly evaluatedOn: LocalDate;
  /** True when the licence could be used for export on `evaluatedOn`. */
  readonly valid: boolean;
  /** Set when the answer ignores what was recorded after this instant. */
  readonly asOf?: string;
}

export function readViewOf(
  state: LicenceCase,
  revision: number,
  on: LocalDate,
  asOf?: string,
): LicenceReadView {
  return {
    ...licenceViewOf(state, revision, on),
    evaluatedOn: on,
    valid: isValidOn(state, on),
    ...(asOf !== undefined && { asOf }),
  };
}
