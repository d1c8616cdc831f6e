import type { RecordedEvent } from '@licences/event-store';
import {
  firstDestinationOf,
  fromRecordedEvent,
  LICENCE_STREAM_PREFIX,
} from '@licences/licensing-application';
import { daysBetween, evolve, withCurrentDetails } from '@licences/licensing-domain';
import type { LicenceCase, LocalDate } from '@licences/licensing-domain';
import type { RevocationJustification } from '../read-model.rows';

export interface RevocationProjectionStep {
  /** The case after the event, kept by the projection to know the licence as it stood at revocation. */
  readonly state: LicenceCase;
  /** Set when the event is the revocation. */
  readonly justification?: RevocationJustification;
}

export function projectRevocation(
  previous: LicenceCase | undefined,
  recorded: RecordedEvent,
): RevocationProjectionStep | undefined {
  if (!recorded.streamId.startsWith(LICENCE_STREAM_PREFIX)) return undefined;
  const event = fromRecordedEvent(recorded);
  // A working state stored before cases had several destinations holds the old shape.
  const before = previous && withCurrentDetails(previous);
  const state = evolve(before, event) as LicenceCase;
  if (event.type !== 'RevokedForChangedCircumstances' || !before) return { state };
  const { data } = event;
  const revokedOn = data.decisionDate;
  const issuedOn = before.issuedOn as LocalDate;
  const validUntil = data.validUntilAtRevocation;
  const { details } = before;
  const first = firstDestinationOf(state);
  return {
    state,
    justification: {
      caseId: state.caseId,
      revision: recorded.revision,
      position: recorded.position,
      revokedOn,
      recordedAt: recorded.recordedAt,
      proposedBy: data.proposedBy,
      proposedOn: data.proposedOn,
      approvedBy: data.approvedBy,
      effectiveOn: data.effectiveOn,
      objectionDeadline: data.objectionDeadline,
      objectionTermId: data.objectionTermId,
      circumstances: data.circumstances,
      criteria: data.criteria,
      evidence: data.evidence,
      additionalEvidence: data.additionalEvidence,
      destinationCountry: first.country,
      endUser: first.endUser,
      destinations: details.destinations,
      kind: details.kind,
      goodsCategory: details.goodsCategory,
      goods: details.goods,
      issuedOn,
      validFrom: before.validFrom as LocalDate,
      validUntil,
      extensions: before.extensions,
      daysOfValidityLeft: Math.max(0, daysBetween(data.effectiveOn, validUntil) + 1),
      daysBetweenIssueAndRevocation: daysBetween(issuedOn, revokedOn),
    },
  };
}
