import * as echarts from 'echarts';
import type { ReportLanguage } from '../report.types';
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
  /** The language of the title and of how the values are written. */
  readonly lang: ReportLanguage;
}

export function formatChartValue(kind: ChartValueKind, value: number, lang: ReportLanguage = 'en'): string {
  return kind === 'money' ? formatEur(value, lang) : formatCount(value, lang);
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
              formatChartValue(spec.kind, Number(params.value ?? 0), spec.lang),
          },
        },
      ],
    });
    return withoutInlineStyles(stableClassNames(chart.renderToSVGString(), spec.name));
  } finally {
    chart.dispose();
  }
}
