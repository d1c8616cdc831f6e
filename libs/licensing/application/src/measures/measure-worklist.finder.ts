import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { evolve, isLicenceEventType, measureWorklist } from '@licences/licensing-domain';
import type { LicenceCase, LicenceState, LocalDate, MeasureWorklist } from '@licences/licensing-domain';
import { fromRecordedEvent, LICENCE_STREAM_PREFIX } from '../events/licence-event.codec';

const PAGE = 5_000;

/**
 * Chooses a measure's work list from the event store itself rather than from a read model: a
 * read model may lag behind the store (a projector in its own process), and a case it has not
 * seen yet would be missed for good, since the list is fixed once.
 */
@Injectable()
export class MeasureWorklistFinder {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async find(destination: string, approvedOn: LocalDate): Promise<MeasureWorklist> {
    const cases = new Map<string, LicenceState>();
    for (let after = 0; ;) {
      const page = await this.store.readAll({ after, maxCount: PAGE });
      for (const recorded of page) {
        if (!recorded.streamId.startsWith(LICENCE_STREAM_PREFIX) || !isLicenceEventType(recorded.type))
          continue;
        cases.set(recorded.streamId, evolve(cases.get(recorded.streamId), fromRecordedEvent(recorded)));
      }
      const last = page.at(-1);
      if (!last || page.length < PAGE) break;
      after = last.position;
    }
    const known = [...cases.values()].filter((state): state is LicenceCase => state !== undefined);
    return measureWorklist(known, destination, approvedOn);
  }
}
