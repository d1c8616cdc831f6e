import type {
  CriteriaCount,
  EuAnnualReport,
  IssuedLicenceLine,
  IssuedReport,
  LargeLicencesReport,
  Report,
  ReportPeriod,
  YearlyOverviewReport,
} from '../report.types';
import { escapeHtml, formatCount, formatEur, htmlDocument } from './html-document';
import type { ChartSpec } from './report-charts';
import { formatChartValue, issuedByDestination, renderChartSvg, reportCharts } from './report-charts';

/*
 * The HTML form of a report: one self-contained, printable page with the tables of all numbers and
 * the charts as inline SVG. Pure: the same report always gives the same string. No JavaScript.
 *
 * Each chart is a `<figure data-chart="name">`; the table holding the same numbers has
 * `data-chart-table="name"` and marks those cells with `data-chart-value`, in chart order.
 */

export const ACTUAL_EXPORTS_NOT_RECORDED =
  'The value of actual exports is not recorded by this system; it is not part of this report.';

interface Cell {
  readonly text: string;
  readonly num?: boolean;
  readonly date?: boolean;
  readonly chartValue?: boolean;
}

interface Column {
  readonly header: string;
  readonly num?: boolean;
}

const text = (value: string): Cell => ({ text: value });
const date = (value: string): Cell => ({ text: value, date: true });
const count = (value: number, chartValue = false): Cell => ({
  text: formatCount(value),
  num: true,
  chartValue,
});
const money = (value: number, chartValue = false): Cell => ({
  text: formatEur(value),
  num: true,
  chartValue,
});

function table(options: {
  readonly caption: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
  readonly chart?: string;
  readonly footer?: readonly Cell[];
}): string {
  const attr = options.chart ? ` data-chart-table="${escapeHtml(options.chart)}"` : '';
  const head = options.columns
    .map((c) => `<th scope="col"${c.num ? ' class="num"' : ''}>${escapeHtml(c.header)}</th>`)
    .join('');
  const cell = (c: Cell, tag: 'td' | 'th' = 'td'): string =>
    `<${tag}${c.num ? ' class="num"' : c.date ? ' class="date"' : ''}${c.chartValue ? ' data-chart-value' : ''}>${escapeHtml(c.text)}</${tag}>`;
  const body =
    options.rows.length === 0
      ? `<tr><td colspan="${options.columns.length}" class="empty">None.</td></tr>`
      : options.rows.map((r) => `<tr>${r.map((c) => cell(c)).join('')}</tr>`).join('\n');
  const foot = options.footer
    ? `\n<tfoot><tr>${options.footer.map((c) => cell(c, 'th')).join('')}</tr></tfoot>`
    : '';
  return [
    `<table${attr}>`,
    `<caption>${escapeHtml(options.caption)}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>\n${body}\n</tbody>${foot}`,
    '</table>',
  ].join('\n');
}

function figure(spec: ChartSpec): string {
  const values = spec.values.map((v) => formatChartValue(spec.kind, v));
  return [
    `<figure class="chart" data-chart="${escapeHtml(spec.name)}" data-values="${escapeHtml(JSON.stringify(values))}">`,
    `<figcaption>${escapeHtml(spec.title)}</figcaption>`,
    renderChartSvg(spec),
    '</figure>',
  ].join('\n');
}

function chartsByName(report: Report): Map<string, string> {
  return new Map(reportCharts(report).map((spec) => [spec.name, figure(spec)]));
}

function chartHtml(charts: Map<string, string>, name: string): string {
  return charts.get(name) ?? '';
}

