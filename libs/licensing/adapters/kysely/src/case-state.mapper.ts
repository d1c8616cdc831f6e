import type { RecordedEvent } from '@licences/event-store';
import { LICENCE_STREAM_PREFIX } from '@licences/licensing-application';
import { withCurrentDetails } from '@licences/licensing-domain';
import type { LicenceCase } from '@licences/licensing-domain';

/** The case a licence stream belongs to; undefined for other streams (the projections skip those). */
export function caseIdOf(streamId: string): string | undefined {
  return streamId.startsWith(LICENCE_STREAM_PREFIX)
    ? streamId.slice(LICENCE_STREAM_PREFIX.length)
    : undefined;
}

/** The distinct cases of a batch's events, in order of first appearance. */
export function caseIdsOf(events: readonly RecordedEvent[]): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    const caseId = caseIdOf(event.streamId);
    if (caseId !== undefined) ids.add(caseId);
  }
  return [...ids];
}

/** A stored working state; one stored before cases had several destinations reads in the current shape. */
export function parseCaseState(json: string | undefined): LicenceCase | undefined {
  return json === undefined ? undefined : withCurrentDetails(JSON.parse(json) as LicenceCase);
}
