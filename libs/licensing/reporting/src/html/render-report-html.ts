import type { Report } from '../report.types';
import { euAnnualHtml } from './eu-annual.html';
import { issuedHtml, largeLicencesHtml } from './issued.html';
import { htmlLabels } from './report-html.labels';
import { yearlyOverviewHtml } from './yearly-overview.html';

/*
 * The HTML form of a report: one self-contained, printable page in the report's language with the
 * tables of all numbers and the charts as inline SVG. Pure: the same report always gives the same
 * string. No JavaScript.
 */

export const ACTUAL_EXPORTS_NOT_RECORDED = htmlLabels('en').actualExportsNotRecorded;

/** The report as a complete, printable HTML document with inline SVG charts and no JavaScript. */
export function renderReportHtml(report: Report): string {
  switch (report.report) {
    case 'yearly-overview':
      return yearlyOverviewHtml(report);
    case 'eu-annual':
      return euAnnualHtml(report);
    case 'issued':
      return issuedHtml(report);
    case 'large-licences':
      return largeLicencesHtml(report);
    default: {
      const unexpected: never = report;
      throw new Error(`Unknown report ${JSON.stringify(unexpected)}`);
    }
  }
}
