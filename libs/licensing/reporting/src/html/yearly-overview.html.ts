import { GOODS_CATEGORIES } from '@licences/licensing-domain';
import type { YearlyOverviewReport } from '../report.types';
import { htmlDocument } from './html-document';
import type { Cell } from './html-parts';
import { CRITERIA, HtmlParts } from './html-parts';

/** The yearly overview: military and dual-use goods apart, as the Dutch annual report gives them. */
export function yearlyOverviewHtml(report: YearlyOverviewReport): string {
  const parts = new HtmlParts(report);
  const { labels } = parts;
  const title = labels.yearlyTitle(report.year);
  const optional = (v: number | null): Cell => (v === null ? parts.text('—') : parts.count(v));
  const goodsName = (g: (typeof GOODS_CATEGORIES)[number]) =>
    g === 'military' ? labels.military : labels.dualUse;
  const byCategory = GOODS_CATEGORIES.map((goods) =>
    parts.table({
      caption: `${labels.byCategoryCaption}: ${goodsName(goods)}`,
      columns: [
        { header: labels.category },
        { header: labels.licences, num: true },
        { header: labels.value, num: true },
      ],
      rows: report.valueByCategory
        .filter((r) => r.goodsCategory === goods)
        .map((r) => [parts.text(r.category), parts.count(r.licences), parts.money(r.valueEur)]),
    }),
  );
  const body = [
    parts.header(title, parts.yearText(report.year)),
    '<main>',
    parts.section(labels.byCategory, ...byCategory),
    parts.section(
      labels.byDestination,
      parts.chart('value-by-destination'),
      parts.table({
        caption: labels.byDestinationCaption,
        chart: 'value-by-destination',
        columns: [
          { header: labels.goodsCategory },
          ...parts.placeColumns(),
          { header: labels.licences, num: true },
          { header: labels.value, num: true },
        ],
        rows: report.valueByDestination.map((r) => [
          parts.text(labels.goodsCategoryName(r.goodsCategory)),
          ...parts.place([r.destination]),
          parts.count(r.licences),
          parts.money(r.valueEur, true),
        ]),
      }),
    ),
    parts.section(
      labels.perMonth,
      parts.chart('licences-per-month'),
      parts.table({
        caption: labels.perMonthCaption,
        chart: 'licences-per-month',
        columns: [
          { header: labels.month },
          { header: labels.allGoods, num: true },
          { header: labels.military, num: true },
          { header: labels.dualUse, num: true },
        ],
        rows: report.licencesPerMonth.map((r) => [
          parts.text(r.month),
          parts.count(r.licences, true),
          parts.count(r.military),
          parts.count(r.dualUse),
        ]),
      }),
    ),
    parts.section(
      labels.validity,
      parts.chart('validity-mix'),
      parts.table({
        caption: labels.validityCaption,
        chart: 'validity-mix',
        columns: [{ header: labels.validity }, { header: labels.licences, num: true }],
        rows: report.validityMix.map((r) => [
          parts.text(labels.months(r.months)),
          parts.count(r.licences, true),
        ]),
      }),
      parts.table({
        caption: labels.extensions,
        columns: [{ header: labels.measure }, { header: labels.number, num: true }],
        rows: [[parts.text(labels.licencesExtended), parts.count(report.extensions)]],
      }),
    ),
    parts.section(
      labels.denials,
      parts.chart('denial-criteria'),
      parts.criteriaTable(labels.denialsCaption, report.denialsByCriterion, report.denials),
      parts.table({
        caption: labels.denialsByGoodsCaption,
        columns: [
          { header: labels.goodsCategory },
          { header: labels.denials, num: true },
          ...CRITERIA.map((c) => ({ header: labels.criterion(c), num: true })),
        ],
        rows: report.denialsByGoodsCategory.map((r) => [
          parts.text(goodsName(r.goodsCategory)),
          parts.count(r.denials),
          ...CRITERIA.map((c) => parts.count(r.criteriaCited[c])),
        ]),
      }),
    ),
    parts.section(
      labels.revocations,
      parts.table({
        caption: labels.revocationsCaption,
        columns: [
          { header: labels.caseId },
          { header: labels.revokedOn },
          { header: labels.goodsCategory },
          ...parts.placeColumns(),
          { header: labels.circumstances },
          { header: labels.criteria },
        ],
        rows: report.revocations.map((r) => [
          parts.text(r.caseId),
          parts.date(r.revokedOn),
          parts.text(labels.goodsCategoryName(r.goodsCategory)),
          ...parts.place(r.destinations),
          parts.text(r.circumstances),
          parts.text(r.criteria.join(', ')),
        ]),
      }),
    ),
    parts.section(
      labels.stepsAfterIssue,
      parts.table({
        caption: labels.stepsAfterIssueCaption,
        columns: [
          { header: labels.goodsCategory },
          { header: labels.reassessments, num: true },
          { header: labels.maintained, num: true },
          { header: labels.revocationProposed, num: true },
          { header: labels.suspensions, num: true },
          { header: labels.reinstatements, num: true },
          { header: labels.holds, num: true },
          { header: labels.releases, num: true },
        ],
        rows: (report.stepsAfterIssue ?? []).map((r) => [
          parts.text(goodsName(r.goodsCategory)),
          parts.count(r.reassessments),
          parts.count(r.maintained),
          parts.count(r.revocationProposed),
          parts.count(r.suspensions),
          parts.count(r.reinstatements),
          parts.count(r.holds),
          parts.count(r.releases),
        ]),
      }),
    ),
    parts.section(
      labels.sondagesAndDays,
      parts.table({
        caption: labels.sondagesCaption,
        columns: [{ header: labels.measure }, { header: labels.number, num: true }],
        rows: [
          [parts.text(labels.requested), parts.count(report.sondages.requested)],
          [parts.text(labels.positive), parts.count(report.sondages.positive)],
          [parts.text(labels.negative), parts.count(report.sondages.negative)],
        ],
      }),
      parts.table({
        caption: labels.daysCaption,
        columns: [{ header: labels.measure }, { header: labels.days, num: true }],
        rows: [
          [parts.text(labels.decisionsTaken), parts.count(report.decisionDays.decisions)],
          [parts.text(labels.median), optional(report.decisionDays.median)],
          [parts.text(labels.p90), optional(report.decisionDays.p90)],
          [parts.text(labels.longest), optional(report.decisionDays.max)],
        ],
      }),
    ),
    '</main>',
  ];
  return htmlDocument(title, body.join('\n'), report.lang);
}
