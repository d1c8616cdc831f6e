/*
 * Times each report built the old way (every fact of the period, grouped in JS) against the new
 * way (counted or selected by the store), on the oracle test's imported archive, on SQLite and
 * PostgreSQL. A measurement, never a test: run by hand, it prints a markdown table.
 *   node -r ./tools/register.cjs test/reports/measure-reports.ts [--cases 4000] [--runs 7]
 */
import { DUTCH_VALIDITY_POLICY, policyVersionOn } from '@licences/licensing-domain';
import { buildReport, buildReportFromStore, parseReportPeriod, REPORT_NAMES } from '@licences/licensing-reporting';
import type { ReportPeriod } from '@licences/licensing-reporting';
import { importArchive } from './imported-archive';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const cases = option('cases', 4000);
  const runs = option('runs', 7);
  const archive = await importArchive(cases);
  try {
    const head = await archive.events.headPosition();
    const year = archive.years.at(-2)!;
    const history = parseReportPeriod({ from: `${archive.years[0]!}-01-01`, to: `${archive.years.at(-1)!}-12-31` });
    console.log(`${cases} cases, ${head} events, runs ${runs}; yearly reports over ${year}, the others over ${history.label}`);
    console.log('| store | report | facts in period | old ms (median, min–max) | new ms (median, min–max) | old/new |');
    console.log('|---|---|---|---|---|---|');
    for (const { label, store } of archive.stores) {
      for (const name of REPORT_NAMES) {
        const period: ReportPeriod =
          name === 'eu-annual' || name === 'yearly-overview' ? parseReportPeriod({ year: String(year) }) : history;
        const context = { position: head, policyVersion: policyVersionOn(DUTCH_VALIDITY_POLICY, period.to), lang: 'en' as const };
        const old: number[] = [];
        const now: number[] = [];
        let facts = 0;
        // Alternating, after one warm-up of each, so that whatever loads the machine falls on both.
        for (let run = -1; run < runs; run += 1) {
          let started = performance.now();
          const all = await store.statisticsFacts(period.from, period.to, head);
          buildReport(name, all, period, context);
          if (run >= 0) old.push(performance.now() - started);
          facts = all.length;
          started = performance.now();
          await buildReportFromStore(store, name, period, context);
          if (run >= 0) now.push(performance.now() - started);
        }
        const cell = (values: number[]) =>
          `${median(values).toFixed(1)} (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;
        console.log(
          `| ${label} | ${name} | ${facts} | ${cell(old)} | ${cell(now)} | ${(median(old) / median(now)).toFixed(1)}× |`,
        );
      }
    }
  } finally {
    await archive.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
