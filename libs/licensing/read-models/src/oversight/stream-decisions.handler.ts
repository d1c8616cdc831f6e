import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { VALIDITY_POLICY } from '@licences/licensing-application';
import type { LocalDate, ValidityPolicy } from '@licences/licensing-domain';
import { READ_MODEL_STORE } from '../read-model-store.port';
import type { ReadModelStore } from '../read-model-store.port';
import { periodDecisions } from './period-decisions';
import type { PeriodChunk } from './period-decisions';

/** The whole of a period's decisions as a stream, for answers too large to build in memory. */
export class StreamDecisionsQuery implements IQuery {
  constructor(
    readonly from: LocalDate,
    readonly to: LocalDate,
  ) {}
}

export interface DecisionsStream {
  readonly from: LocalDate;
  readonly to: LocalDate;
  /**
   * The period's decisions in order (date, case, revision), a chunk at a time, each chunk with the
   * findings of its own decisions. Read lazily: each chunk is read and replayed when asked for.
   */
  readonly chunks: AsyncIterable<PeriodChunk>;
}

/** The decisions ReplayDecisionsQuery gives for a whole period, in chunks instead of one answer. */
@QueryHandler(StreamDecisionsQuery)
export class StreamDecisionsHandler implements IQueryHandler<StreamDecisionsQuery, DecisionsStream> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(VALIDITY_POLICY) private readonly policy: ValidityPolicy,
  ) {}

  execute({ from, to }: StreamDecisionsQuery): Promise<DecisionsStream> {
    return Promise.resolve({ from, to, chunks: periodDecisions(this.readModels, this.policy, from, to) });
  }
}
