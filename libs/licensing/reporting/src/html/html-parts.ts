import { readerDate } from '../report-language';
import type { CriteriaCount, Report, ReportPeriod } from '../report.types';
import { escapeHtml, formatCount, formatEur } from './html-document';
import type { HtmlLabels } from './report-html.labels';
import { htmlLabels } from './report-html.labels';
import type { ChartSpec } from './report-charts';
import { formatChartValue, renderChartSvg } from './report-charts';
import { reportCharts } from './report-chart-content';

/*
 * The building blocks of the HTML reports, in the report's language: cells written for a reader
 * (numbers and dates the Dutch way in a Dutch report), tables, sections and charts.
 *
 * Each chart is a `<figure data-chart="name">`; the table holding the same numbers has
 * `data-chart-table="name"` and marks those cells with `data-chart-value`, in chart order.
 */

export interface Cell {
  readonly text: string;
  readonly num?: boolean;
  readonly date?: boolean;
  readonly chartValue?: boolean;
}

export interface Column {
  readonly header: string;
  readonly num?: boolean;
}

export const CRITERIA = ['1', '2', '3', '4', '5', '6', '7', '8'] as const;

export class HtmlParts {
  readonly labels: HtmlLabels;
  private readonly charts: Map<string, string>;

  constructor(readonly report: Report) {
    this.labels = htmlLabels(report.lang);
    this.charts = new Map(reportCharts(report).map((spec) => [spec.name, this.figure(spec)]));
  }

  text(value: string): Cell {
    return { text: value };
  }

  date(value: string): Cell {
    return { text: readerDate(value, this.report.lang), date: true };
  }

  count(value: number, chartValue = false): Cell {
    return { text: formatCount(value, this.report.lang), num: true, chartValue };
  }

  money(value: number, chartValue = false): Cell {
    return { text: this.eur(value), num: true, chartValue };
  }

  eur(value: number): string {
    return formatEur(value, this.report.lang);
  }

  /** Columns for a destination: its code and its Dutch and English names. */
  placeColumns(): Column[] {
    return [
      { header: this.labels.destination },
      { header: this.labels.countryNl },
      { header: this.labels.countryEn },
    ];
  }

  place(codes: readonly string[]): Cell[] {
    const names = codes.map((code) => this.report.countries[code]);
    return [
      this.text(codes.join(' ')),
      this.text(names.map((n, i) => n?.nl ?? codes[i]).join('; ')),
      this.text(names.map((n, i) => n?.en ?? codes[i]).join('; ')),
    ];
  }

  table(options: {
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
        ? `<tr><td colspan="${options.columns.length}" class="empty">${escapeHtml(this.labels.none)}</td></tr>`
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

  private figure(spec: ChartSpec): string {
    const values = spec.values.map((v) => formatChartValue(spec.kind, v, spec.lang));
    return [
      `<figure class="chart" data-chart="${escapeHtml(spec.name)}" data-values="${escapeHtml(JSON.stringify(values))}">`,
      `<figcaption>${escapeHtml(spec.title)}</figcaption>`,
      renderChartSvg(spec),
      '</figure>',
    ].join('\n');
  }

  chart(name: string): string {
    return this.charts.get(name) ?? '';
  }

  header(title: string, periodText: string): string {
    return [
      '<header>',
      `<h1>${escapeHtml(title)}</h1>`,
      `<p class="period">${escapeHtml(periodText)}</p>`,
      '<dl class="provenance">',
      `<dt>${escapeHtml(this.labels.builtAt)}</dt><dd>${escapeHtml(formatCount(this.report.position, this.report.lang))}</dd>`,
      `<dt>${escapeHtml(this.labels.policyVersion)}</dt><dd>${escapeHtml(this.report.policyVersion)}</dd>`,
      '</dl>',
      '</header>',
    ].join('\n');
  }

  periodText(period: ReportPeriod): string {
    const lang = this.report.lang;
    return this.labels.period(period.label, readerDate(period.from, lang), readerDate(period.to, lang));
  }

  yearText(year: number): string {
    const lang = this.report.lang;
    return this.labels.year(year, readerDate(`${year}-01-01`, lang), readerDate(`${year}-12-31`, lang));
  }

  criteriaTable(caption: string, criteria: CriteriaCount, totalDenials?: number): string {
    return this.table({
      caption,
      chart: 'denial-criteria',
      columns: [{ header: this.labels.criterion('').trim() }, { header: this.labels.timesCited, num: true }],
      rows: CRITERIA.map((c) => [this.text(this.labels.criterion(c)), this.count(criteria[c], true)]),
      ...(totalDenials === undefined
        ? {}
        : { footer: [this.text(this.labels.denialsInAll), this.count(totalDenials)] }),
    });
  }

  section(heading: string, ...parts: string[]): string {
    return [
      '<section>',
      `<h2>${escapeHtml(heading)}</h2>`,
      ...parts.filter((p) => p !== ''),
      '</section>',
    ].join('\n');
  }

  notes(heading: string, notes: readonly string[]): string {
    return notes.length === 0
      ? ''
      : this.section(heading, `<ul>\n${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('\n')}\n</ul>`);
  }
}
