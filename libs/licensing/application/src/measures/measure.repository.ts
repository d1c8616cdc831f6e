import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, WrongExpectedRevisionError } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { decideMeasure, evolveMeasure, initialMeasureState } from '@licences/licensing-domain';
import type { Measure, MeasureCommand, MeasureState } from '@licences/licensing-domain';
import { ConcurrentModificationError } from '../application.errors';
import type { CommandMeta } from '../licence-command.executor';
import { CLOCK } from '../ports/clock.port';
import type { Clock } from '../ports/clock.port';
import { fromRecordedMeasureEvent, measureStreamId, toNewMeasureEvent } from './measure-event.codec';

export interface LoadedMeasure {
  readonly state: MeasureState;
  readonly revision: number | undefined;
}

export interface MeasureDecision {
  readonly measure: Measure;
  readonly revision: number;
  readonly position: number;
}

const MAX_ATTEMPTS = 5;

/** Loads a measure by folding its stream, and decides commands on it (load, decide, append). */
@Injectable()
export class MeasureRepository {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async load(measureId: string): Promise<LoadedMeasure> {
    const recorded = await this.store.readStream(measureStreamId(measureId));
    const state = recorded.map(fromRecordedMeasureEvent).reduce(evolveMeasure, initialMeasureState);
    return { state, revision: recorded.at(-1)?.revision };
  }

  /** A lost race is decided again on the new state, so that a rule is never checked on a stale one. */
  async decide(measureId: string, command: MeasureCommand, meta: CommandMeta): Promise<MeasureDecision> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const { state, revision } = await this.load(measureId);
      const now = this.clock.now();
      const events = decideMeasure(command, state, { now, actor: meta.actor });
      const metadata = {
        occurredAt: now.toISOString(),
        actor: meta.actor,
        correlationId: meta.correlationId,
        causationId: meta.causationId,
      };
      const stored = events.map((event) => toNewMeasureEvent(event, randomUUID(), metadata));
      try {
        const result = await this.store.append(measureStreamId(measureId), stored, revision ?? 'no-stream');
        const measure = events.reduce(evolveMeasure, state) as Measure;
        return { measure, revision: result.nextRevision, position: result.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    throw new ConcurrentModificationError(MAX_ATTEMPTS);
  }
}
