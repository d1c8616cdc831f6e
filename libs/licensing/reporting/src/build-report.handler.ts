import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { READ_MODEL_STORE } from '@licences/licensing-read-models';
import type { ReadModelStore } from '@licences/licensing-read-models';
import { buildReportFromStore } from './build-report-from-store';
import { reportContextAt } from './report-position';
import type { Report, ReportLanguage, ReportName, ReportPeriod } from './report.types';

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
    const context = await reportContextAt(this.events, this.readModels, period, position, lang);
    // Counted or selected by the store: the report's size, not the period's facts, comes into memory.
    return await buildReportFromStore(this.readModels, name, period, context);
  }
}
