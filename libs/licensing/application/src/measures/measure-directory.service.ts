import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { MEASURE_STREAM_PREFIX } from './measure-event.codec';

const PAGE = 5_000;

/**
 * The ids of every measure in the store, in the order they were proposed. The directory reads the
 * measure streams once and then only what is new (a second process that proposes measures in the
 * same store is seen on the next call); it reads no licence's events, so what it costs at start-up
 * grows with the measures, not with the history.
 */
@Injectable()
export class MeasureDirectory {
  private readonly ids: string[] = [];
  private readonly known = new Set<string>();
  private readAfter = 0;
  private reading?: Promise<void>;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async measureIds(): Promise<readonly string[]> {
    // One read at a time: two callers share it instead of both scanning the store.
    this.reading ??= this.catchUp().finally(() => (this.reading = undefined));
    await this.reading;
    return [...this.ids];
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({
        after: this.readAfter,
        maxCount: PAGE,
        streamPrefix: MEASURE_STREAM_PREFIX,
      });
      for (const event of page) {
        if (event.type !== 'MeasureProposed') continue;
        const id = event.streamId.slice(MEASURE_STREAM_PREFIX.length);
        if (!this.known.has(id)) {
          this.known.add(id);
          this.ids.push(id);
        }
      }
      const last = page.at(-1);
      if (!last) return;
      this.readAfter = last.position;
      if (page.length < PAGE) return;
    }
  }
}
