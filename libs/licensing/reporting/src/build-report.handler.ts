import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { DomainError, DUTCH_VALIDITY_POLICY, policyVersionOn } from '@licences/licensing-domain';
import { READ_MODEL_STORE } from '@licences/licensing-read-models';
import type { ReadModelStore } from '@licences/licensing-read-models';
import { buildReportFromStore } from './build-report-from-store';
import type { Report, ReportLanguage, ReportName, ReportPeriod } from './report.types';

/** How long a build waits for the statistics projection to reach the position it is built at. */
const CATCH_UP_TIMEOUT_MS = 5000;
const POLL_MS = 10;

export class BuildReportQuery implements IQuery {
  constructor(
    readonly name: ReportName,
    readonly period: ReportPeriod,
    /** Build at this global position (to rebuild an earlier report exactly); default: the head. */
    readonly position?: number,
    /** The language of the report's texts; the numbers are the same in both. */
    readonly lang: ReportLanguage = 'en',
  ) {}
}

/**
 * Builds a report from the statistics facts up to one position, never from the streams. Facts are
 * only ever appended, so the facts at or before a position, and with them the report's bytes, stay
 * the same whatever is recorded later.
 */
@QueryHandler(BuildReportQuery)
export class BuildReportHandler implements IQueryHandler<BuildReportQuery, Report> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  async execute({ name, period, position, lang }: BuildReportQuery): Promise<Report> {
    const head = await this.events.headPosition();
    if (position !== undefined && position > head) {
      throw new DomainError(
        'POSITION_BEYOND_HEAD',
        'rule-violation',
        `Position ${position} is beyond the last event (${head})`,
      );
    }
    const checkpoint = await this.catchUp(position ?? head);
    if (position !== undefined && checkpoint < position) {
      throw new DomainError(
        'STATISTICS_BEHIND',
        'rule-violation',
        `The statistics have not reached position ${position} yet (at ${checkpoint}); try again`,
      );
    }
    // Without an explicit position the report is built at what the projection holds, and says so.
    const at = position ?? checkpoint;
    const context = { position: at, policyVersion: policyVersionOn(DUTCH_VALIDITY_POLICY, period.to), lang };
    // Counted or selected by the store: the report's size, not the period's facts, comes into memory.
    return await buildReportFromStore(this.readModels, name, period, context);
  }

  private async catchUp(target: number): Promise<number> {
    const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
    for (;;) {
      const checkpoint = await this.readModels.checkpoint('statistics');
      if (checkpoint >= target || Date.now() >= deadline) return checkpoint;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
