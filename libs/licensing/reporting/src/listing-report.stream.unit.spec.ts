import type {
  ReadModelStore,
  StatisticsFact,
  StatisticsFactKey,
  StatisticsFactSelection,
} from '@licences/licensing-read-models';
import { buildIssuedReport } from './issued.report';
import { buildLargeLicencesReport } from './large-licences.report';
import { streamListingReport } from './listing-report.stream';
import type { ListingReportName, StreamedFormat } from './listing-report.stream';
import type { ReportContext } from './report-facts';
import { formatReport } from './report-format';
import { parseReportPeriod } from './report-period';
import type { ReportPeriod } from './report.types';
import { denied, fact, goods, issued } from './testing/statistics-facts.fixture';

/** The store's paging as the port describes it, over facts held in memory. */
function pagingStore(facts: readonly StatisticsFact[]): ReadModelStore {
  const selected = (from: string, to: string, upTo: number, s: StatisticsFactSelection) =>
    facts
      .filter((f) => f.decisionDate >= from && f.decisionDate <= to && f.position <= upTo)
      .filter((f) => s.kinds === undefined || s.kinds.includes(f.kind))
      .filter((f) => s.valueAboveCents === undefined || f.totalValueCents > s.valueAboveCents)
      .filter((f) => s.goodsCategory === undefined || f.goodsCategory === s.goodsCategory);
  const store: Pick<ReadModelStore, 'statisticsFactPage' | 'statisticsFactDestinations'> = {
    statisticsFactPage: (from, to, upTo, s, after: StatisticsFactKey | undefined, limit) =>
      Promise.resolve(
        selected(from, to, upTo, s)
          .sort(
            (a, b) =>
              (a.decisionDate < b.decisionDate ? -1 : a.decisionDate > b.decisionDate ? 1 : 0) ||
              a.position - b.position,
          )
          .filter(
            (f) =>
              !after ||
              f.decisionDate > after.decisionDate ||
              (f.decisionDate === after.decisionDate && f.position > after.position),
          )
          .slice(0, limit),
      ),
    statisticsFactDestinations: (from, to, upTo, s) =>
      Promise.resolve([...new Set(selected(from, to, upTo, s).flatMap((f) => f.destinations))].sort()),
  };
  return store as ReadModelStore;
}

async function text(
  pieces: AsyncIterable<string>,
): Promise<{ text: string; pieces: number; largest: number }> {
  let all = '';
  let count = 0;
  let largest = 0;
  for await (const piece of pieces) {
    all += piece;
    count += 1;
    largest = Math.max(largest, piece.length);
  }
  return { text: all, pieces: count, largest };
}

const built = (
  name: ListingReportName,
  facts: readonly StatisticsFact[],
  period: ReportPeriod,
  c: ReportContext,
) => (name === 'issued' ? buildIssuedReport(facts, period, c) : buildLargeLicencesReport(facts, period, c));

// Recorded out of date order, several a day, one case with lines that sort against each other.
const FACTS: StatisticsFact[] = [
  issued('case-b', '2024-05-02', '2024-04-01', {
    goods: [goods('ML5.a', 3_000_000_00, 'Radar'), goods('ML3.a', 50_00, 'Ammunition')],
    destinations: ['NO', 'BE'],
  }),
  denied('case-c', '2024-05-02', '2024-04-02', [7, 1, 7], { destinations: ['RU'] }),
  issued('case-a', '2024-05-02', '2024-04-03', { goodsCategory: 'dual-use', goods: [goods('5A002', 10_00)] }),
  issued('case-a2', '2024-05-02', '2024-04-03', { goods: [goods('ML5.a', 2_500_000_00, 'Sonar')] }),
  issued('case-d', '2024-03-01', '2024-02-01', { goods: [goods('ML1.a', 2_000_000_01, '=cmd|x')] }),
  fact('applied', 'case-e', '2024-03-01'),
  denied('case-f', '2024-03-01', '2024-02-01', [4], { goodsCategory: 'dual-use', destinations: ['CN'] }),
  issued('case-g', '2023-12-31', '2023-11-01', { destinations: ['TR'] }),
  issued('case-h', '2024-06-30', '2024-06-01', { goods: [goods('ML5.a', 9_000_000_00, 'Frigate "A"')] }),
];

describe('a listing report written as it is read', () => {
  const context: ReportContext = { position: 1_000_000, policyVersion: '2024-01', lang: 'en' };

  it.each<[ListingReportName, StreamedFormat, string]>([
    ['issued', 'json', 'en'],
    ['issued', 'csv', 'en'],
    ['issued', 'json', 'nl'],
    ['issued', 'csv', 'nl'],
    ['large-licences', 'json', 'en'],
    ['large-licences', 'csv', 'nl'],
  ])(
    '%s as %s (%s) has the bytes of the report built whole, over pages that split days',
    async (name, format, lang) => {
      const period = parseReportPeriod({ year: '2024' });
      const c = { ...context, lang: lang as ReportContext['lang'] };
      const whole = formatReport(built(name, FACTS, period, c), format).body;
      for (const pageSize of [1, 2, 3, 100]) {
        const streamed = await text(
          streamListingReport(pagingStore(FACTS), name, period, c, format, pageSize),
        );
        expect(streamed.text).toBe(whole);
      }
      expect(whole).toContain('case-h');
      expect(whole).not.toContain('case-g');
    },
  );

  it('cuts at the report position, and writes empty lists for a period without facts', async () => {
    const period = parseReportPeriod({ year: '2024' });
    const cut = { ...context, position: FACTS[3]!.position };
    const early = FACTS.filter((f) => f.position <= cut.position);
    for (const format of ['json', 'csv'] as const) {
      const streamed = await text(streamListingReport(pagingStore(FACTS), 'issued', period, cut, format, 2));
      expect(streamed.text).toBe(formatReport(buildIssuedReport(early, period, cut), format).body);
      expect(streamed.text).not.toContain('case-d');
    }
    const empty = parseReportPeriod({ year: '2019' });
    const none = await text(streamListingReport(pagingStore(FACTS), 'issued', empty, context, 'json'));
    expect(none.text).toBe(formatReport(buildIssuedReport([], empty, context), 'json').body);
    expect(JSON.parse(none.text)).toMatchObject({ military: [], dualUse: [], denials: [], countries: {} });
  });

  it('hands the text on in pieces of bounded size, not whole', async () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      issued(`case-${String(i).padStart(5, '0')}`, `2024-0${1 + (i % 9)}-1${i % 10}`, '2023-12-01'),
    );
    const period = parseReportPeriod({ year: '2024' });
    const streamed = await text(streamListingReport(pagingStore(many), 'issued', period, context, 'json'));
    expect(streamed.text).toBe(formatReport(buildIssuedReport(many, period, context), 'json').body);
    expect(streamed.text.length).toBeGreaterThan(900_000);
    // About 64 KiB each: a piece is handed on once it passes that, a day's lines at most beyond.
    expect(streamed.pieces).toBeGreaterThan(10);
    expect(streamed.largest).toBeLessThan(100_000);
  });
});
