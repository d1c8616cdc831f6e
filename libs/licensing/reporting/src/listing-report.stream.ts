import type {
  ListedStatisticsFact,
  ReadModelStore,
  StatisticsFactSelection,
} from '@licences/licensing-read-models';
import { buildIssuedReport, ISSUED_REPORT_FACTS } from './issued.report';
import { buildLargeLicencesReport, LARGE_LICENCE_FACTS } from './large-licences.report';
import type { ReportContext } from './report-facts';
import { countryNames } from './report-language';
import type { Cell } from './report-tables';
import { reportTables } from './report-tables';
import { streamReportCsv } from './report.csv';
import { streamReportJson } from './report.json';
import type {
  IssuedReport,
  LargeLicencesReport,
  ReportFormat,
  ReportName,
  ReportPeriod,
} from './report.types';

/*
 * The listing reports (a line per licence or goods item) of a long period are as large as the
 * period: the issued report of six years at 100k licences is 52 MB of JSON. Built whole they take
 * seconds and their size in memory several times over; here they are written as they are read.
 * Each list is read in pages in decision-date order, a day at a time handed to the report's own
 * builder (which sorts a day's lines as it sorts the whole list: date first), so the bytes are
 * those the whole report would have, and memory holds a page and a day, whatever the period.
 */

export type ListingReportName = Extract<ReportName, 'issued' | 'large-licences'>;
export type StreamedFormat = 'json' | 'csv';

type ListingReport = IssuedReport | LargeLicencesReport;

/** Facts read per statement. */
export const LISTING_PAGE_SIZE = 2000;

/** The report and format, if `streamListingReport` writes this report in this format (others are built whole). */
export function streamedListing(
  name: ReportName,
  format: ReportFormat,
): { readonly name: ListingReportName; readonly format: StreamedFormat } | undefined {
  if (name !== 'issued' && name !== 'large-licences') return undefined;
  return format === 'json' || format === 'csv' ? { name, format } : undefined;
}

/** One list of a listing report: the facts it is made of, and the lines a day's facts make. */
interface ListSection<R extends ListingReport> {
  /** The member of the report (JSON) holding the list. */
  readonly key: string;
  /** Its table's place among `reportTables` of the report (CSV). */
  readonly table: number;
  readonly selection: StatisticsFactSelection;
  readonly listed: (report: R) => readonly unknown[];
}

interface Listing<R extends ListingReport> {
  readonly facts: StatisticsFactSelection;
  readonly build: (facts: readonly ListedStatisticsFact[], period: ReportPeriod, context: ReportContext) => R;
  readonly sections: readonly ListSection<R>[];
}

const ISSUED_LISTING: Listing<IssuedReport> = {
  facts: ISSUED_REPORT_FACTS,
  build: buildIssuedReport,
  // In the order of their tables; JSON writes them in the order of their keys.
  sections: [
    {
      key: 'military',
      table: 1,
      selection: { kinds: ['issued'], goodsCategory: 'military' },
      listed: (r) => r.military,
    },
    {
      key: 'dualUse',
      table: 2,
      selection: { kinds: ['issued'], goodsCategory: 'dual-use' },
      listed: (r) => r.dualUse,
    },
    { key: 'denials', table: 3, selection: { kinds: ['denied'] }, listed: (r) => r.denials },
  ],
};

const LARGE_LICENCES_LISTING: Listing<LargeLicencesReport> = {
  facts: LARGE_LICENCE_FACTS,
  build: buildLargeLicencesReport,
  sections: [{ key: 'licences', table: 1, selection: LARGE_LICENCE_FACTS, listed: (r) => r.licences }],
};

/** The selected facts of the period, a day's facts at a time, in date order. */
async function* factsByDay(
  store: ReadModelStore,
  period: ReportPeriod,
  at: number,
  selection: StatisticsFactSelection,
  pageSize: number,
): AsyncGenerator<ListedStatisticsFact[]> {
  let day: ListedStatisticsFact[] = [];
  let after: ListedStatisticsFact | undefined;
  for (;;) {
    const page = await store.statisticsFactPage(period.from, period.to, at, selection, after, pageSize);
    for (const fact of page) {
      if (day.length > 0 && day[0]!.decisionDate !== fact.decisionDate) {
        yield day;
        day = [];
      }
      day.push(fact);
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1];
  }
  if (day.length > 0) yield day;
}

async function* streamListing<R extends ListingReport>(
  store: ReadModelStore,
  listing: Listing<R>,
  period: ReportPeriod,
  context: ReportContext,
  format: StreamedFormat,
  pageSize: number,
): AsyncGenerator<string> {
  const codes = await store.statisticsFactDestinations(
    period.from,
    period.to,
    context.position,
    listing.facts,
  );
  // The report without its lines, naming every destination any of its lines will name.
  const head: R = { ...listing.build([], period, context), countries: countryNames(codes) };
  const linesOf = async function* (section: ListSection<R>): AsyncGenerator<readonly unknown[]> {
    for await (const day of factsByDay(store, period, context.position, section.selection, pageSize)) {
      yield section.listed(listing.build(day, period, context));
    }
  };
  if (format === 'json') {
    const lists = Object.fromEntries(listing.sections.map((s) => [s.key, () => linesOf(s)]));
    yield* streamReportJson(head, lists);
    return;
  }
  const rowsOf = (table: number): AsyncIterable<readonly (readonly Cell[])[]> | undefined => {
    const section = listing.sections.find((s) => s.table === table);
    if (!section) return undefined;
    return (async function* () {
      for await (const lines of linesOf(section)) {
        // The report's own table of just these lines, with the whole report's country names.
        const part = { ...head, [section.key]: lines } as R;
        yield reportTables(part)[table]!.rows;
      }
    })();
  };
  yield* streamReportCsv(head, rowsOf);
}

/**
 * A listing report at `context.position` as JSON or CSV text, in pieces of about 64 KiB: the same
 * bytes as `formatReport(buildReportFromStore(...))` gives, without the report whole in memory.
 * Pieces are read from the store as they are asked for, so a slow reader holds up the reading.
 */
export function streamListingReport(
  store: ReadModelStore,
  name: ListingReportName,
  period: ReportPeriod,
  context: ReportContext,
  format: StreamedFormat,
  pageSize = LISTING_PAGE_SIZE,
): AsyncGenerator<string> {
  switch (name) {
    case 'issued':
      return streamListing(store, ISSUED_LISTING, period, context, format, pageSize);
    case 'large-licences':
      return streamListing(store, LARGE_LICENCES_LISTING, period, context, format, pageSize);
    default: {
      const unexpected: never = name;
      throw new Error(`Unknown listing report ${String(unexpected)}`);
    }
  }
}
