import { createHash } from 'node:crypto';
import { dutchNumber } from '../report-language';
import type { ReportLanguage } from '../report.types';

/*
 * The page shell of an HTML report: a complete HTML5 document with inline CSS (screen and print),
 * no JavaScript, and helpers to escape text and format numbers the same way everywhere. The page
 * carries its own Content-Security-Policy, so that a report opened from a file is held to it too.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in HTML element content and in quoted attribute values. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * `1250000` → `€ 1,250,000.00` (English) or `€ 1.250.000,00` (Dutch); the amounts are exact euros
 * computed from cents.
 */
export function formatEur(value: number, lang: ReportLanguage = 'en'): string {
  if (lang === 'nl') return `€ ${dutchNumber(value, 'amount')}`;
  const sign = value < 0 ? '-' : '';
  const [whole, cents] = Math.abs(value).toFixed(2).split('.');
  return `${sign}€ ${groupThousands(whole ?? '0')}.${cents ?? '00'}`;
}

/** Whole counts with thousands separators: `12345` → `12,345` (English) or `12.345` (Dutch). */
export function formatCount(value: number, lang: ReportLanguage = 'en'): string {
  if (lang === 'nl') return dutchNumber(Math.trunc(value), 'count');
  const sign = value < 0 ? '-' : '';
  return `${sign}${groupThousands(String(Math.abs(Math.trunc(value))))}`;
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Arial, Helvetica, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
.period { font-size: 1.05rem; margin-top: 0; }
dl.provenance { display: grid; grid-template-columns: max-content auto; gap: 0.1rem 1rem; font-size: 0.9rem; color: #444; }
dl.provenance dt { font-weight: 600; }
dl.provenance dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.date { white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
figure.chart { margin: 1rem 0; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figcaption { font-weight: 600; margin-bottom: 0.25rem; }
.notice { border-left: 4px solid #c77700; background: #fff7e6; padding: 0.5rem 0.75rem; }
.empty { font-style: italic; color: #555; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table, figure.chart { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  figure.chart svg { max-width: 180mm; max-height: 250mm; }
  th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/**
 * Nothing loads, nothing runs: the page may use its one stylesheet, allowed by its hash, and
 * nothing else. The charts carry no styles of their own (see report-charts.ts).
 */
/**
 * The report's one stylesheet as a Content-Security-Policy source. The console allows it too: a
 * report it opens in a window of its own (from a blob) is held to the console's policy as well.
 */
export const REPORT_STYLE_SOURCE = `'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`;

const PAGE_POLICY = [
  "default-src 'none'",
  `style-src ${REPORT_STYLE_SOURCE}`,
  "base-uri 'none'",
  "form-action 'none'",
];

/**
 * The Content-Security-Policy header for a report page: the policy the page states itself, and
 * `frame-ancestors 'none'`, which only a header can set.
 */
export const REPORT_CONTENT_SECURITY_POLICY = [...PAGE_POLICY, "frame-ancestors 'none'"].join('; ');

/** A complete HTML5 document; `title` is escaped here, `body` must already be safe HTML. */
export function htmlDocument(title: string, body: string, lang: ReportLanguage = 'en'): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(PAGE_POLICY.join('; '))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
