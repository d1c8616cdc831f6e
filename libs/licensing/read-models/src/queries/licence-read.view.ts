import { licenceViewOf } from '@licences/licensing-application';
import type { LicenceView } from '@licences/licensing-application';
import { isValidOn } from '@licences/licensing-domain';
import type { Actor } from '@licences/event-store';
import type { LicenceCase, LocalDate } from '@licences/licensing-domain';
import type { Registration } from '../time-travel';

/** A case as a query answers it: its view on the date asked, and whether it was valid that day. */
export interface LicenceReadView extends LicenceView {
  /** The calendar date the status was evaluated on. */
  readonly evaluatedOn: LocalDate;
  /** True when the licence could be used for export on `evaluatedOn`. */
  readonly valid: boolean;
  /** Set when the answer ignores what was recorded after this instant. */
  readonly asOf?: string;
  /** When the case's first event was recorded (ISO instant): how long it has been waiting. */
  readonly registeredAt: string;
  /** The official who recorded the case's first event. */
  readonly registeredBy: Actor;
}

export function readViewOf(
  state: LicenceCase,
  revision: number,
  on: LocalDate,
  { registeredAt, registeredBy }: Registration,
  asOf?: string,
): LicenceReadView {
  return {
    ...licenceViewOf(state, revision, on),
    evaluatedOn: on,
    valid: isValidOn(state, on),
    registeredAt,
    registeredBy: { sub: registeredBy.sub, role: registeredBy.role },
    ...(asOf !== undefined && { asOf }),
  };
}
