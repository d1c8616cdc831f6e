import type { IssuedLicenceLine, IssuedReport, LargeLicencesReport } from '../report.types';
import { htmlDocument } from './html-document';
import { HtmlParts } from './html-parts';
import { issuedByDestination } from './report-chart-content';

function kindText(
  parts: HtmlParts,
  line: Pick<IssuedLicenceLine, 'licenceKind'> & { exportType?: string },
): string {
  const kind = parts.labels.licenceKindName(line.licenceKind);
  return line.exportType === 'temporary' ? `${kind}, ${parts.labels.temporary}` : kind;
}

function issuedTable(parts: HtmlParts, caption: string, lines: readonly IssuedLicenceLine[]): string {
  const { labels } = parts;
  return parts.table({
    caption,
    columns: [
      { header: labels.caseId },
      { header: labels.issuedOn },
      { header: labels.kind },
      ...parts.placeColumns(),
      { header: labels.goods },
      { header: labels.controlListEntry },
      { header: labels.value, num: true },
      { header: labels.validUntil },
    ],
    rows: lines.map((l) => [
      parts.text(l.caseId),
      parts.date(l.issuedOn),
      parts.text(kindText(parts, l)),
      ...parts.place(l.destinations),
      parts.text(l.goodsDescription),
      parts.text(l.controlListEntry),
      parts.money(l.valueEur),
      parts.date(l.validUntil),
    ]),
  });
}

export function issuedHtml(report: IssuedReport): string {
  const parts = new HtmlParts(report);
  const { labels } = parts;
  const title = labels.issuedTitle(report.period.label);
  const byDestination = issuedByDestination(report);
  const body = [
    parts.header(title, parts.periodText(report.period)),
    '<main>',
    parts.section(
      labels.militaryGoods,
      issuedTable(parts, labels.issuedCaption(labels.militaryGoods), report.military),
    ),
    parts.section(
      labels.dualUseGoods,
      issuedTable(parts, labels.issuedCaption(labels.dualUseGoods), report.dualUse),
    ),
    parts.section(
      labels.deniedSection,
      parts.table({
        caption: labels.deniedCaption,
        columns: [
          { header: labels.caseId },
          { header: labels.deniedOn },
          { header: labels.kind },
          { header: labels.goodsCategory },
          ...parts.placeColumns(),
          { header: labels.goods },
          { header: labels.controlListEntry },
          { header: labels.value, num: true },
          { header: labels.criteria },
        ],
        rows: report.denials.map((l) => [
          parts.text(l.caseId),
          parts.date(l.deniedOn),
          parts.text(labels.licenceKindName(l.licenceKind)),
          parts.text(labels.goodsCategoryName(l.goodsCategory)),
          ...parts.place(l.destinations),
          parts.text(l.goodsDescription),
          parts.text(l.controlListEntry),
          parts.money(l.valueEur),
          parts.text(l.criteria.join(', ')),
        ]),
      }),
    ),
    parts.section(
      labels.byDestination,
      parts.chart('value-by-destination'),
      parts.table({
        caption: labels.issuedByDestinationCaption,
        chart: 'value-by-destination',
        columns: [
          ...parts.placeColumns(),
          { header: labels.licences, num: true },
          { header: labels.value, num: true },
        ],
        rows: byDestination.map((r) => [
          ...parts.place([r.destination]),
          parts.count(r.licences),
          parts.money(r.valueEur, true),
        ]),
      }),
    ),
    '</main>',
  ];
  return htmlDocument(title, body.join('\n'), report.lang);
}

export function largeLicencesHtml(report: LargeLicencesReport): string {
  const parts = new HtmlParts(report);
  const { labels } = parts;
  const threshold = parts.eur(report.thresholdEur);
  const title = labels.largeTitle(threshold, report.period.label);
  const body = [
    parts.header(title, parts.periodText(report.period)),
    '<main>',
    parts.section(
      labels.licences,
      parts.table({
        caption: labels.largeCaption(threshold),
        chart: 'value-per-licence',
        columns: [
          { header: labels.caseId },
          { header: labels.issuedOn },
          { header: labels.kind },
          ...parts.placeColumns(),
          { header: labels.endUser },
          { header: labels.goods },
          { header: labels.totalValue, num: true },
          { header: labels.validUntil },
        ],
        rows: report.licences.map((l) => [
          parts.text(l.caseId),
          parts.date(l.issuedOn),
          parts.text(labels.licenceKindName(l.licenceKind)),
          ...parts.place(l.destinations),
          parts.text(l.endUsers.join('; ')),
          parts.text(labels.goodsCategoryName(l.goodsCategory)),
          parts.money(l.totalValueEur, true),
          parts.date(l.validUntil),
        ]),
      }),
    ),
    parts.section(labels.valuePerLicence, parts.chart('value-per-licence')),
    '</main>',
  ];
  return htmlDocument(title, body.join('\n'), report.lang);
}
