import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore, RecordedEvent } from '@licences/event-store';
import { evolve, initialLicenceState } from '@licences/licensing-domain';
import type { LicenceState } from '@licences/licensing-domain';
import { fromRecordedEvent, licenceStreamId } from './events/licence-event.codec';

export interface LoadedCase {
  readonly state: LicenceState;
  /** Revision of the stream's last event; undefined for a case that does not exist. */
  readonly revision: number | undefined;
  /** The stream as read, so that a command can find what it recorded before. */
  readonly events: readonly RecordedEvent[];
}

/** Rebuilds a case's state by folding its stream. */
@Injectable()
export class LicenceRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(caseId: string): Promise<LoadedCase> {
    const recorded = await this.store.readStream(licenceStreamId(caseId));
    const state = recorded.map(fromRecordedEvent).reduce(evolve, initialLicenceState);
    return { state, revision: recorded.at(-1)?.revision, events: recorded };
  }
}
