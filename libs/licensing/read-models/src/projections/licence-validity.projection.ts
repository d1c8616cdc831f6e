import type { RecordedEvent } from '@licences/event-store';
import {
  firstDestinationOf,
  fromRecordedEvent,
  LICENCE_STREAM_PREFIX,
} from '@licences/licensing-application';
import { destinationCountries, evolve, withCurrentDetails } from '@licences/licensing-domain';
import type { LicenceCase } from '@licences/licensing-domain';
import type { LicenceValidityRow } from '../read-model.rows';

/** The validity row after one more event of the case; undefined for events of other streams. */
export function projectValidity(
  previous: LicenceValidityRow | undefined,
  recorded: RecordedEvent,
): LicenceValidityRow | undefined {
  if (!recorded.streamId.startsWith(LICENCE_STREAM_PREFIX)) return undefined;
  // A row stored before cases had several destinations holds its state in the old shape.
  const before = previous && withCurrentDetails(previous.state);
  const state = evolve(before, fromRecordedEvent(recorded)) as LicenceCase;
  const { details } = state;
  const first = firstDestinationOf(state);
  return {
    caseId: state.caseId,
    revision: recorded.revision,
    position: recorded.position,
    status: state.status,
    procedure: state.procedure,
    kind: details.kind,
    afterSales: details.afterSales,
    goodsCategory: details.goodsCategory,
    destinationCountry: first.country,
    endUser: first.endUser,
    destinationCountries: destinationCountries(details),
    applicantName: details.applicant.name,
    chamberOfCommerceNumber: details.applicant.chamberOfCommerceNumber,
    controlListEntries: [...new Set(details.goods.map((g) => g.controlListEntry))],
    totalValueEur: details.goods.reduce((sum, g) => sum + g.valueEur, 0),
    validFrom: state.validFrom ?? null,
    validUntil: state.validUntil ?? null,
    ruleId: state.rule?.ruleId ?? null,
    policyVersion: state.rule?.policyVersion ?? null,
    lastDecisionType: state.lastDecision.type,
    lastDecisionDate: state.lastDecision.decisionDate,
    registeredAt: previous?.registeredAt ?? recorded.recordedAt,
    registeredBy: previous?.registeredBy ?? recorded.metadata.actor,
    updatedAt: recorded.recordedAt,
    state,
  };
}
