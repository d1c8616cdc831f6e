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

/** The media type a report is served as in each format. */
export function reportContentType(format: ReportFormat): string {
  switch (format) {
    case 'json':
      return 'application/json; charset=utf-8';
    case 'csv':
      return 'text/csv; charset=utf-8';
    case 'md':
      return 'text/markdown; charset=utf-8';
    case 'html':
      return 'text/html; charset=utf-8';
    default: {
      const unexpected: never = format;
      throw new Error(`Unknown format ${String(unexpected)}`);
    }
  }
}

export function formatReport(report: Report, format: ReportFormat): FormattedReport {
  const contentType = reportContentType(format);
  switch (format) {
    case 'json':
      return { contentType, body: renderReportJson(report) };
    case 'csv':
      return { contentType, body: renderReportCsv(report) };
    case 'md':
      return { contentType, body: renderReportMarkdown(report) };
    case 'html':
      return {
        contentType,
        body: renderReportHtml(report),
        contentSecurityPolicy: REPORT_CONTENT_SECURITY_POLICY,
      };
    default: {
      const unexpected: never = format;
      throw new Error(`Unknown format ${String(unexpected)}`);
    }
  }
}
