import type {
  EuAnnualReport,
  IssuedReport,
  LargeLicencesReport,
  Report,
  ReportLanguage,
  YearlyOverviewReport,
} from '../report.types';
import type { ChartSpec } from './report-charts';
import { htmlLabels } from './report-html.labels';

/* What each report's charts show: the specs the renderer in report-charts.ts draws. */

const CRITERIA = ['1', '2', '3', '4', '5', '6', '7', '8'] as const;

function criteriaChart(
  lang: ReportLanguage,
  criteria: EuAnnualReport['totals']['overall']['criteriaCited'],
): ChartSpec {
  const labels = htmlLabels(lang);
  return {
    name: 'denial-criteria',
    title: labels.chartDenials,
    categories: CRITERIA.map((c) => labels.criterion(c)),
    values: CRITERIA.map((c) => criteria[c]),
    kind: 'count',
    orientation: 'vertical',
    lang,
  };
}

/** The same chart in every report that has it, so that readers compare like with like. */
function valueByDestinationChart(
  lang: ReportLanguage,
  rows: readonly { label: string; valueEur: number }[],
): ChartSpec {
  return {
    name: 'value-by-destination',
    title: htmlLabels(lang).chartValueByDestination,
    categories: rows.map((r) => r.label),
    values: rows.map((r) => r.valueEur),
    kind: 'money',
    orientation: 'horizontal',
    lang,
  };
}

/** A destination as a chart names it: its name in the report's language, with its code. */
export function destinationLabel(report: Report, code: string): string {
  const name = report.countries[code]?.[report.lang];
  return name && name !== code ? `${name} (${code})` : code;
}

function yearlyOverviewCharts(report: YearlyOverviewReport): ChartSpec[] {
  const { lang } = report;
  const labels = htmlLabels(lang);
  return [
    valueByDestinationChart(
      lang,
      report.valueByDestination.map((r) => ({
        label: `${destinationLabel(report, r.destination)} · ${labels.goodsCategoryName(r.goodsCategory)}`,
        valueEur: r.valueEur,
      })),
    ),
    {
      name: 'licences-per-month',
      title: labels.chartPerMonth,
      categories: report.licencesPerMonth.map((m) => m.month),
      values: report.licencesPerMonth.map((m) => m.licences),
      kind: 'count',
      orientation: 'vertical',
      lang,
    },
    {
      name: 'validity-mix',
      title: labels.chartValidity,
      categories: report.validityMix.map((v) => labels.months(v.months)),
      values: report.validityMix.map((v) => v.licences),
      kind: 'count',
      orientation: 'vertical',
      lang,
    },
    criteriaChart(lang, report.denialsByCriterion),
  ];
}

function euAnnualCharts(report: EuAnnualReport): ChartSpec[] {
  return [
    valueByDestinationChart(
      report.lang,
      report.totals.perDestination.map((d) => ({
        label: destinationLabel(report, d.destination),
        valueEur: d.valueIssuedEur,
      })),
    ),
    criteriaChart(report.lang, report.totals.overall.criteriaCited),
  ];
}

/**
 * Value and number of licences per destination over both lists, summed in whole cents. A licence
 * to several destinations counts under each with its whole value (it cannot be split).
 */
export function issuedByDestination(
  report: IssuedReport,
): { readonly destination: string; readonly licences: number; readonly valueEur: number }[] {
  const byDestination = new Map<string, { licences: Set<string>; cents: number }>();
  for (const line of [...report.military, ...report.dualUse]) {
    for (const destination of new Set(line.destinations)) {
      const entry = byDestination.get(destination) ?? { licences: new Set<string>(), cents: 0 };
      entry.licences.add(line.caseId);
      entry.cents += Math.round(line.valueEur * 100);
      byDestination.set(destination, entry);
    }
  }
  return [...byDestination.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([destination, { licences, cents }]) => ({
      destination,
      licences: licences.size,
      valueEur: cents / 100,
    }));
}

function issuedCharts(report: IssuedReport): ChartSpec[] {
  return [
    valueByDestinationChart(
      report.lang,
      issuedByDestination(report).map((r) => ({
        label: destinationLabel(report, r.destination),
        valueEur: r.valueEur,
      })),
    ),
  ];
}

function largeLicencesCharts(report: LargeLicencesReport): ChartSpec[] {
  return [
    {
      name: 'value-per-licence',
      title: htmlLabels(report.lang).chartValuePerLicence,
      categories: report.licences.map((l) => l.caseId),
      values: report.licences.map((l) => l.totalValueEur),
      kind: 'money',
      orientation: 'horizontal',
      lang: report.lang,
    },
  ];
}

/** The charts of a report, in the order they appear. */
export function reportCharts(report: Report): ChartSpec[] {
  switch (report.report) {
    case 'yearly-overview':
      return yearlyOverviewCharts(report);
    case 'eu-annual':
      return euAnnualCharts(report);
    case 'issued':
      return issuedCharts(report);
    case 'large-licences':
      return largeLicencesCharts(report);
    default: {
      const unexpected: never = report;
      throw new Error(`Unknown report ${JSON.stringify(unexpected)}`);
    }
  }
}
