import type { CriteriaCount, EuAnnualReport, EuAnnualTable } from '../report.types';
import { escapeHtml, formatCount, htmlDocument } from './html-document';
import { CRITERIA, HtmlParts } from './html-parts';

/** One table of the EU report (exports, temporary exports, transit or brokering) and its totals. */
function euTable(parts: HtmlParts, name: string, table: EuAnnualTable, chart?: string): string {
  const { labels, report } = parts;
  const criteriaText = (c: CriteriaCount): string =>
    CRITERIA.filter((k) => c[k] > 0)
      .map((k) => `${k} (${formatCount(c[k], report.lang)})`)
      .join(', ') || '—';
  const overall = table.totals.overall;
  return [
    parts.table({
      caption: parts.labels.euByDestinationCaption(name),
      columns: [
        ...parts.placeColumns(),
        { header: labels.category },
        { header: labels.licences, num: true },
        { header: labels.valueIssued, num: true },
        { header: labels.denials, num: true },
        { header: labels.criteriaCitedTimes },
        { header: labels.actualExports },
      ],
      rows: table.rows.map((r) => [
        ...parts.place([r.destination]),
        parts.text(r.category),
        parts.count(r.licencesIssued),
        parts.money(r.valueIssuedEur),
        parts.count(r.denials),
        parts.text(criteriaText(r.criteriaCited)),
        parts.text(labels.notRecorded),
      ]),
    }),
    chart ? parts.chart(chart) : '',
    // A table with no licence and no denial says so once, without a footer of zeros.
    table.rows.length === 0 && !chart
      ? ''
      : parts.table({
          caption: labels.euTotals(name),
          ...(chart ? { chart } : {}),
          columns: [
            ...parts.placeColumns(),
            { header: labels.licences, num: true },
            { header: labels.valueIssued, num: true },
            { header: labels.denials, num: true },
          ],
          rows: table.totals.perDestination.map((d) => [
            ...parts.place([d.destination]),
            parts.count(d.licencesIssued),
            parts.money(d.valueIssuedEur, chart !== undefined),
            parts.count(d.denials),
          ]),
          footer: [
            parts.text(labels.allDestinations),
            parts.text(''),
            parts.text(''),
            parts.count(overall.licencesIssued),
            parts.money(overall.valueIssuedEur),
            parts.count(overall.denials),
          ],
        }),
  ]
    .filter((p) => p !== '')
    .join('\n');
}

export function euAnnualHtml(report: EuAnnualReport): string {
  const parts = new HtmlParts(report);
  const { labels } = parts;
  const title = labels.euTitle(report.year);
  const body = [
    parts.header(title, parts.yearText(report.year)),
    '<main>',
    `<p class="notice" data-actual-exports="not-recorded">${escapeHtml(labels.actualExportsNotRecorded)}</p>`,
    parts.section(labels.euExports, euTable(parts, labels.euExports, report, 'value-by-destination')),
    parts.section(
      labels.denials,
      parts.chart('denial-criteria'),
      parts.criteriaTable(
        labels.euDenialCriteria,
        report.totals.overall.criteriaCited,
        report.totals.overall.denials,
      ),
    ),
    parts.section(labels.euTemporary, euTable(parts, labels.euTemporary, report.temporaryExports)),
    parts.section(labels.euTransit, euTable(parts, labels.euTransit, report.transit)),
    parts.section(labels.euBrokering, euTable(parts, labels.euBrokering, report.brokering)),
    parts.notes(labels.notes, report.notes),
    '</main>',
  ];
  return htmlDocument(title, body.join('\n'), report.lang);
}
