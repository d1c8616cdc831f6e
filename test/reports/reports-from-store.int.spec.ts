import { DUTCH_VALIDITY_POLICY, policyVersionOn } from '@licences/licensing-domain';
import {
  buildReport,
  buildReportFromStore,
  formatReport,
  parseReportPeriod,
  REPORT_NAMES,
  renderReportJson,
} from '@licences/licensing-reporting';
import type { Report, ReportLanguage, ReportName, ReportPeriod } from '@licences/licensing-reporting';
import { importArchive } from './imported-archive';
import type { ImportedArchive } from './imported-archive';

jest.setTimeout(600_000);

/** The periods each report is compared over: a calendar year for the yearly ones, also quarters for the others. */
function periodsOf(name: ReportName, years: readonly number[]): ReportPeriod[] {
  const whole = years.map((year) => parseReportPeriod({ year: String(year) }));
  if (name === 'eu-annual' || name === 'yearly-overview') return whole;
  const quarters = [1, 2, 3, 4].map((q) => parseReportPeriod({ quarter: `${years.at(-2)!}-Q${q}` }));
  const history = parseReportPeriod({ from: `${years[0]!}-01-01`, to: `${years.at(-1)!}-12-31` });
  return [...whole, ...quarters, history];
}

/** Whether a report has anything in it beyond its empty frame. */
function hasLines(report: Report): boolean {
  switch (report.report) {
    case 'eu-annual':
      return report.rows.length + report.transit.rows.length + report.brokering.rows.length > 0;
    case 'issued':
      return report.military.length + report.dualUse.length + report.denials.length > 0;
    case 'large-licences':
      return report.licences.length > 0;
    case 'yearly-overview':
      return report.valueByDestination.length > 0 && report.revocations.length > 0;
    default: {
      const unexpected: never = report;
      throw new Error(`Unknown report ${String(unexpected)}`);
    }
  }
}

/*
 * Every report built from what the store counts or selects (buildReportFromStore, what the API and
 * the CLI use) must be the report built from every fact of the period, byte for byte, on SQLite and
 * on PostgreSQL: checked on the demo generator's archive, imported through the real import, for
 * every year it spans (and quarters and the whole history for the listing reports), at the head
 * and at a cut position, in both languages and every format.
 */
describe('reports from the store, against the reports from every fact', () => {
  let archive: ImportedArchive;

  beforeAll(async () => {
    archive = await importArchive(4000);
  });

  afterAll(async () => {
    await archive?.close();
  });

  it.each(REPORT_NAMES.map((name) => [name]))(
    '%s: the same report in every format, period and language, at the head and before it',
    async (name) => {
      const head = await archive.events.headPosition();
      let compared = 0;
      let withLines = 0;
      for (const { label, store } of archive.stores) {
        for (const period of periodsOf(name, archive.years)) {
          for (const position of [head, Math.floor(head / 2)]) {
            for (const lang of ['en', 'nl'] as ReportLanguage[]) {
              const context = { position, policyVersion: policyVersionOn(DUTCH_VALIDITY_POLICY, period.to), lang };
              const facts = await store.statisticsFacts(period.from, period.to, position);
              const fromFacts = buildReport(name, facts, period, context);
              const fromStore = await buildReportFromStore(store, name, period, context);
              const at = { label, period: period.label, position, lang };
              expect({ ...at, json: renderReportJson(fromStore) }).toEqual({ ...at, json: renderReportJson(fromFacts) });
              for (const format of ['csv', 'md', 'html'] as const)
                expect({ ...at, format, body: formatReport(fromStore, format).body }).toEqual({
                  ...at,
                  format,
                  body: formatReport(fromFacts, format).body,
                });
              compared += 1;
              if (hasLines(fromFacts)) withLines += 1;
            }
          }
        }
      }
      // The history is not empty: the comparison saw reports with lines, in several periods.
      expect(archive.years.length).toBeGreaterThan(1);
      expect(compared).toBe(archive.stores.length * periodsOf(name, archive.years).length * 4);
      expect(withLines).toBeGreaterThan(4);
    },
  );
});