function header(title: string, periodText: string, report: Report): string {
  return [
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="period">${escapeHtml(periodText)}</p>`,
    '<dl class="provenance">',
    `<dt>Built at event position</dt><dd>${escapeHtml(formatCount(report.position))}</dd>`,
    `<dt>Validity policy version</dt><dd>${escapeHtml(report.policyVersion)}</dd>`,
    '</dl>',
    '</header>',
  ].join('\n');
}

function periodText(period: ReportPeriod): string {
  return `Period ${period.label}: ${period.from} to ${period.to} (inclusive)`;
}

const CRITERIA = ['1', '2', '3', '4', '5', '6', '7', '8'] as const;

function criteriaTable(caption: string, criteria: CriteriaCount, totalDenials?: number): string {
  return table({
    caption,
    chart: 'denial-criteria',
    columns: [{ header: 'Criterion' }, { header: 'Times cited', num: true }],
    rows: CRITERIA.map((c) => [text(`Criterion ${c}`), count(criteria[c], true)]),
    ...(totalDenials === undefined ? {} : { footer: [text('Denials in all'), count(totalDenials)] }),
  });
}

function section(heading: string, ...parts: string[]): string {
  return [
    '<section>',
    `<h2>${escapeHtml(heading)}</h2>`,
    ...parts.filter((p) => p !== ''),
    '</section>',
  ].join('\n');
}

function yearlyOverview(report: YearlyOverviewReport): string {
  const charts = chartsByName(report);
  const title = `Yearly overview of export licences ${report.year}`;
  const optional = (v: number | null): Cell => (v === null ? text('—') : count(v));
  const body = [
    header(title, `Year ${report.year}: ${report.year}-01-01 to ${report.year}-12-31`, report),
    '<main>',
    section(
      'Value by control list category',
      table({
        caption: 'Licences issued and their value by category',
        columns: [{ header: 'Category' }, { header: 'Licences', num: true }, { header: 'Value', num: true }],
        rows: report.valueByCategory.map((r) => [text(r.category), count(r.licences), money(r.valueEur)]),
      }),
    ),
    section(
      'Value by destination',
      chartHtml(charts, 'value-by-destination'),
      table({
        caption: 'Licences issued and their value by destination',
        chart: 'value-by-destination',
        columns: [
          { header: 'Destination' },
          { header: 'Licences', num: true },
          { header: 'Value', num: true },
        ],
        rows: report.valueByDestination.map((r) => [
          text(r.destination),
          count(r.licences),
          money(r.valueEur, true),
        ]),
      }),
    ),
    section(
      'Licences per month',
      chartHtml(charts, 'licences-per-month'),
      table({
        caption: 'Licences issued per month',
        chart: 'licences-per-month',
        columns: [{ header: 'Month' }, { header: 'Licences', num: true }],
        rows: report.licencesPerMonth.map((r) => [text(r.month), count(r.licences, true)]),
      }),
    ),
    section(
      'Period of validity',
      chartHtml(charts, 'validity-mix'),
      table({
        caption: 'Licences issued in the year by period of validity',
        chart: 'validity-mix',
        columns: [{ header: 'Validity' }, { header: 'Licences', num: true }],
        rows: report.validityMix.map((r) => [text(`${r.months} months`), count(r.licences, true)]),
      }),
      table({
        caption: 'Extensions',
        columns: [{ header: 'Measure' }, { header: 'Number', num: true }],
        rows: [[text('Licences extended'), count(report.extensions)]],
      }),
    ),
    section(
      'Denials',
      chartHtml(charts, 'denial-criteria'),
      criteriaTable('Criteria cited in denials', report.denialsByCriterion, report.denials),
    ),
    section(
      'Revocations',
      table({
        caption: 'Licences revoked in the year',
        columns: [
          { header: 'Case' },
          { header: 'Revoked on' },
          { header: 'Destination' },
          { header: 'Circumstances' },
          { header: 'Criteria' },
        ],
        rows: report.revocations.map((r) => [
          text(r.caseId),
          date(r.revokedOn),
          text(r.destination),
          text(r.circumstances),
          text(r.criteria.join(', ')),
        ]),
      }),
    ),
    section(
      'Sondages and decision times',
      table({
        caption: 'Sondages (prior consultations)',
        columns: [{ header: 'Measure' }, { header: 'Number', num: true }],
        rows: [
          [text('Requested'), count(report.sondages.requested)],
          [text('Positive'), count(report.sondages.positive)],
          [text('Negative'), count(report.sondages.negative)],
        ],
      }),
      table({
        caption: 'Calendar days from application to decision',
        columns: [{ header: 'Measure' }, { header: 'Days', num: true }],
        rows: [
          [text('Decisions taken'), count(report.decisionDays.decisions)],
          [text('Median'), optional(report.decisionDays.median)],
          [text('90th percentile'), optional(report.decisionDays.p90)],
          [text('Longest'), optional(report.decisionDays.max)],
        ],
      }),
    ),
    '</main>',
  ];
  return htmlDocument(title, body.join('\n'));
}

function euAnnual(report: EuAnnualReport): string {
  const charts = chartsByName(report);
  const title = `EU annual report on arms exports ${report.year}`;
  const criteriaText = (c: CriteriaCount): string =>
    CRITERIA.filter((k) => c[k] > 0)
      .map((k) => `${k} (${formatCount(c[k])})`)
      .join(', ') || '—';
  const overall = report.totals.overall;
  const body = [
    header(title, `Year ${report.year}: ${report.year}-01-01 to ${report.year}-12-31`, report),
    '<main>',
    `<p class="notice" data-actual-exports="not-recorded">${escapeHtml(ACTUAL_EXPORTS_NOT_RECORDED)}</p>`,
    section(
      'Licences by destination and category',
      table({
        caption: 'Licences issued, their value and denials, by destination and military list category',
        columns: [
          { header: 'Destination' },
          { header: 'Category' },
          { header: 'Licences', num: true },
          { header: 'Value issued', num: true },
          { header: 'Denials', num: true },
          { header: 'Criteria cited (times)' },
          { header: 'Actual exports' },
        ],
        rows: report.rows.map((r) => [
          text(r.destination),
          text(r.category),
          count(r.licencesIssued),
          money(r.valueIssuedEur),
          count(r.denials),
          text(criteriaText(r.criteriaCited)),
          text('not recorded'),
        ]),
      }),
    ),
    section(
      'Totals by destination',
      chartHtml(charts, 'value-by-destination'),
      table({
        caption: 'Totals by destination',
        chart: 'value-by-destination',
        columns: [
          { header: 'Destination' },
          { header: 'Licences', num: true },
          { header: 'Value issued', num: true },
          { header: 'Denials', num: true },
        ],
        rows: report.totals.perDestination.map((d) => [
          text(d.destination),
          count(d.licencesIssued),
          money(d.valueIssuedEur, true),
          count(d.denials),
        ]),
        footer: [
          text('All destinations'),
          count(overall.licencesIssued),
          money(overall.valueIssuedEur),
          count(overall.denials),
        ],
      }),
    ),
    section(
      'Denials',
      chartHtml(charts, 'denial-criteria'),
      criteriaTable('Criteria cited in denials, all destinations', overall.criteriaCited, overall.denials),
    ),
    report.notes.length === 0
      ? ''
      : section('Notes', `<ul>\n${report.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('\n')}\n</ul>`),
    '</main>',
  ];
  return htmlDocument(title, body.join('\n'));
}

function issuedTable(caption: string, lines: readonly IssuedLicenceLine[]): string {
  return table({
    caption,
    columns: [
      { header: 'Case' },
      { header: 'Issued on' },
      { header: 'Destination' },
      { header: 'Goods' },
      { header: 'Control list entry' },
      { header: 'Value', num: true },
      { header: 'Valid until' },
    ],
    rows: lines.map((l) => [
      text(l.caseId),
      date(l.issuedOn),
      text(l.destination),
      text(l.goodsDescription),
      text(l.controlListEntry),
      money(l.valueEur),
      date(l.validUntil),
    ]),
  });
}

function issued(report: IssuedReport): string {
  const charts = chartsByName(report);
  const title = `Export licences issued, ${report.period.label}`;
  const byDestination = issuedByDestination(report);
  const body = [
    header(title, periodText(report.period), report),
    '<main>',
    section('Military goods', issuedTable('Licences issued for military goods', report.military)),
    section('Dual-use goods', issuedTable('Licences issued for dual-use goods', report.dualUse)),
    section(
      'Value by destination',
      chartHtml(charts, 'value-by-destination'),
      table({
        caption: 'Licences issued and their value by destination (military and dual-use together)',
        chart: 'value-by-destination',
        columns: [
          { header: 'Destination' },
          { header: 'Licences', num: true },
          { header: 'Value', num: true },
        ],
        rows: byDestination.map((r) => [text(r.destination), count(r.licences), money(r.valueEur, true)]),
      }),
    ),
    '</main>',
  ];
  return htmlDocument(title, body.join('\n'));
}

function largeLicences(report: LargeLicencesReport): string {
  const charts = chartsByName(report);
  const title = `Licences above ${formatEur(report.thresholdEur)}, ${report.period.label}`;
  const body = [
    header(title, periodText(report.period), report),
    '<main>',
    section(
      'Licences',
      table({
        caption: `Licences whose total value is above ${formatEur(report.thresholdEur)}`,
        chart: 'value-per-licence',
        columns: [
          { header: 'Case' },
          { header: 'Issued on' },
          { header: 'Destination' },
          { header: 'End user' },
          { header: 'Goods' },
          { header: 'Total value', num: true },
          { header: 'Valid until' },
        ],
        rows: report.licences.map((l) => [
          text(l.caseId),
          date(l.issuedOn),
          text(l.destination),
          text(l.endUser),
          text(l.goodsCategory),
          money(l.totalValueEur, true),
          date(l.validUntil),
        ]),
      }),
    ),
    section('Value per licence', chartHtml(charts, 'value-per-licence')),
    '</main>',
  ];
  return htmlDocument(title, body.join('\n'));
}

/** The report as a complete, printable HTML document with inline SVG charts and no JavaScript. */
export function renderReportHtml(report: Report): string {
  switch (report.report) {
    case 'yearly-overview':
      return yearlyOverview(report);
    case 'eu-annual':
      return euAnnual(report);
    case 'issued':
      return issued(report);
    case 'large-licences':
      return largeLicences(report);
  }
}
