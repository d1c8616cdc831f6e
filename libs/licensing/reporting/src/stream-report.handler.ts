import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQuery, IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE } from '@licences/event-store';
import type { EventStore } from '@licences/event-store';
import { READ_MODEL_STORE } from '@licences/licensing-read-models';
import type { ReadModelStore } from '@licences/licensing-read-models';
import { streamListingReport } from './listing-report.stream';
import type { ListingReportName, StreamedFormat } from './listing-report.stream';
import { reportContextAt } from './report-position';
import type { ReportLanguage, ReportPeriod } from './report.types';

export class StreamReportQuery implements IQuery {
  constructor(
    readonly name: ListingReportName,
    readonly period: ReportPeriod,
    readonly format: StreamedFormat,
    /** Build at this global position (to rebuild an earlier report exactly); default: the head. */
    readonly position?: number,
    readonly lang: ReportLanguage = 'en',
  ) {}
}

/** A listing report settled at one position, its text still to be read piece by piece. */
export interface StreamedReport {
  readonly position: number;
  readonly pieces: AsyncIterable<string>;
}

/**
 * A listing report as text written while it is read (see listing-report.stream.ts): the same bytes
 * as `BuildReportQuery` and `formatReport` make. The position is settled, and any refusal
 * (POSITION_BEYOND_HEAD, STATISTICS_BEHIND) thrown, before the first piece.
 */
@QueryHandler(StreamReportQuery)
export class StreamReportHandler implements IQueryHandler<StreamReportQuery, StreamedReport> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  async execute({ name, period, format, position, lang }: StreamReportQuery): Promise<StreamedReport> {
    const context = await reportContextAt(this.events, this.readModels, period, position, lang);
    return {
      position: context.position,
      pieces: streamListingReport(this.readModels, name, period, context, format),
    };
  }
}
