import * as echarts from 'echarts';
import type {
  EuAnnualReport,
  IssuedReport,
  LargeLicencesReport,
  Report,
  YearlyOverviewReport,
} from '../report.types';
import { formatCount, formatEur } from './html-document';

/*
 * The charts of the HTML report, rendered on the server to SVG strings with ECharts (no DOM, no
 * animation). Every chart is a bar chart whose bars carry their value as a text label, so the
 * numbers a reader sees in a chart are the same text as in the table beside it. The value axis
 * shows no labels of its own: the only numbers in a chart's SVG are its data labels.
 */

export type ChartValueKind = 'money' | 'count';

export interface ChartSpec {
  /** Stable name, used as `data-chart` and to tie the chart to its table. */
  readonly name: string;
  readonly title: string;
  readonly categories: readonly string[];
  readonly values: readonly number[];
  readonly kind: ChartValueKind;
  /** Horizontal bars suit long category names (destinations, case ids); vertical suit months. */
  readonly orientation: 'horizontal' | 'vertical';
}

export function formatChartValue(kind: ChartValueKind, value: number): string {
  return kind === 'money' ? formatEur(value) : formatCount(value);
}

const WIDTH = 680;
const BAR_COLOUR = '#2f5f98';

function chartHeight(spec: ChartSpec): number {
  if (spec.orientation === 'horizontal') return Math.max(140, 50 + 30 * spec.categories.length);
  return 320;
}

/**
 * zrender numbers its painters and their CSS classes per process (`zr0-cls-0`, `zr3-cls-17`, ...);
 * number them per chart instead, in order of appearance, so that the output is the same on every
 * render and the class names are unique within the document.
 */
function stableClassNames(svg: string, chartName: string): string {
  const renamed = new Map<string, string>();
  return svg.replace(/\bzr\d+-cls-\d+\b/g, (name) => {
    let stable = renamed.get(name);
    if (stable === undefined) {
      stable = `chart-${chartName}-${renamed.size}`;
      renamed.set(name, stable);
    }
    return stable;
  });
}

/** SVG attributes that take the same values as the CSS properties of the same name. */
const PRESENTATION_ATTRIBUTES = new Set([
  'alignment-baseline',
  'baseline-shift',
  'dominant-baseline',
  'fill',
  'fill-opacity',
  'font-family',
  'font-size',
  'font-style',
  'font-variant',
  'font-weight',
  'letter-spacing',
  'opacity',
  'paint-order',
  'stroke',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-opacity',
  'stroke-width',
  'text-anchor',
  'text-decoration',
  'visibility',
  'white-space',
  'word-spacing',
]);

/**
 * The report's Content-Security-Policy allows no inline style attributes, and zrender writes its
 * text styles as `style="font-size:12px;..."`: they become presentation attributes, which CSP does
 * not govern. A declaration with no such attribute, or one the element already has, is dropped,
 * as a browser would drop it under the policy. zrender's `<style>` blocks (hover rules) go too:
 * the charts are still images, and the policy allows only the page's own stylesheet.
 */
function withoutInlineStyles(svg: string): string {
  return svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/<[a-z][^>]*\sstyle="[^"]*"[^>]*>/gi, (tag) => {
      const style = /\sstyle="([^"]*)"/.exec(tag)?.[1] ?? '';
      const present = new Set([...tag.matchAll(/\s([a-z:-]+)=/gi)].map((m) => m[1]));
      const attributes = style
        .split(';')
        .map((declaration) => declaration.split(':'))
        .map(([name = '', ...value]) => [name.trim(), value.join(':').trim()] as const)
        .filter(([name, value]) => PRESENTATION_ATTRIBUTES.has(name) && !present.has(name) && value !== '')
        .map(([name, value]) => ` ${name}="${value}"`)
        .join('');
      return tag.replace(/\sstyle="[^"]*"/, attributes);
    });
}

/** Room for the category names left of horizontal bars (about 7px a character at 12px). */
function categoryLabelWidth(spec: ChartSpec): number {
  const longest = Math.max(1, ...spec.categories.map((c) => c.length));
  // Wide enough for a country code in the chart's font; long names are cut with an ellipsis.
  return Math.min(220, Math.max(40, 8 * longest));
}

