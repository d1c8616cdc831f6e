import { REPORT_CONTENT_SECURITY_POLICY } from './html/html-document';
import { renderReportHtml } from './html/render-report-html';
import { renderReportCsv } from './report.csv';
import { renderReportJson } from './report.json';
import { renderReportMarkdown } from './report.markdown';
import type { Report, ReportFormat } from './report.types';

export interface FormattedReport {
  readonly contentType: string;
  readonly body: string;
  /** For HTML: the Content-Security-Policy header the page must be served with. */
  readonly contentSecurityPolicy?: string;
}

export function formatReport(report: Report, format: ReportFormat): FormattedReport {
  switch (format) {
    case 'json':
      return { contentType: 'application/json; charset=utf-8', body: renderReportJson(report) };
    case 'csv':
      return { contentType: 'text/csv; charset=utf-8', body: renderReportCsv(report) };
    case 'md':
      return { contentType: 'text/markdown; charset=utf-8', body: renderReportMarkdown(report) };
    case 'html':
      return {
        contentType: 'text/html; charset=utf-8',
        body: renderReportHtml(report),
        contentSecurityPolicy: REPORT_CONTENT_SECURITY_POLICY,
      };
    default: {
      const unexpected: never = format;
      throw new Error(`Unknown format ${String(unexpected)}`);
    }
  }
}
