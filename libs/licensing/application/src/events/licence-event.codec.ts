import {
  currentCaseDetails,
  isLicenceEventType,
  LICENCE_EVENT_SCHEMA_VERSION,
  revocationTermsOn,
} from '@licences/licensing-domain';
import type { CaseDetails, LicenceEvent, LocalDate } from '@licences/licensing-domain';
import type { Actor, EventMetadata, NewEvent, RecordedEvent } from '@licences/event-store';

/** One stream per case. */
export const LICENCE_STREAM_PREFIX = 'licence-';

export function licenceStreamId(caseId: string): string {
  return `${LICENCE_STREAM_PREFIX}${caseId}`;
}

/** What an upcaster may read besides the payload: the metadata stored with the event. */
export interface StoredEventContext {
  readonly actor: Actor;
}

type Payload = Record<string, unknown>;
type Upcaster = (data: Payload, stored: StoredEventContext) => Payload;

/**
 * Upcasters turn a stored payload of an older schema version into the current one, one version
 * step at a time: `UPCASTERS[type][v]` maps version v to v + 1. Version 1 of Issued, Extended and
 * RevokedForChangedCircumstances named the official only in the metadata (`actor`), which is
 * where v2 takes it from: the official who signed the request (or, imported, the line's actor).
 */
const UPCASTERS: Partial<Record<LicenceEvent['type'], Record<number, Upcaster>>> = {
  // v1 details name one `destination` and no export type or firearms-act link: one destination,
  // a definitive export, no firearms act, as the rules read such a case when it was decided.
  SondageRequested: {
    1: (data) => ({ ...data, details: currentCaseDetails(data['details'] as CaseDetails) }),
  },
  // A v1 application after a sondage could not change the details: nothing changed.
  Applied: {
    1: (data) => ({
      ...data,
      details: currentCaseDetails(data['details'] as CaseDetails),
      changes: [],
      notCoveredBySondage: [],
    }),
  },
  Issued: { 1: (data, { actor }) => ({ ...data, issuedBy: actor }) },
  Extended: { 1: (data, { actor }) => ({ ...data, extendedBy: actor }) },
  RevokedForChangedCircumstances: {
    // A v1 revocation was taken by one official, before the four-eyes rule: no proposal exists.
    // Its effect and objection term follow from its decision date, as for any revocation.
    1: (data, { actor }) => ({
      ...data,
      additionalEvidence: [],
      proposedBy: null,
      proposedOn: null,
      approvedBy: actor,
      ...revocationTermsOn(data['decisionDate'] as LocalDate),
    }),
  },
};

export function toNewEvent(event: LicenceEvent, id: string, metadata: EventMetadata): NewEvent {
  return {
    id,
    type: event.type,
    schemaVersion: LICENCE_EVENT_SCHEMA_VERSION[event.type],
    data: event.data,
    metadata,
  };
}

/** Turns a stored payload of any known schema version into the current event. */
export function decodeLicenceEvent(
  type: string,
  schemaVersion: number,
  stored: unknown,
  context: StoredEventContext,
): LicenceEvent {
  if (!isLicenceEventType(type)) throw new Error(`Unknown licence event type ${type}`);
  const target = LICENCE_EVENT_SCHEMA_VERSION[type];
  let data = stored as Payload;
  for (let version = schemaVersion; version < target; version++) {
    const step = UPCASTERS[type]?.[version];
    if (!step) throw new Error(`No upcaster for ${type} v${version}`);
    data = step(data, context);
  }
  return { type, data } as unknown as LicenceEvent;
}

export function fromRecordedEvent(recorded: RecordedEvent): LicenceEvent {
  return decodeLicenceEvent(recorded.type, recorded.schemaVersion, recorded.data, recorded.metadata);
}