/** Renders one chart to an SVG string; the same spec always gives the same string. */
export function renderChartSvg(spec: ChartSpec): string {
  const height = chartHeight(spec);
  const categoryAxis = {
    type: 'category' as const,
    data: [...spec.categories],
    inverse: spec.orientation === 'horizontal',
    axisTick: { show: false },
    axisLabel: {
      color: '#1b1b1b',
      interval: 0,
      rotate: spec.orientation === 'vertical' && spec.categories.length > 6 ? 45 : 0,
      ...(spec.orientation === 'horizontal' && {
        width: categoryLabelWidth(spec),
        overflow: 'truncate' as const,
      }),
    },
  };
  const valueAxis = {
    type: 'value' as const,
    axisLabel: { show: false },
    splitLine: { show: spec.orientation === 'vertical' },
  };
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption({
      animation: false,
      silent: true,
      textStyle: { fontFamily: 'Arial, Helvetica, sans-serif' },
      grid:
        spec.orientation === 'horizontal'
          ? { left: categoryLabelWidth(spec) + 30, right: 150, top: 10, bottom: 10 }
          : { left: 40, right: 20, top: 30, bottom: 10, containLabel: true },
      xAxis: spec.orientation === 'horizontal' ? valueAxis : categoryAxis,
      yAxis: spec.orientation === 'horizontal' ? categoryAxis : valueAxis,
      series: [
        {
          type: 'bar',
          data: [...spec.values],
          itemStyle: { color: BAR_COLOUR },
          barMaxWidth: 40,
          label: {
            show: true,
            position: spec.orientation === 'horizontal' ? 'right' : 'top',
            color: '#1b1b1b',
            formatter: (params: { value?: unknown }) =>
              formatChartValue(spec.kind, Number(params.value ?? 0)),
          },
        },
      ],
    });
    return withoutInlineStyles(stableClassNames(chart.renderToSVGString(), spec.name));
  } finally {
    chart.dispose();
  }
}

const CRITERIA = ['1', '2', '3', '4', '5', '6', '7', '8'] as const;

function criteriaChart(criteria: EuAnnualReport['totals']['overall']['criteriaCited']): ChartSpec {
  return {
    name: 'denial-criteria',
    title: 'Denials by criterion cited',
    categories: CRITERIA.map((c) => `Criterion ${c}`),
    values: CRITERIA.map((c) => criteria[c]),
    kind: 'count',
    orientation: 'vertical',
  };
}

/** The same chart in every report that has it, so that readers compare like with like. */
function valueByDestinationChart(rows: readonly { destination: string; valueEur: number }[]): ChartSpec {
  return {
    name: 'value-by-destination',
    title: 'Value of licences issued by destination',
    categories: rows.map((r) => r.destination),
    values: rows.map((r) => r.valueEur),
    kind: 'money',
    orientation: 'horizontal',
  };
}

function yearlyOverviewCharts(report: YearlyOverviewReport): ChartSpec[] {
  return [
    valueByDestinationChart(report.valueByDestination),
    {
      name: 'licences-per-month',
      title: 'Licences issued per month',
      categories: report.licencesPerMonth.map((m) => m.month),
      values: report.licencesPerMonth.map((m) => m.licences),
      kind: 'count',
      orientation: 'vertical',
    },
    {
      name: 'validity-mix',
      title: 'Licences by period of validity',
      categories: report.validityMix.map((v) => `${v.months} months`),
      values: report.validityMix.map((v) => v.licences),
      kind: 'count',
      orientation: 'vertical',
    },
    criteriaChart(report.denialsByCriterion),
  ];
}

function euAnnualCharts(report: EuAnnualReport): ChartSpec[] {
  return [
    valueByDestinationChart(
      report.totals.perDestination.map((d) => ({ destination: d.destination, valueEur: d.valueIssuedEur })),
    ),
    criteriaChart(report.totals.overall.criteriaCited),
  ];
}

/** Value and number of licences per destination over both lists, summed in whole cents. */
export function issuedByDestination(
  report: IssuedReport,
): { readonly destination: string; readonly licences: number; readonly valueEur: number }[] {
  const byDestination = new Map<string, { licences: number; cents: number }>();
  for (const line of [...report.military, ...report.dualUse]) {
    const entry = byDestination.get(line.destination) ?? { licences: 0, cents: 0 };
    entry.licences += 1;
    entry.cents += Math.round(line.valueEur * 100);
    byDestination.set(line.destination, entry);
  }
  return [...byDestination.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([destination, { licences, cents }]) => ({ destination, licences, valueEur: cents / 100 }));
}

function issuedCharts(report: IssuedReport): ChartSpec[] {
  return [valueByDestinationChart(issuedByDestination(report))];
}

function largeLicencesCharts(report: LargeLicencesReport): ChartSpec[] {
  return [
    {
      name: 'value-per-licence',
      title: 'Total value per licence',
      categories: report.licences.map((l) => l.caseId),
      values: report.licences.map((l) => l.totalValueEur),
      kind: 'money',
      orientation: 'horizontal',
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
  }
}
